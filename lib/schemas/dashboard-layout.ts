import { z } from 'zod';
import { strictObject } from './strict-object';

/**
 * The workspace's overview, as data: which KPI cards, which breakdowns (of a
 * model, a metadata key or a built-in field), the trend's models, the
 * cross-tab's default axes, what the filter bar offers and which columns the
 * drill-down shows. Stored in the database (DashboardLayout), read and
 * replaced over `GET/PUT /v2/dashboard`, edited on the overview by admins.
 * The same document on the wire and in the browser (snake_case, like the
 * public API). Nothing here names a model: the demo seed writes the demo's.
 *
 * A dimension is written as a string, the same in the layout and the URL:
 *
 *   "42"            model 42's top label
 *   "meta.flow"     the upload's metadata column `flow`
 *   "channel" | "agent" | "queue" | "language"   the built-in fields
 */

export const FIELD_DIMENSIONS = ['channel', 'agent', 'queue', 'language'] as const;
export type TFieldDimension = (typeof FIELD_DIMENSIONS)[number];

export const MAX_META_KEY_LENGTH = 100;
export const MAX_KPIS = 8;
export const MAX_BREAKDOWNS = 24;
export const MAX_TREND_MODELS = 12;
export const MAX_FILTERS = 24;
export const MAX_COLUMNS = 24;
export const MAX_TITLE_LENGTH = 60;
export const MAX_KPI_LABELS = 50;

/** A metadata key as uploads store it: any text but control characters, at most 100 characters. */
// eslint-disable-next-line no-control-regex
export const META_KEY_RE = /^[^\u0000-\u001f\u007f]{1,100}$/;

export type TDimension = { kind: 'model'; modelId: number } | { kind: 'meta'; key: string } | { kind: 'field'; field: TFieldDimension };

/** Reads a dimension string; null when it is not one. */
export function parseDimension(s: string): TDimension | null {
  if (/^[1-9]\d{0,8}$/.test(s)) return { kind: 'model', modelId: Number(s) };
  if (s.startsWith('meta.')) {
    const key = s.slice(5);
    return META_KEY_RE.test(key) ? { kind: 'meta', key } : null;
  }
  return (FIELD_DIMENSIONS as readonly string[]).includes(s) ? { kind: 'field', field: s as TFieldDimension } : null;
}

export function dimensionString(d: TDimension): string {
  return d.kind === 'model' ? String(d.modelId) : d.kind === 'meta' ? `meta.${d.key}` : d.field;
}

const DIMENSION_MESSAGE = 'a dimension is a model id ("42"), a metadata key ("meta.flow") or one of channel, agent, queue, language';
export const ZDimensionString = z.string().max(MAX_META_KEY_LENGTH + 5, DIMENSION_MESSAGE).refine((s) => parseDimension(s) !== null, DIMENSION_MESSAGE);

const ZModelId = z.number({ message: 'model_id is a model id (a positive integer)' }).int('model_id is a model id (a positive integer)').positive('model_id is a model id (a positive integer)').max(999_999_999);
const ZTitle = z.string().trim().min(1, 'a title is required').max(MAX_TITLE_LENGTH, `a title is at most ${MAX_TITLE_LENGTH} characters`);
const ZLabelName = z.string().min(1, 'an empty label').max(100, 'a label is at most 100 characters');

export const UP_IS = ['good', 'bad', 'neutral'] as const;

/** KPI cards: each compared with the previous period of equal length. */
export const ZKpiCard = z.discriminatedUnion(
  'kind',
  [
    /** how many transcripts match the filters */
    strictObject({ kind: z.literal('volume'), title: ZTitle }),
    /** the share of a model's counted (not uncertain) predictions that are one of `labels` */
    strictObject({
      kind: z.literal('share'),
      title: ZTitle,
      model_id: ZModelId,
      labels: z.array(ZLabelName).min(1, 'name at least one label').max(MAX_KPI_LABELS, `at most ${MAX_KPI_LABELS} labels`),
      /** whether a rise is good news (green), bad news (red) or neither */
      up_is: z.enum(UP_IS, { message: `up_is is one of ${UP_IS.join(', ')}` }).default('bad'),
    }),
    /** a model's most frequent label and its share */
    strictObject({ kind: z.literal('top'), title: ZTitle, model_id: ZModelId }),
  ],
  { message: 'kind is one of volume, share, top' },
);
export type TKpiCard = z.output<typeof ZKpiCard>;

export const CHART_KINDS = ['bars', 'donut'] as const;

export const ZBreakdownCard = strictObject({
  dimension: ZDimensionString,
  /** the card's heading; the model's name (or the metadata key) when absent */
  title: ZTitle.optional(),
  chart: z.enum(CHART_KINDS, { message: `chart is one of ${CHART_KINDS.join(', ')}` }).default('bars'),
  /** show the top N, with "All N labels" to expand */
  limit: z.number().int().min(1).max(100).optional(),
});
export type TBreakdownCard = z.output<typeof ZBreakdownCard>;

export const ZDashboardLayout = strictObject({
  kpis: z.array(ZKpiCard).max(MAX_KPIS, `at most ${MAX_KPIS} KPI cards`).default([]),
  breakdowns: z.array(ZBreakdownCard).max(MAX_BREAKDOWNS, `at most ${MAX_BREAKDOWNS} breakdown cards`).default([]),
  /** the trend card's model choices, the first shown by default; empty: no trend card */
  trend: strictObject({ models: z.array(ZModelId).max(MAX_TREND_MODELS, `at most ${MAX_TREND_MODELS} trend models`) })
    .default({ models: [] }),
  /** the cross-tab's default axes (the URL's `rows` and `cols` override them); null: no cross-tab card */
  cross_tab: strictObject({ rows: ZDimensionString, cols: ZDimensionString }).nullable().default(null),
  /** models and metadata keys the filter bar offers, in order (dates, channel, queue, agent and language are always there) */
  filters: z.array(ZDimensionString).max(MAX_FILTERS, `at most ${MAX_FILTERS} filters`).default([]),
  /** models and metadata keys shown as drill-down table columns, in order */
  columns: z.array(ZDimensionString).max(MAX_COLUMNS, `at most ${MAX_COLUMNS} columns`).default([]),
});
export type TDashboardLayout = z.output<typeof ZDashboardLayout>;
export type TDashboardLayoutInput = z.input<typeof ZDashboardLayout>;

/** What a workspace without a stored layout shows: the volume, nothing else until someone adds a card. */
export const EMPTY_LAYOUT: TDashboardLayout = {
  kpis: [{ kind: 'volume', title: 'Transcripts' }],
  breakdowns: [],
  trend: { models: [] },
  cross_tab: null,
  filters: [],
  columns: [],
};

/** Every model id a layout refers to (for validation and for "is this model on the overview?"). */
export function layoutModelIds(layout: TDashboardLayout): number[] {
  const ids = new Set<number>();
  const dim = (s: string) => {
    const d = parseDimension(s);
    if (d?.kind === 'model') ids.add(d.modelId);
  };
  for (const k of layout.kpis) if (k.kind !== 'volume') ids.add(k.model_id);
  for (const b of layout.breakdowns) dim(b.dimension);
  for (const m of layout.trend.models) ids.add(m);
  if (layout.cross_tab) {
    dim(layout.cross_tab.rows);
    dim(layout.cross_tab.cols);
  }
  for (const f of layout.filters) dim(f);
  for (const c of layout.columns) dim(c);
  return [...ids];
}

/**
 * The chart choices that live in the URL beside the filters (and so in a
 * saved view): the trend's model and interval, the cross-tab's axes.
 *
 *   ?trend=201&interval=week&rows=42&cols=meta.flow
 */
export const CHART_PARAMS = ['trend', 'interval', 'rows', 'cols'] as const;
