import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { fmtDateTime, fmtInt } from '@/components/dashboard/format';
import { Highlight } from '@/components/transcripts/highlight';
import { listSearchParams, safeParseListParams } from '@/components/transcripts/list-params';
import { PredictionList } from '@/components/transcripts/prediction-list';
import { db } from '@/lib/db';
import { filtersToSearchParams, safeParseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { parseDimension } from '@/lib/schemas/dashboard-layout';
import { getTranscript } from '@/lib/server/analytics/get-transcript';
import { getTranscriptNeighbors } from '@/lib/server/analytics/transcript-neighbors';
import { getDashboardLayout } from '@/lib/server/dashboard/layout';

export const dynamic = 'force-dynamic';

const ZTranscriptId = z.coerce.number().int().positive().max(2_147_483_647);

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = ZTranscriptId.safeParse((await params).id);
  return { title: id.success ? `Transcript ${id.data}` : 'Transcript' };
}

function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) sp.append(k, x);
  return sp;
}

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);

export default async function TranscriptPage({ params, searchParams }: Props) {
  const id = ZTranscriptId.safeParse((await params).id);
  if (!id.success) notFound();

  // The drill-down this transcript was opened from: its filters, sort and page travel in the URL.
  const raw = await searchParams;
  const { filters } = safeParseDashboardFilters(raw);
  const list = safeParseListParams(toSearchParams(raw));
  const [t, { layout }, neighbors] = await Promise.all([getTranscript(db, id.data, { minScore: filters.minScore }), getDashboardLayout(db), getTranscriptNeighbors(db, filters, list, id.data)]);
  if (!t) notFound();

  // Back to the page of the list that holds this transcript (previous/next may have walked past the one it came from).
  const page = neighbors.position !== null ? Math.ceil(neighbors.position / list.size) : list.page;
  const query = listSearchParams(filtersToSearchParams(filters).toString(), { ...list, page }).toString();
  const transcriptHref = (other: number) => withQuery(`/transcripts/${other}`, query);

  // The models the layout shows as drill-down columns first, in its order; the rest by id.
  const columnOrder = layout.columns.flatMap((c) => {
    const d = parseDimension(c);
    return d?.kind === 'model' ? [d.modelId] : [];
  });
  const rank = (m: number) => (columnOrder.includes(m) ? columnOrder.indexOf(m) : columnOrder.length + m);
  // getTranscript was given the list's min=, so the header counts as the list's cells did.
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
      <nav className="crumbs detail-nav" aria-label="Transcript list">
        <Link href={withQuery('/transcripts', query)}>← Transcripts</Link>
        <span className="detail-steps">
          <span className="muted detail-position">
            {neighbors.position !== null ? `${fmtInt(neighbors.position)} of ${fmtInt(neighbors.total)}` : 'Not in the filtered list'}
          </span>
          {neighbors.previous !== null ? (
            <Link className="button secondary small" href={transcriptHref(neighbors.previous)} rel="prev" aria-label="Previous transcript in the list">
              ‹ Previous
            </Link>
          ) : (
            <span className="button secondary small" aria-disabled="true">
              ‹ Previous
            </span>
          )}
          {neighbors.next !== null ? (
            <Link className="button secondary small" href={transcriptHref(neighbors.next)} rel="next" aria-label="Next transcript in the list">
              Next ›
            </Link>
          ) : (
            <span className="button secondary small" aria-disabled="true">
              Next ›
            </span>
          )}
        </span>
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
            {filters.q ? (
              <p className="muted detail-search">
                Words of “<bdi>{filters.q}</bdi>” are highlighted.
              </p>
            ) : null}
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
              {facts.map(([k, v], i) => (
                <div key={i}>
                  <dt>{k}</dt>
                  <dd>{v ?? <span className="muted">–</span>}</dd>
                </div>
              ))}
              {t.importJobId ? (
                <div>
                  <dt>Import</dt>
                  <dd>
                    <Link href={`/transcripts?${new URLSearchParams({ import: t.importJobId, range: 'all' }).toString()}`}>All transcripts of this import</Link>
                  </dd>
                </div>
              ) : null}
            </dl>
          </section>
          <section className="card" aria-labelledby="models-title">
            <h2 id="models-title">Models</h2>
            <PredictionList transcriptId={t.id} predictions={predictions} fromFilter={filters.minScore !== null} />
          </section>
        </aside>
      </div>
    </>
  );
}
