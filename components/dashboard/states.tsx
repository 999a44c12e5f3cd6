'use client';

import { filtersToSearchParams } from '@/lib/schemas/dashboard-filters';
import { clearedFilters, withPreset } from './filter-edits';
import { useDashboardFilters } from './use-dashboard-filters';

/** "Nothing matches": says so, and offers the way back. */
export function EmptyState({ compact = false }: { compact?: boolean }) {
  const { filters, setFilters } = useDashboardFilters();
  const cleared = clearedFilters(filters);
  // compared as URLs: a preset's resolved days are not part of what it means
  const narrowed = filtersToSearchParams(cleared).toString() !== filtersToSearchParams(filters).toString();
  return (
    <div className={compact ? 'empty-state compact' : 'empty-state'} role="status">
      <p className="empty-title">No transcripts match these filters</p>
      {compact ? null : (
        <div className="empty-actions">
          {narrowed ? (
            <button type="button" className="button" onClick={() => setFilters(cleared)}>
              Clear filters
            </button>
          ) : null}
          {filters.range !== 'all' ? (
            <button type="button" className="button secondary" onClick={() => setFilters(withPreset(filters, 'all'))}>
              Show all time
            </button>
          ) : null}
        </div>
      )}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: Error; onRetry: () => void }) {
  return (
    <div className="empty-state" role="alert">
      <p className="empty-title">Could not load this</p>
      <p className="muted">{error.message}</p>
      <button type="button" className="button secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

/** Grey bars in the shape of the chart that is coming. */
export function BarsSkeleton({ rows = 6 }: { rows?: number }) {
  const widths = [92, 74, 58, 44, 33, 25, 18, 12, 9, 6];
  return (
    <div className="bars-skeleton" aria-hidden>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="bars-skeleton-row">
          <span className="skeleton" style={{ width: 110 }} />
          <span className="skeleton" style={{ width: `${widths[i % widths.length] ?? 10}%` }} />
        </div>
      ))}
    </div>
  );
}

export function BlockSkeleton({ height }: { height: number }) {
  return <div className="skeleton block" style={{ height }} aria-hidden />;
}
