'use client';

import { useId, useState } from 'react';
import { BreakdownBars } from '@/components/charts/breakdown-bars';
import { Donut } from '@/components/charts/donut';
import type { TBreakdownCard } from '@/lib/schemas/dashboard-layout';
import { dimensionTitle } from './dimensions';
import { selectedValues, withOnlyDimensionValues } from './filter-edits';
import { fmtInt, fmtShare } from './format';
import { useBreakdown, useFilterOptions } from './queries';
import { BarsSkeleton, BlockSkeleton, EmptyState, ErrorState } from './states';
import { useDashboardFilters } from './use-dashboard-filters';
import { useDrill } from './use-drill';

/**
 * One dimension of the layout (a model's labels, a metadata key's values or a
 * field's) over the filtered transcripts: bars or a donut; a click opens the
 * drill-down narrowed to that value.
 */
export function BreakdownCard({ card }: { card: TBreakdownCard }) {
  const { filters, query } = useDashboardFilters();
  const options = useFilterOptions();
  const drill = useDrill();
  const result = useBreakdown(query, card.dimension);
  const [showAll, setShowAll] = useState(false);
  const headingId = useId();
  const b = result.data;
  const title = card.title ?? b?.name ?? dimensionTitle(card.dimension, options.data);
  const limit = card.limit;
  const selected = selectedValues(filters, card.dimension);
  const onSelect = (value: string) => drill((f) => withOnlyDimensionValues(f, [{ dimension: card.dimension, value }]));
  const rows = b ? (limit && !showAll ? b.labels.slice(0, limit) : b.labels) : [];
  const isModel = b ? b.modelId !== null : /^\d+$/.test(card.dimension);
  const noun = isModel ? 'labels' : 'values';

  let body;
  if (result.isError && !b) body = <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  else if (!b) body = card.chart === 'donut' ? <BlockSkeleton height={200} /> : <BarsSkeleton rows={limit ?? 6} />;
  else if (b.total === 0) body = <EmptyState compact />;
  else if (card.chart === 'donut') body = <Donut data={rows} total={b.total} selected={selected} onSelect={onSelect} />;
  else body = <BreakdownBars data={rows} total={b.total} selected={selected} onSelect={onSelect} />;

  return (
    <section className="card chart-card" aria-labelledby={headingId} aria-busy={result.isFetching} data-stale={result.isPlaceholderData || undefined} data-dimension={card.dimension}>
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
              {showAll ? `Top ${limit} only` : `All ${b.labels.length} ${noun}`}
            </button>
          ) : null}
        </footer>
      ) : null}
      {/* the keyboard and screen-reader way into the same drill-down as a bar click (the donut's legend is made of buttons already) */}
      {b && b.total > 0 && card.chart === 'bars' ? (
        <ul className="sr-only bars-keyboard" aria-label={`${title}: open the transcripts of one ${isModel ? 'label' : 'value'}`}>
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
