'use client';

import { HeatmapTable } from '@/components/charts/heatmap-table';
import { DASHBOARD_MODELS } from '@/lib/server/analytics/types';
import { withOnlyLabels } from './filter-edits';
import { useCrossTab } from './queries';
import { BlockSkeleton, EmptyState, ErrorState } from './states';
import { useDashboardFilters } from './use-dashboard-filters';
import { useDrill } from './use-drill';

export function CrossTabCard() {
  const { query } = useDashboardFilters();
  const drill = useDrill();
  const rowsId = DASHBOARD_MODELS.product;
  const colsId = DASHBOARD_MODELS.issueType;
  const result = useCrossTab(query, rowsId, colsId);
  const x = result.data;

  let body;
  if (result.isError && !x) body = <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  else if (!x) body = <BlockSkeleton height={260} />;
  else if (x.max === 0) body = <EmptyState compact />;
  else
    body = (
      <HeatmapTable
        crossTab={x}
        caption={`Transcripts by ${x.rowModelName} and ${x.colModelName}`}
        onSelect={(row, col) =>
          drill((f) =>
            withOnlyLabels(f, [
              { modelId: rowsId, label: row },
              { modelId: colsId, label: col },
            ]),
          )
        }
      />
    );

  return (
    <section className="card chart-card wide" aria-labelledby="cross-tab-title" aria-busy={result.isFetching} data-stale={result.isPlaceholderData || undefined}>
      <header className="card-head">
        <h2 id="cross-tab-title">Product × Issue type</h2>
        <span className="card-meta">transcripts per pair of labels · click a cell to see them</span>
      </header>
      {body}
    </section>
  );
}
