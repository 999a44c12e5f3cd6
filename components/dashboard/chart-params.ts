import { CHART_PARAMS, parseDimension, type TDashboardLayout } from '@/lib/schemas/dashboard-layout';
import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import type { TrendInterval } from '@/lib/server/analytics/types';
import { defaultInterval } from './trend-interval';

// The chart choices beside the filters in the URL (`trend`, `interval`,
// `rows`, `cols`): read the same way by the overview (browser) and the report
// (server). A value that is not valid falls back to the layout's default.

export type ChartParam = (typeof CHART_PARAMS)[number];

export interface ChartChoices {
  /** the trend's model; null when the layout has no trend card */
  trend: number | null;
  interval: TrendInterval;
  /** the cross-tab's axes (dimension strings); null when the layout has no cross-tab */
  rows: string | null;
  cols: string | null;
}

type ParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function first(sp: ParamsLike, key: string): string | null {
  if (sp instanceof URLSearchParams) return sp.get(key);
  const v = sp[key];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

const MODEL_ID_RE = /^[1-9]\d{0,8}$/;

/** The layout's own choices: what an overview without chart params shows. */
export function defaultChartChoices(layout: TDashboardLayout | undefined, filters: Pick<TDashboardFilters, 'from' | 'to'>): ChartChoices {
  return {
    trend: layout?.trend.models[0] ?? null,
    interval: defaultInterval(filters.from, filters.to),
    rows: layout?.cross_tab?.rows ?? null,
    cols: layout?.cross_tab?.cols ?? null,
  };
}

/** The URL's chart choices over the layout's defaults. */
export function resolveChartChoices(sp: ParamsLike, layout: TDashboardLayout | undefined, filters: Pick<TDashboardFilters, 'from' | 'to'>): ChartChoices {
  const d = defaultChartChoices(layout, filters);
  const trend = first(sp, 'trend');
  const interval = first(sp, 'interval');
  const rows = first(sp, 'rows');
  const cols = first(sp, 'cols');
  const dim = (s: string | null) => (s !== null && parseDimension(s) ? s : null);
  return {
    trend: d.trend !== null && trend !== null && MODEL_ID_RE.test(trend) ? Number(trend) : d.trend,
    interval: interval === 'day' || interval === 'week' ? interval : d.interval,
    rows: d.rows !== null ? (dim(rows) ?? d.rows) : null,
    cols: d.cols !== null ? (dim(cols) ?? d.cols) : null,
  };
}

/**
 * Writes chart choices into search params: a choice equal to the layout's
 * default is left out (the URL stays short and follows the layout), any other
 * is written. `null` removes the param.
 */
export function withChartChoices(sp: URLSearchParams, patch: Partial<Record<ChartParam, string | null>>, defaults: ChartChoices): URLSearchParams {
  const next = new URLSearchParams(sp);
  for (const key of CHART_PARAMS) {
    if (!(key in patch)) continue;
    const v = patch[key];
    const d = defaults[key];
    if (v === null || v === undefined || v === '' || (d !== null && String(d) === v)) next.delete(key);
    else next.set(key, v);
  }
  return next;
}

/** The chart params of a URL, unchanged (for links that carry the view along: the report, a saved view). */
export function chartParamsOf(sp: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of CHART_PARAMS) {
    const v = sp.get(k);
    if (v) out.set(k, v);
  }
  return out;
}
