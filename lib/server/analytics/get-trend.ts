import 'server-only';
import type { Db } from '@/lib/db';
import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { dayNumber, dayString, FactIndex, getFactIndex } from './fact-index';
import { modelName } from './dashboard-models';
import type { Trend, TrendInterval } from './types';

/** At most this many points: a day-by-day trend over years would be unreadable (and heavy); longer ranges fall back to weeks. */
export const MAX_TREND_POINTS = 400;

/** Monday of the ISO week a day number falls in (day 0, 1970-01-01, was a Thursday). */
const weekStart = (d: number) => d - ((d + 3) % 7);

/** A model's labels per day or ISO week over the filtered transcripts, every period of the range present (zeros included). */
export async function getTrend(db: Db, filters: TDashboardFilters, options: { modelId: number; interval: TrendInterval }): Promise<Trend> {
  const index = await getFactIndex(db);
  const rows = await index.select(filters);
  const col = index.models.get(options.modelId);
  const threshold = index.thresholdOf(options.modelId, filters.minScore);

  let first = filters.from ? dayNumber(filters.from) : Infinity;
  let last = filters.to ? dayNumber(filters.to) : -Infinity;
  if (!filters.from || !filters.to) {
    for (let i = 0; i < rows.length; i++) {
      const d = index.day[rows[i]!]!;
      if (!filters.from && d < first) first = d;
      if (!filters.to && d > last) last = d;
    }
  }
  const known = index.meta.get(options.modelId)?.labels ?? [];
  const labels = [...known, ...(col?.dict.values.filter((l) => !known.includes(l)) ?? [])];
  const base = { modelId: options.modelId, modelName: modelName(index, options.modelId), labels };
  if (!Number.isFinite(first) || !Number.isFinite(last) || last < first) return { ...base, interval: options.interval, points: [] };

  const interval: TrendInterval = options.interval === 'day' && last - first + 1 > MAX_TREND_POINTS ? 'week' : options.interval;
  const bucketOf = interval === 'day' ? (d: number) => d : weekStart;
  const start = bucketOf(first);
  const step = interval === 'day' ? 1 : 7;
  const periods = Math.floor((bucketOf(last) - start) / step) + 1;

  // counts[p * width + labelCode]
  const width = (col?.dict.values.length ?? 0) + 1;
  const counts = new Float64Array(periods * width);
  const totals = new Float64Array(periods);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const p = Math.floor((bucketOf(index.day[r]!) - start) / step);
    if (p < 0 || p >= periods) continue;
    totals[p]!++;
    if (!col) continue;
    if (FactIndex.stateOf(col, r, threshold) === 1) counts[p * width + col.label[r]!]!++;
  }
  const codeOf = new Map((col?.dict.values ?? []).map((l, c) => [l, c + 1]));
  const points = Array.from({ length: periods }, (_, p) => {
    const byLabel: Record<string, number> = {};
    for (const l of labels) {
      const c = codeOf.get(l);
      byLabel[l] = c === undefined ? 0 : counts[p * width + c]!;
    }
    return { period: dayString(start + p * step), total: totals[p]!, counts: byLabel };
  });
  return { ...base, interval, points };
}
