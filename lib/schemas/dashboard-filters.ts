import { z } from 'zod';

/**
 * The dashboard's filters, as they live in the URL. One parser for the pages,
 * the API routes, the CSV export and the CLI, so what a user sees is what
 * they export.
 *
 *   ?range=30d                          last 30 days up to today (UTC), the default
 *   ?range=all                          no date bounds
 *   ?from=2026-10-01&to=2026-10-31      a custom range (inclusive, UTC days); wins over `range`
 *   &label=42:Mobile&label=42:Fiber     a model's labels (OR within a model, AND across models)
 *   &min=0.6                            predictions count from 0.6 (instead of each model's own threshold; min=0: all)
 *   &bucket=42:uncertain&bucket=87:out_of_scope   transcripts a model is unsure of, or whose text is unlike its training data
 *   &language=English&channel=chat&agent=…&queue=…   upload metadata (OR within a field)
 *   &meta.flow=purchase_dispute&meta.flow=refund      any other metadata column (OR within a key, AND across keys)
 *   &import=ij_…                        the transcripts of one import (several: OR)
 *   &q=refund                           words in the transcript text
 */

export const RANGE_PRESETS = ['7d', '30d', '90d', '365d', 'all'] as const;
export type TRangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_RANGE: TRangePreset = '30d';

export const MAX_VALUES_PER_FILTER = 50;
export const MAX_SEARCH_LENGTH = 200;
/** At most this many metadata keys filtered at once. */
export const MAX_META_FILTER_KEYS = 10;
export const META_PARAM_PREFIX = 'meta.';
// eslint-disable-next-line no-control-regex
const META_KEY_RE = /^[^\u0000-\u001f\u007f]{1,100}$/;
export const ZImportJobId = z.string().regex(/^ij_[a-z0-9]{1,32}$/, 'import is an import job id like ij_4f0c…');

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDay(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const ZDay = z
  .string()
  .regex(DAY_RE, 'use a date as YYYY-MM-DD')
  .refine(isRealDay, 'not a calendar date');

export const ZLabelRef = z
  .string()
  .max(300)
  .regex(/^\d{1,9}:.+$/, 'use MODEL_ID:LABEL, like 42:Mobile')
  .transform((s) => {
    const at = s.indexOf(':');
    return { modelId: Number(s.slice(0, at)), label: s.slice(at + 1) };
  });
export type TLabelRef = { modelId: number; label: string };

/** What a prediction can be besides a counted label. */
export const BUCKETS = ['uncertain', 'out_of_scope'] as const;
export type TBucket = (typeof BUCKETS)[number];
export const ZBucketRef = z
  .string()
  .max(40)
  .regex(/^\d{1,9}:(uncertain|out_of_scope)$/, 'use MODEL_ID:uncertain or MODEL_ID:out_of_scope, like 42:uncertain')
  .transform((s) => {
    const at = s.indexOf(':');
    return { modelId: Number(s.slice(0, at)), bucket: s.slice(at + 1) as TBucket };
  });

const values = (what: string) =>
  z
    .array(z.string().trim().min(1, `an empty ${what}`).max(200, `a ${what} is at most 200 characters`))
    .max(MAX_VALUES_PER_FILTER, `at most ${MAX_VALUES_PER_FILTER} values of ${what}`);

/** The raw shape, before the range is resolved to days: what the URL holds. */
export const ZDashboardFilterParams = z.object({
  range: z.enum(RANGE_PRESETS, { message: `range is one of ${RANGE_PRESETS.join(', ')}` }).optional(),
  from: ZDay.optional(),
  to: ZDay.optional(),
  label: z.array(ZLabelRef).max(MAX_VALUES_PER_FILTER, `at most ${MAX_VALUES_PER_FILTER} labels`).default([]),
  bucket: z.array(ZBucketRef).max(MAX_VALUES_PER_FILTER, `at most ${MAX_VALUES_PER_FILTER} buckets`).default([]),
  min: z.coerce
    .number({ message: 'min is a number between 0 and 1' })
    .min(0, 'min is a number between 0 and 1')
    .max(1, 'min is a number between 0 and 1')
    .optional(),
  language: values('language').default([]),
  channel: values('channel').default([]),
  agent: values('agent').default([]),
  queue: values('queue').default([]),
  q: z.string().trim().max(MAX_SEARCH_LENGTH, `q is at most ${MAX_SEARCH_LENGTH} characters`).optional(),
  /** `meta.KEY` params, gathered by key */
  meta: z
    .record(z.string().regex(META_KEY_RE, 'a metadata key is 1 to 100 characters without control characters'), values('metadata value'))
    .refine((m) => Object.keys(m).length <= MAX_META_FILTER_KEYS, `at most ${MAX_META_FILTER_KEYS} metadata keys`)
    .default({}),
  import: z.array(ZImportJobId).max(MAX_VALUES_PER_FILTER, `at most ${MAX_VALUES_PER_FILTER} imports`).default([]),
});
export type TDashboardFilterParams = z.input<typeof ZDashboardFilterParams>;

/** Filters resolved for querying: concrete (inclusive) UTC days or none, labels grouped by model. */
export interface TDashboardFilters {
  /** the preset the dates came from, or 'custom' */
  range: TRangePreset | 'custom';
  from: string | null;
  to: string | null;
  /** model id → the labels to keep (OR); models AND-ed */
  labels: Record<number, string[]>;
  /** model id → the buckets to keep (OR with that model's labels); models AND-ed */
  buckets: Record<number, TBucket[]>;
  /** the confidence from which predictions count, instead of each model's threshold; null: the models' thresholds */
  minScore: number | null;
  language: string[];
  channel: string[];
  agent: string[];
  queue: string[];
  /** metadata key → the values to keep (OR); keys AND-ed */
  meta: Record<string, string[]>;
  /** import job ids (OR) */
  imports: string[];
  q: string | null;
}

export const utcToday = (now: Date = new Date()) => now.toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

const MULTI = ['label', 'bucket', 'language', 'channel', 'agent', 'queue', 'import'] as const;
const SINGLE = ['range', 'from', 'to', 'min', 'q'] as const;

type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function toRecord(input: SearchParamsLike): Record<string, unknown> {
  const get = (k: string): string[] => {
    if (input instanceof URLSearchParams) return input.getAll(k);
    const v = input[k];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const out: Record<string, unknown> = {};
  for (const k of MULTI) out[k] = get(k).filter((v) => v !== '');
  for (const k of SINGLE) {
    const v = get(k)[0];
    if (v !== undefined && v !== '') out[k] = v;
  }
  const keys = input instanceof URLSearchParams ? [...new Set(input.keys())] : Object.keys(input);
  const meta: Record<string, string[]> = {};
  for (const k of keys) {
    if (!k.startsWith(META_PARAM_PREFIX)) continue;
    const values = get(k).filter((v) => v !== '');
    if (values.length) meta[k.slice(META_PARAM_PREFIX.length)] = values;
  }
  out.meta = meta;
  return out;
}

/**
 * Parses filters from URL search params (a page's `searchParams`, a request's
 * `URL.searchParams`, or the CLI's `--filter` string). Throws a ZodError
 * naming the parameter when a value is invalid.
 */
export function parseDashboardFilters(input: SearchParamsLike | string, now: Date = new Date()): TDashboardFilters {
  const params = typeof input === 'string' ? new URLSearchParams(input.replace(/^\?/, '')) : input;
  const p = ZDashboardFilterParams.superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `to (${v.to}) is before from (${v.from})` });
  }).parse(toRecord(params));
  return resolveFilters(p, now);
}

/** Like parseDashboardFilters, but bad params fall back to their defaults (pages should still render). */
export function safeParseDashboardFilters(input: SearchParamsLike, now: Date = new Date()): { filters: TDashboardFilters; error: z.ZodError | null } {
  try {
    return { filters: parseDashboardFilters(input, now), error: null };
  } catch (e) {
    if (e instanceof z.ZodError) return { filters: parseDashboardFilters('', now), error: e };
    throw e;
  }
}

function resolveFilters(p: z.output<typeof ZDashboardFilterParams>, now: Date): TDashboardFilters {
  let range: TDashboardFilters['range'];
  let from: string | null = null;
  let to: string | null = null;
  if (p.from || p.to) {
    range = 'custom';
    from = p.from ?? null;
    to = p.to ?? null;
  } else {
    range = p.range ?? DEFAULT_RANGE;
    if (range !== 'all') {
      to = utcToday(now);
      from = addDays(to, -(Number(range.replace('d', '')) - 1));
    }
  }
  const labels: Record<number, string[]> = {};
  for (const { modelId, label } of p.label) {
    const list = (labels[modelId] ??= []);
    if (!list.includes(label)) list.push(label);
  }
  const buckets: Record<number, TBucket[]> = {};
  for (const { modelId, bucket } of p.bucket) {
    const list = (buckets[modelId] ??= []);
    if (!list.includes(bucket)) list.push(bucket);
  }
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    range,
    from,
    to,
    labels,
    buckets,
    minScore: p.min ?? null,
    language: uniq(p.language),
    channel: uniq(p.channel),
    agent: uniq(p.agent),
    queue: uniq(p.queue),
    meta: Object.fromEntries(Object.entries(p.meta).map(([k, v]) => [k, uniq(v)])),
    imports: uniq(p.import),
    q: p.q ? p.q : null,
  };
}

/**
 * The canonical URL form of resolved filters: a preset stays a preset (so a
 * shared "last 30 days" link stays relative), a custom range keeps its days.
 */
export function filtersToSearchParams(f: TDashboardFilters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.range === 'custom') {
    if (f.from) sp.set('from', f.from);
    if (f.to) sp.set('to', f.to);
  } else if (f.range !== DEFAULT_RANGE) sp.set('range', f.range);
  for (const id of Object.keys(f.labels).map(Number).sort((a, b) => a - b)) {
    for (const l of f.labels[id] ?? []) sp.append('label', `${id}:${l}`);
  }
  for (const id of Object.keys(f.buckets).map(Number).sort((a, b) => a - b)) {
    for (const b of f.buckets[id] ?? []) sp.append('bucket', `${id}:${b}`);
  }
  if (f.minScore !== null) sp.set('min', String(f.minScore));
  for (const k of ['language', 'channel', 'agent', 'queue'] as const) for (const v of f[k]) sp.append(k, v);
  for (const key of Object.keys(f.meta).sort()) for (const v of f.meta[key] ?? []) sp.append(`${META_PARAM_PREFIX}${key}`, v);
  for (const id of f.imports) sp.append('import', id);
  if (f.q) sp.set('q', f.q);
  return sp;
}

/** The previous period of the same length, for "change against the previous period"; null without a bounded range. */
export function previousPeriod(f: Pick<TDashboardFilters, 'from' | 'to'>): { from: string; to: string } | null {
  if (!f.from || !f.to) return null;
  const n = daysBetween(f.from, f.to);
  return { from: addDays(f.from, -n), to: addDays(f.from, -1) };
}

/** True when nothing but the date range narrows the data (the pre-aggregated daily counts can answer). */
export function onlyDateFilters(f: TDashboardFilters): boolean {
  return (
    Object.keys(f.labels).length === 0 &&
    Object.keys(f.buckets).length === 0 &&
    f.minScore === null &&
    f.language.length === 0 &&
    f.channel.length === 0 &&
    f.agent.length === 0 &&
    f.queue.length === 0 &&
    Object.keys(f.meta).length === 0 &&
    f.imports.length === 0 &&
    f.q === null
  );
}
