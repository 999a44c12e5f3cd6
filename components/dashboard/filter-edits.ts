import { DEFAULT_RANGE, type TBucket, type TDashboardFilters, type TRangePreset } from '@/lib/schemas/dashboard-filters';
import { parseDimension, type TDashboardLayout } from '@/lib/schemas/dashboard-layout';
import { fmtRange } from './format';
import { confidenceTitle } from './prediction-text';

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

/** What a prediction counts as besides a label, as the dashboard names it. */
export const BUCKET_TITLES: Record<TBucket, string> = { uncertain: 'Uncertain', out_of_scope: 'Out of scope' };

/** A model's Uncertain / Out of scope filter (OR with its labels); none removes it. */
export function withModelBuckets(f: TDashboardFilters, modelId: number, buckets: TBucket[]): TDashboardFilters {
  const next = { ...f.buckets };
  if (buckets.length) next[modelId] = buckets;
  else delete next[modelId];
  return { ...f, buckets: next };
}

/**
 * A click on a model's Uncertain or Out of scope bar: the model narrowed to
 * exactly that bucket. Its label filter goes (labels and buckets are OR-ed
 * within a model, so a label kept would add its transcripts to the bucket's
 * and the drill-down would no longer match the bar).
 */
export function withOnlyBucket(f: TDashboardFilters, modelId: number, bucket: TBucket): TDashboardFilters {
  return withModelBuckets(withModelLabels(f, modelId, []), modelId, [bucket]);
}

/** A chart click: the dashboard narrowed to exactly these labels (one per model; that model's bucket filter goes, like the labels it replaces). */
export function withOnlyLabels(f: TDashboardFilters, picks: { modelId: number; label: string }[]): TDashboardFilters {
  let next = f;
  for (const p of picks) next = withModelBuckets(withModelLabels(next, p.modelId, [p.label]), p.modelId, []);
  return next;
}

export const withMeta = (f: TDashboardFilters, field: MetaField, values: string[]): TDashboardFilters => ({ ...f, [field]: values });

/** One metadata key's values (OR); none removes the key's filter. */
export function withMetaValues(f: TDashboardFilters, key: string, values: string[]): TDashboardFilters {
  const meta = { ...f.meta };
  if (values.length) meta[key] = values;
  else delete meta[key];
  return { ...f, meta };
}

export const withImports = (f: TDashboardFilters, ids: string[]): TDashboardFilters => ({ ...f, imports: ids });

/** The buckets a model's dimension is narrowed to (none for metadata and fields). */
export function selectedBuckets(f: TDashboardFilters, dimension: string): TBucket[] {
  const d = parseDimension(dimension);
  return d?.kind === 'model' ? (f.buckets[d.modelId] ?? []) : [];
}

/** The values a dimension ("42", "meta.flow", "channel") is narrowed to: the bars and slices drawn strong. */
export function selectedValues(f: TDashboardFilters, dimension: string): string[] {
  const d = parseDimension(dimension);
  if (!d) return [];
  if (d.kind === 'model') return f.labels[d.modelId] ?? [];
  if (d.kind === 'meta') return f.meta[d.key] ?? [];
  return f[d.field];
}

/**
 * A chart click on any dimension: a model's label filter, a metadata key's
 * value or a built-in field, each narrowed to exactly the value clicked.
 * A string that is not a dimension changes nothing.
 */
export function withOnlyDimensionValues(f: TDashboardFilters, picks: { dimension: string; value: string }[]): TDashboardFilters {
  let next = f;
  for (const p of picks) {
    const d = parseDimension(p.dimension);
    if (!d) continue;
    if (d.kind === 'model') next = withOnlyLabels(next, [{ modelId: d.modelId, label: p.value }]);
    else if (d.kind === 'meta') next = withMetaValues(next, d.key, [p.value]);
    else next = withMeta(next, d.field, [p.value]);
  }
  return next;
}

/** Every filter back to its default: the range and the models' own thresholds too. */
export const clearedFilters = (f: TDashboardFilters): TDashboardFilters =>
  withPreset({ ...f, labels: {}, buckets: {}, minScore: null, language: [], channel: [], agent: [], queue: [], meta: {}, imports: [], q: null }, DEFAULT_RANGE);
/** The confidence from which predictions count: null is each model's own threshold, 0 counts every prediction ("Any"). */
export const withMinScore = (f: TDashboardFilters, min: number | null): TDashboardFilters => ({ ...f, minScore: min === null || Number.isNaN(min) ? null : Math.min(1, Math.max(0, min)) });
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
export function activeChips(f: TDashboardFilters, modelName: (id: number) => string, importName: (id: string) => string = (id) => id): FilterChip[] {
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
  for (const id of Object.keys(f.buckets).map(Number).sort((a, b) => a - b)) {
    for (const bucket of f.buckets[id] ?? []) {
      chips.push({
        key: `bucket:${id}:${bucket}`,
        text: `${modelName(id)}: ${BUCKET_TITLES[bucket]}`,
        remove: (x) => withModelBuckets(x, id, (x.buckets[id] ?? []).filter((b) => b !== bucket)),
      });
    }
  }
  if (f.minScore !== null) chips.push({ key: 'min', text: `Confidence: ${confidenceTitle(f.minScore)}`, remove: (x) => withMinScore(x, null) });
  for (const { field, title } of META_FIELDS) {
    for (const v of f[field]) chips.push({ key: `${field}:${v}`, text: `${title}: ${v}`, remove: (x) => withMeta(x, field, x[field].filter((y) => y !== v)) });
  }
  for (const key of Object.keys(f.meta).sort()) {
    for (const v of f.meta[key] ?? []) {
      chips.push({ key: `meta:${key}:${v}`, text: `${key}: ${v}`, remove: (x) => withMetaValues(x, key, (x.meta[key] ?? []).filter((y) => y !== v)) });
    }
  }
  for (const id of f.imports) chips.push({ key: `import:${id}`, text: `Import: ${importName(id)}`, remove: (x) => withImports(x, x.imports.filter((y) => y !== id)) });
  if (f.q) chips.push({ key: 'q', text: `Text: “${f.q}”`, remove: (x) => ({ ...x, q: null }) });
  return chips;
}

/**
 * The model and metadata filters the bar shows, in order: the layout's
 * (`filters`), then any the URL narrows by that the layout does not list (a
 * chart click, a shared link, a saved view), then those added with "More
 * filters" for this page only. Each as a dimension string.
 */
export function shownFilterDimensions(layout: Pick<TDashboardLayout, 'filters'> | undefined, f: TDashboardFilters, added: readonly string[]): string[] {
  const out: string[] = [];
  const add = (d: string) => {
    const p = parseDimension(d);
    if (p && p.kind !== 'field' && !out.includes(d)) out.push(d);
  };
  for (const d of layout?.filters ?? []) add(d);
  for (const id of Object.keys(f.labels)) add(id);
  for (const key of Object.keys(f.meta)) add(`meta.${key}`);
  for (const d of added) add(d);
  return out;
}
