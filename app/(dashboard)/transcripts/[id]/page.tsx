import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { fmtDateTime } from '@/components/dashboard/format';
import { Highlight } from '@/components/transcripts/highlight';
import { listSearchParams, safeParseListParams } from '@/components/transcripts/list-params';
import { PredictionList } from '@/components/transcripts/prediction-list';
import { db } from '@/lib/db';
import { filtersToSearchParams, safeParseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getTranscript } from '@/lib/server/analytics/get-transcript';
import { DASHBOARD_MODELS } from '@/lib/server/analytics/types';

export const dynamic = 'force-dynamic';

const ZTranscriptId = z.coerce.number().int().positive().max(2_147_483_647);
const ORDER: number[] = Object.values(DASHBOARD_MODELS);

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = ZTranscriptId.safeParse((await params).id);
  return { title: id.success ? `Transcript ${id.data}` : 'Transcript' };
}

export default async function TranscriptPage({ params, searchParams }: Props) {
  const id = ZTranscriptId.safeParse((await params).id);
  if (!id.success) notFound();
  const t = await getTranscript(db, id.data);
  if (!t) notFound();

  // back to the drill-down as it was: same filters, page and sort
  const raw = await searchParams;
  const { filters } = safeParseDashboardFilters(raw);
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) sp.append(k, x);
  const back = listSearchParams(filtersToSearchParams(filters).toString(), safeParseListParams(sp)).toString();

  const rank = (m: number) => (ORDER.includes(m) ? ORDER.indexOf(m) : ORDER.length + m);
  const predictions = [...t.predictions].sort((a, b) => rank(a.modelId) - rank(b.modelId));
  const facts: [string, string | null][] = [
    ['Occurred', fmtDateTime(t.occurredAt)],
    ['Channel', t.channel],
    ['Agent', t.agent],
    ['Queue', t.queue],
    ['Customer', t.customerId],
    ['Language', t.language],
    ['External id', t.externalId],
    ['Imported', fmtDateTime(t.createdAt)],
    ...Object.entries(t.metadata).map(([k, v]): [string, string] => [k, v]),
  ];

  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href={back ? `/transcripts?${back}` : '/transcripts'}>← Transcripts</Link>
      </nav>
      <div className="page-head">
        <div>
          <h1>Transcript {t.id}</h1>
          <p className="lead">
            {fmtDateTime(t.occurredAt)}
            {t.channel ? ` · ${t.channel}` : ''}
            {t.agent ? ` · ${t.agent}` : ''}
          </p>
        </div>
      </div>
      <div className="detail">
        <div className="detail-main">
          <section className="card" aria-labelledby="text-title">
            <h2 id="text-title">Text</h2>
            {/* the stored text as React text nodes: markup in it shows as markup, never runs */}
            <div className="transcript-text" data-testid="transcript-text">
              <Highlight text={t.text} query={filters.q} />
            </div>
          </section>
        </div>
        <aside className="detail-side">
          <section className="card" aria-labelledby="meta-title">
            <h2 id="meta-title">Details</h2>
            <dl className="facts">
              {facts.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v ?? <span className="muted">–</span>}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section className="card" aria-labelledby="models-title">
            <h2 id="models-title">Models</h2>
            <PredictionList transcriptId={t.id} predictions={predictions} />
          </section>
        </aside>
      </div>
    </>
  );
}
