'use client';

import { DASHBOARD_MODELS } from '@/lib/server/analytics/types';
import { BreakdownCard } from './breakdown-card';
import { CrossTabCard } from './cross-tab-card';
import { KpiCards } from './kpi-cards';
import { useKpis } from './queries';
import { EmptyState } from './states';
import { TrendCard } from './trend-card';
import { useDashboardFilters } from './use-dashboard-filters';

/** The overview's figures and charts, all from the filters in the URL. */
export function Overview() {
  const { query } = useDashboardFilters();
  const kpis = useKpis(query);
  const none = kpis.data?.transcripts.value === 0;
  return (
    <>
      {none ? <EmptyState /> : null}
      <KpiCards kpis={kpis.data} loading={kpis.isFetching} />
      <div className="grid charts">
        <BreakdownCard modelId={DASHBOARD_MODELS.product} title="Product" />
        <BreakdownCard modelId={DASHBOARD_MODELS.issueType} title="Issue type" />
        <BreakdownCard modelId={DASHBOARD_MODELS.rootCause} title="Root cause" limit={8} />
        <BreakdownCard modelId={DASHBOARD_MODELS.sentiment} title="Sentiment" variant="donut" />
      </div>
      <TrendCard />
      <CrossTabCard />
    </>
  );
}
