import { Suspense } from 'react';
import { LabelBarChart } from '@/components/charts/label-bar-chart';
import { db } from '@/lib/db';
import { getLabelBreakdown } from '@/lib/server/analytics/get-label-breakdown';
import { getOverviewTotals } from '@/lib/server/analytics/get-overview-totals';

export const dynamic = 'force-dynamic';

const BREAKDOWNS = [
  { modelId: 42, title: 'Product', color: '#2454d6' },
  { modelId: 87, title: 'Issue type', color: '#0e7c86' },
  { modelId: 156, title: 'Root cause', color: '#7a4cc2', limit: 8 },
  { modelId: 201, title: 'Sentiment', color: '#c2410c' },
] as const;

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : '–');
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '–');

async function Kpis() {
  const [totals, sentiment, issues, churn] = await Promise.all([
    getOverviewTotals(db),
    getLabelBreakdown(db, { modelId: 201 }),
    getLabelBreakdown(db, { modelId: 87, limit: 1 }),
    getLabelBreakdown(db, { modelId: 244 }),
  ]);
  const negative = sentiment.filter((s) => s.label === 'Frustrated' || s.label === 'Angry').reduce((a, s) => a + s.count, 0);
  const sentimentTotal = sentiment.reduce((a, s) => a + s.count, 0);
  const high = churn.find((c) => c.label === 'High')?.count ?? 0;
  const churnTotal = churn.reduce((a, s) => a + s.count, 0);
  const cards = [
    { label: 'Transcripts', value: totals.transcripts.toLocaleString('en'), sub: `${day(totals.from)} – ${day(totals.to)}` },
    { label: 'Negative sentiment', value: pct(negative, sentimentTotal), sub: 'Frustrated or Angry' },
    { label: 'Top issue', value: issues[0]?.label ?? '–', sub: issues[0] ? `${issues[0].count.toLocaleString('en')} transcripts` : '' },
    { label: 'High churn risk', value: pct(high, churnTotal), sub: `${high.toLocaleString('en')} transcripts` },
  ];
  return (
    <section className="grid kpis" aria-label="Key figures">
      {cards.map((c) => (
        <div className="card" key={c.label}>
          <div className="kpi-label">{c.label}</div>
          <div className="kpi-value">{c.value}</div>
          <div className="kpi-sub">{c.sub}</div>
        </div>
      ))}
    </section>
  );
}

async function Breakdown({ modelId, title, color, limit }: { modelId: number; title: string; color: string; limit?: number }) {
  const data = await getLabelBreakdown(db, { modelId, ...(limit ? { limit } : {}) });
  return (
    <div className="card">
      <h2>{title}</h2>
      <div className="chart-box">
        <LabelBarChart data={data} color={color} />
      </div>
    </div>
  );
}

function CardSkeleton({ title }: { title: string }) {
  return (
    <div className="card" aria-busy>
      <h2>{title}</h2>
      <div className="chart-box empty">Loading…</div>
    </div>
  );
}

export default function OverviewPage() {
  return (
    <>
      <h1>Overview</h1>
      <p className="lead">What customers call about and how they feel, from every classified transcript.</p>
      <Suspense fallback={<section className="grid kpis" aria-busy />}>
        <Kpis />
      </Suspense>
      <section className="grid charts">
        {BREAKDOWNS.map((b) => (
          <Suspense key={b.modelId} fallback={<CardSkeleton title={b.title} />}>
            <Breakdown {...b} />
          </Suspense>
        ))}
      </section>
    </>
  );
}
