'use client';

import { useId } from 'react';
import { HeatmapTable } from '@/components/charts/heatmap-table';
import type { TDashboardLayout } from '@/lib/schemas/dashboard-layout';
import { DimensionOptions } from './dimension-options';
import { dimensionGroups, dimensionTitle, withCurrent } from './dimensions';
import { withOnlyDimensionValues } from './filter-edits';
import { useCrossTab, useFilterOptions } from './queries';
import { BlockSkeleton, EmptyState, ErrorState } from './states';
import { useCardPending } from './pending';
import { useChartChoices } from './use-chart-choices';
import { useDashboardFilters } from './use-dashboard-filters';
import { useDrill } from './use-drill';

const PENDING_KEY = 'card:cross-tab';

/** Transcripts per pair of values of two dimensions; the axes are chosen here (kept in the URL), the layout gives the default. A click shows on the card until its answer (pending.tsx). */
export function CrossTabCard({ layout }: { layout: TDashboardLayout }) {
  const { query } = useDashboardFilters();
  const options = useFilterOptions();
  const drill = useDrill(PENDING_KEY);
  const { choices, url, setChoices } = useChartChoices(layout, PENDING_KEY);
  const headingId = useId();
  const rows = url.rows ?? '';
  const cols = url.cols ?? '';
  const result = useCrossTab(query, rows, cols);
  const { pendingProps } = useCardPending(PENDING_KEY, result.isPlaceholderData, result.isFetching);
  const x = result.data;
  const groups = withCurrent(dimensionGroups(options.data), [choices.rows ?? '', choices.cols ?? ''].filter(Boolean), options.data);
  const rowName = x?.rowName ?? dimensionTitle(rows, options.data);
  const colName = x?.colName ?? dimensionTitle(cols, options.data);

  let body;
  if (result.isError && !x) body = <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  else if (!x) body = <BlockSkeleton height={260} />;
  else if (x.max === 0) body = <EmptyState compact />;
  else
    body = (
      <HeatmapTable
        crossTab={x}
        caption={`Transcripts by ${x.rowName} and ${x.colName}`}
        onSelect={(row, col) =>
          drill((f) =>
            withOnlyDimensionValues(f, [
              { dimension: x.rowDimension, value: row },
              { dimension: x.colDimension, value: col },
            ]),
          )
        }
      />
    );

  return (
    <section className="card chart-card wide" aria-labelledby={headingId} {...pendingProps} data-card="cross-tab">
      <header className="card-head wrap">
        <div>
          <h2 id={headingId}>
            {rowName} × {colName}
          </h2>
          <span className="card-meta">transcripts per pair of values · click a cell to see them</span>
        </div>
        <div className="card-controls axis-controls">
          <label className="axis-select">
            <span>Rows</span>
            <select value={choices.rows ?? ''} onChange={(e) => setChoices({ rows: e.target.value })}>
              <DimensionOptions groups={groups} />
            </select>
          </label>
          <button
            type="button"
            className="button secondary icon-button"
            aria-label="Swap rows and columns"
            title="Swap rows and columns"
            onClick={() => setChoices({ rows: choices.cols, cols: choices.rows })}
          >
            ⇄
          </button>
          <label className="axis-select">
            <span>Columns</span>
            <select value={choices.cols ?? ''} onChange={(e) => setChoices({ cols: e.target.value })}>
              <DimensionOptions groups={groups} />
            </select>
          </label>
        </div>
      </header>
      {body}
    </section>
  );
}
