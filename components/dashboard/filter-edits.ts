import { DEFAULT_RANGE, type TDashboardFilters, type TRangePreset } from '@/lib/schemas/dashboard-filters';
import { fmtRange, fmtShare } from './format';

// Pure edits of resolved filters: the filter bar, the chips and every chart
// click go through these, then through filtersToSearchParams into the URL.

export type MetaField = 'language' | 'channel' | 'agent' | 'queue';
export const META_FIELDS: { field: MetaField; title: string }[] = [
  { field: 'language', title: 'Language' },
  { field: 'channel', title: 'Channel' },
  { field: 'agent', title: 'Agent' },
  { field: 'queue', title: 'Queue' },
];

export const PRESET_TITLES: Record<TRangePreset, string> = { '7d': '7 days', '30d': '30 days', '90d': '90 days', '365d': '1 year', all: 'All time' };

export function withPreset(f: TDashboardFilters, range: TRangePreset): TDashboardFilters {
  return { ...f, range, from: null, to: null };
}

/** A custom range; a `from` after `to` moves the other end along instead of producing an invalid link. */
export function withDates(f: TDashboardFilters, from: string | null, to: string | null, changed: 'from' | 'to'): TDashboardFilters {
  let a = from;
  let b = to;
  if (a && b && a > b) {
    if (changed === 'from') b = a;
    else a = b;
  }
  if (!a && !b) return withPreset(f, DEFAULT_RANGE);
  return { ...f, range: 'custom', from: a, to: b };
}

export function withModelLabels(f: TDashboardFilters, modelId: number, labels: string[]): TDashboardFilters {
  const next = { ...f.labels };
  if (labels.length) next[modelId] = labels;
  else delete next[modelId];
  return { ...f, labels: next };
}

/** A chart click: the dashboard narrowed to exactly these labels (one per model). */
export function withOnlyLabels(f: TDashboardFilters, picks: { modelId: number; label: string }[]): TDashboardFilters {
  let next = f;
  for (const p of picks) next = withModelLabels(next, p.modelId, [p.label]);
  return next;
}

export const withMeta = (f: TDashboardFilters, field: MetaField, values: string[]): TDashboardFilters => ({ ...f, [field]: values });
export const withMinScore = (f: TDashboardFilters, min: number | null): TDashboardFilters => ({ ...f, minScore: min && min > 0 ? min : null });
export const withSearch = (f: TDashboardFilters, q: string): TDashboardFilters => ({ ...f, q: q.trim() ? q.trim() : null });

export interface FilterChip {
  key: string;
  text: string;
  remove: (f: TDashboardFilters) => TDashboardFilters;
}

export function rangeTitle(f: TDashboardFilters): string {
  if (f.range === 'custom') return fmtRange(f.from, f.to);
  return f.range === 'all' ? 'All time' : `Last ${PRESET_TITLES[f.range]}`;
}

/** Every filter that narrows the data beyond the defaults, each removable on its own. */
export function activeChips(f: TDashboardFilters, modelName: (id: number) => string): FilterChip[] {
  const chips: FilterChip[] = [];
  if (f.range !== DEFAULT_RANGE) chips.push({ key: 'range', text: rangeTitle(f), remove: (x) => withPreset(x, DEFAULT_RANGE) });
  for (const id of Object.keys(f.labels).map(Number).sort((a, b) => a - b)) {
    for (const label of f.labels[id] ?? []) {
      chips.push({
        key: `label:${id}:${label}`,
        text: `${modelName(id)}: ${label}`,
        remove: (x) => withModelLabels(x, id, (x.labels[id] ?? []).filter((l) => l !== label)),
      });
    }
  }
  if (f.minScore !== null) chips.push({ key: 'min', text: `Confidence ≥ ${fmtShare(f.minScore, 0)}`, remove: (x) => withMinScore(x, null) });
  for (const { field, title } of META_FIELDS) {
    for (const v of f[field]) chips.push({ key: `${field}:${v}`, text: `${title}: ${v}`, remove: (x) => withMeta(x, field, x[field].filter((y) => y !== v)) });
  }
  if (f.q) chips.push({ key: 'q', text: `Text: “${f.q}”`, remove: (x) => ({ ...x, q: null }) });
  return chips;
}
