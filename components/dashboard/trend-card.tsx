'use client';

import { useId } from 'react';
import { TrendChart } from '@/components/charts/trend-chart';
import { addDays } from '@/lib/schemas/dashboard-filters';
import type { TDashboardLayout } from '@/lib/schemas/dashboard-layout';
import { modelTitle } from './dimensions';
import { withDates, withOnlyLabels } from './filter-edits';
import { useFilterOptions, useTrend } from './queries';
import { BlockSkeleton, EmptyState, ErrorState } from './states';
import { useCardPending } from './pending';
import { useChartChoices } from './use-chart-choices';
import { useDashboardFilters } from './use-dashboard-filters';
import { useDrill } from './use-drill';

/** More models than this and the switcher is a select: a row of buttons would wrap. */
const MAX_SEGMENTS = 5;

const PENDING_KEY = 'card:trend';

/** Label counts per day or week of one of the layout's trend models; the model and the interval live in the URL. A click shows on the card until its answer (pending.tsx). */
export function TrendCard({ layout }: { layout: TDashboardLayout }) {
  const { query } = useDashboardFilters();
  const options = useFilterOptions();
  const drill = useDrill(PENDING_KEY);
  const { choices, url, setChoices } = useChartChoices(layout, PENDING_KEY);
  const headingId = useId();
  const modelId = url.trend ?? 0;
  const result = useTrend(query, modelId, url.interval);
  const { pendingProps } = useCardPending(PENDING_KEY, result.isPlaceholderData, result.isFetching);
  const t = result.data;
  const empty = t ? t.points.every((p) => p.total === 0) : false;
  // a model named by the URL but not by the layout (an old link) stays choosable
  const models = [...layout.trend.models];
  if (choices.trend !== null && !models.includes(choices.trend)) models.push(choices.trend);
  const named = models.map((id) => ({ id, title: modelTitle(options.data, id) }));

  const onSelect = ({ label, period }: { label: string | null; period: string }) =>
    drill((f) => {
      const dated = withDates(f, period, t?.interval === 'week' ? addDays(period, 6) : period, 'from');
      return label && t ? withOnlyLabels(dated, [{ modelId: t.modelId, label }]) : dated;
    });

  let body;
  if (result.isError && !t) body = <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  else if (!t) body = <BlockSkeleton height={280} />;
  else if (empty) body = <EmptyState compact />;
  else body = <TrendChart trend={t} onSelect={onSelect} />;

  const pick = (id: number) => setChoices({ trend: String(id) });
  const select = (className: string) => (
    <select className={className} aria-label="Trend model" value={choices.trend ?? ''} onChange={(e) => pick(Number(e.target.value))}>
      {named.map((m) => (
        <option key={m.id} value={m.id}>
          {m.title}
        </option>
      ))}
    </select>
  );

  return (
    <section className="card chart-card wide" aria-labelledby={headingId} {...pendingProps} data-card="trend">
      <header className="card-head wrap">
        <h2 id={headingId}>
          Trend{named.length === 1 && named[0] ? <span className="card-meta"> · {named[0].title}</span> : null}
        </h2>
        <div className="card-controls">
          {named.length > 1 && named.length <= MAX_SEGMENTS ? (
            <>
              {select('narrow-only')}
              <div className="segmented small wide-only" role="group" aria-label="Trend model">
                {named.map((m) => (
                  <button key={m.id} type="button" aria-pressed={choices.trend === m.id} onClick={() => pick(m.id)}>
                    {m.title}
                  </button>
                ))}
              </div>
            </>
          ) : named.length > MAX_SEGMENTS ? (
            select('')
          ) : null}
          <div className="segmented small" role="group" aria-label="Trend interval">
            {(['day', 'week'] as const).map((i) => (
              <button key={i} type="button" aria-pressed={choices.interval === i} onClick={() => setChoices({ interval: i })}>
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
