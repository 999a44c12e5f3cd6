'use client';

import { useState } from 'react';
import { TrendChart } from '@/components/charts/trend-chart';
import { addDays } from '@/lib/schemas/dashboard-filters';
import { DASHBOARD_MODELS, type TrendInterval } from '@/lib/server/analytics/types';
import { withDates, withOnlyLabels } from './filter-edits';
import { useTrend } from './queries';
import { defaultInterval } from './trend-interval';
import { BlockSkeleton, EmptyState, ErrorState } from './states';
import { useDashboardFilters } from './use-dashboard-filters';
import { useDrill } from './use-drill';

export const TREND_MODELS = [
  { id: DASHBOARD_MODELS.sentiment, title: 'Sentiment' },
  { id: DASHBOARD_MODELS.product, title: 'Product' },
  { id: DASHBOARD_MODELS.issueType, title: 'Issue type' },
  { id: DASHBOARD_MODELS.rootCause, title: 'Root cause' },
  { id: DASHBOARD_MODELS.churnRisk, title: 'Churn risk' },
] as const;

export function TrendCard() {
  const { filters, query } = useDashboardFilters();
  const drill = useDrill();
  const [modelId, setModelId] = useState<number>(DASHBOARD_MODELS.sentiment);
  const [chosen, setChosen] = useState<TrendInterval | null>(null);
  const interval = chosen ?? defaultInterval(filters.from, filters.to);
  const result = useTrend(query, modelId, interval);
  const t = result.data;
  const empty = t ? t.points.every((p) => p.total === 0) : false;

  const onSelect = ({ label, period }: { label: string | null; period: string }) =>
    drill((f) => {
      const dated = withDates(f, period, t?.interval === 'week' ? addDays(period, 6) : period, 'from');
      return label ? withOnlyLabels(dated, [{ modelId, label }]) : dated;
    });

  let body;
  if (result.isError && !t) body = <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  else if (!t) body = <BlockSkeleton height={280} />;
  else if (empty) body = <EmptyState compact />;
  else body = <TrendChart trend={t} onSelect={onSelect} />;

  return (
    <section className="card chart-card wide" aria-labelledby="trend-title" aria-busy={result.isFetching} data-stale={result.isPlaceholderData || undefined}>
      <header className="card-head wrap">
        <h2 id="trend-title">Trend</h2>
        <div className="card-controls">
          <select className="narrow-only" aria-label="Trend model" value={modelId} onChange={(e) => setModelId(Number(e.target.value))}>
            {TREND_MODELS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
              </option>
            ))}
          </select>
          <div className="segmented small wide-only" role="group" aria-label="Trend model">
            {TREND_MODELS.map((m) => (
              <button key={m.id} type="button" aria-pressed={modelId === m.id} onClick={() => setModelId(m.id)}>
                {m.title}
              </button>
            ))}
          </div>
          <div className="segmented small" role="group" aria-label="Trend interval">
            {(['day', 'week'] as const).map((i) => (
              <button key={i} type="button" aria-pressed={interval === i} onClick={() => setChosen(i)}>
                {i === 'day' ? 'Daily' : 'Weekly'}
              </button>
            ))}
          </div>
        </div>
      </header>
      {body}
    </section>
  );
}
