'use client';

import { useState } from 'react';
import { BreakdownBars } from '@/components/charts/breakdown-bars';
import { Donut } from '@/components/charts/donut';
import { withOnlyLabels } from './filter-edits';
import { fmtInt, fmtShare } from './format';
import { useBreakdown } from './queries';
import { BarsSkeleton, BlockSkeleton, EmptyState, ErrorState } from './states';
import { useDashboardFilters } from './use-dashboard-filters';
import { useDrill } from './use-drill';

/** One model's labels over the filtered transcripts: bars (or a donut); a click opens the drill-down. */
export function BreakdownCard({ modelId, title, variant = 'bars', limit }: { modelId: number; title: string; variant?: 'bars' | 'donut'; limit?: number }) {
  const { filters, query } = useDashboardFilters();
  const drill = useDrill();
  const result = useBreakdown(query, modelId);
  const [showAll, setShowAll] = useState(false);
  const b = result.data;
  const selected = filters.labels[modelId] ?? [];
  const onSelect = (label: string) => drill((f) => withOnlyLabels(f, [{ modelId, label }]));
  const rows = b ? (limit && !showAll ? b.labels.slice(0, limit) : b.labels) : [];
  const headingId = `breakdown-${modelId}`;

  let body;
  if (result.isError && !b) body = <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  else if (!b) body = variant === 'donut' ? <BlockSkeleton height={200} /> : <BarsSkeleton rows={limit ?? 6} />;
  else if (b.total === 0) body = <EmptyState compact />;
  else if (variant === 'donut') body = <Donut data={b.labels} total={b.total} selected={selected} onSelect={onSelect} />;
  else body = <BreakdownBars data={rows} total={b.total} selected={selected} onSelect={onSelect} />;

  return (
    <section className="card chart-card" aria-labelledby={headingId} aria-busy={result.isFetching} data-stale={result.isPlaceholderData || undefined}>
      <header className="card-head">
        <h2 id={headingId}>{title}</h2>
        {b && b.total > 0 ? <span className="card-meta">{fmtInt(b.total)} transcripts</span> : null}
      </header>
      {body}
      {b && b.total > 0 ? (
        <footer className="card-foot">
          {filters.minScore !== null && b.uncertain > 0 ? (
            <span className="muted" title="Predictions below the minimum confidence are not counted under any label">
              {fmtInt(b.uncertain)} uncertain (below {fmtShare(filters.minScore, 0)}) not shown
            </span>
          ) : (
            <span />
          )}
          {limit && b.labels.length > limit ? (
            <button type="button" className="link-button" onClick={() => setShowAll((s) => !s)} aria-expanded={showAll}>
              {showAll ? `Top ${limit} only` : `All ${b.labels.length} labels`}
            </button>
          ) : null}
        </footer>
      ) : null}
      {/* the keyboard and screen-reader way into the same drill-down as a bar click */}
      {b && b.total > 0 && variant === 'bars' ? (
        <ul className="sr-only" aria-label={`${title}: open the transcripts of one label`}>
          {rows.map((r) => (
            <li key={r.label}>
              <button type="button" onClick={() => onSelect(r.label)}>
                {r.label}: {fmtInt(r.count)} transcripts
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
