// The shapes the dashboard's data layer returns: raw numbers, ISO strings,
// no formatting (formatting happens at render or export time).

import type { TKpiCard } from '@/lib/schemas/dashboard-layout';
import type { HeadlineEvaluation } from '@/lib/server/models/headline-evaluation';
import type { ThresholdSource } from '@/lib/server/models/threshold';
import type { BreakdownEstimates } from './estimate-shares';

export interface DashboardModel {
  id: number;
  name: string;
  multiLabel: boolean;
  /** the model's labels in its own order */
  labels: string[];
}

export interface FilterOptions {
  models: DashboardModel[];
  /** values present in the data, most frequent first, with their transcript counts */
  language: { value: string; count: number }[];
  channel: { value: string; count: number }[];
  agent: { value: string; count: number }[];
  queue: { value: string; count: number }[];
  /** metadata keys found in uploads, most common first: each with its values (the 200 most frequent) and how many transcripts carry the key */
  meta: { key: string; transcripts: number; distinct: number; values: { value: string; count: number }[] }[];
  /** the imports transcripts came from, newest first (at most 200) */
  imports: { id: string; fileName: string; createdAt: string; transcripts: number }[];
  /** first and last day with transcripts (UTC, YYYY-MM-DD), null when empty */
  firstDay: string | null;
  lastDay: string | null;
}

export interface LabelCount {
  label: string;
  count: number;
}

/** A dimension's values over the filtered transcripts: a model's top labels, or a metadata key's or field's values. */
export interface Breakdown {
  /** the dimension string ("42", "meta.flow", "channel"; see lib/schemas/dashboard-layout.ts) */
  dimension: string;
  /** the model's id, null for metadata and fields */
  modelId: number | null;
  /** the model's name, the metadata key, or the field's name */
  name: string;
  /** transcripts in the filtered set that have a prediction of this model (a value of this key) */
  total: number;
  /** predictions below the confidence threshold: not counted under any label (always 0 for metadata) */
  uncertain: number;
  /** predictions whose text is unlike the model's training data: not counted under any label */
  outOfScope: number;
  /** the confidence threshold in force (the filters' min, else the model's own); null for metadata */
  threshold: number | null;
  /** where the threshold comes from: a person (set), the model's evaluation, the default, or the filters' min; null for metadata */
  thresholdSource: ThresholdSource | null;
  /** a model's accuracy with what it was measured on, how many examples and when (getBreakdown only; absent for metadata) */
  evaluation?: HeadlineEvaluation | null;
  /** estimated true shares with intervals (asked for with estimates=1; null without held-out predictions) */
  estimates?: BreakdownEstimates | null;
  /** every label of the model, largest count first (zero counts included, model order on ties); for metadata the values present, largest first */
  labels: LabelCount[];
}

export interface KpiValue {
  value: number | null;
  /** the same figure over the previous period of equal length; null without a bounded date range */
  previous: number | null;
}

/** One KPI card of the layout, computed. */
export interface KpiResult {
  /** the card as the layout defines it */
  card: TKpiCard;
  /** 'count' for volume, 'share' (0–1) otherwise */
  format: 'count' | 'share';
  value: KpiValue;
  /** a `top` card's label (null when the model has no counted predictions) */
  label: string | null;
  /** transcripts behind the figure: the matching predictions of a share or top card, the volume itself */
  count: number;
  /** predictions of the card's model that count (not uncertain), the share's denominator; null for volume */
  counted: number | null;
  /** the model the card names no longer exists or has no predictions in the data */
  missingModel: boolean;
}

export interface Kpis {
  period: { from: string | null; to: string | null };
  previousPeriod: { from: string; to: string } | null;
  /** transcripts matching the filters (whatever the layout's cards) */
  transcripts: KpiValue;
  /** the layout's KPI cards, in its order */
  cards: KpiResult[];
}

export type TrendInterval = 'day' | 'week';

export interface Trend {
  modelId: number;
  modelName: string;
  interval: TrendInterval;
  /** the labels stacked, in the model's order */
  labels: string[];
  /** one point per day (or ISO week, starting Monday) in the range, empty periods included */
  points: { period: string; total: number; counts: Record<string, number> }[];
}

export interface CrossTab {
  /** dimension strings of the axes ("42", "meta.flow", "channel") */
  rowDimension: string;
  rowName: string;
  colDimension: string;
  colName: string;
  rows: string[];
  cols: string[];
  /** cells[r][c]: transcripts whose top labels are rows[r] and cols[c] */
  cells: number[][];
  max: number;
}

export interface TopPrediction {
  label: string;
  /** the model's score (1 for a corrected prediction) */
  score: number;
  /** below the confidence threshold in force: shown as Uncertain */
  uncertain: boolean;
  /** the text is unlike what the model was trained on: shown as Out of scope */
  outOfScope: boolean;
  /** a person corrected this prediction: `label` is theirs */
  corrected: boolean;
}

export interface TranscriptRow {
  id: number;
  externalId: string | null;
  /** ISO 8601 */
  occurredAt: string;
  channel: string | null;
  agent: string | null;
  queue: string | null;
  language: string | null;
  /** the first ~200 characters, white space collapsed */
  excerpt: string;
  /** the upload's other columns (each value cut to 200 characters) */
  metadata: Record<string, string>;
  /** the import the transcript came from, if any */
  importJobId: string | null;
  /** model id → top prediction */
  predictions: Record<number, TopPrediction>;
}

export const TRANSCRIPT_SORTS = ['time', 'score'] as const;
export type TranscriptSort = (typeof TRANSCRIPT_SORTS)[number];

export interface TranscriptPage {
  total: number;
  page: number;
  pageSize: number;
  rows: TranscriptRow[];
  /** the models whose predictions the rows carry, in display order */
  models: DashboardModel[];
  /** model id → the threshold in force (the filters' min, else the model's own) */
  thresholds: Record<number, number>;
  /** with a text search (`q`): stored transcripts not yet indexed for search, which it cannot find yet (0 once indexing has caught up, and without `q`) */
  notSearchable: number;
}

export interface TranscriptDetail {
  id: number;
  externalId: string | null;
  occurredAt: string;
  createdAt: string;
  channel: string | null;
  agent: string | null;
  queue: string | null;
  customerId: string | null;
  language: string | null;
  metadata: Record<string, string>;
  importJobId: string | null;
  text: string;
  predictions: {
    modelId: number;
    modelName: string;
    multiLabel: boolean;
    modelVersionId: number | null;
    label: string;
    score: number;
    /** the model's threshold in force (below it: Uncertain) */
    threshold: number;
    /** below the threshold, not corrected: the header shows Uncertain, not the label */
    uncertain: boolean;
    /** the text is unlike the model's training data (not corrected): shown as Out of scope */
    outOfScope: boolean;
    /** every label with its score, highest first */
    scores: { label: string; score: number }[];
    /** the newest correction of this prediction by a person, if any */
    correction: { label: string; previousLabel: string; createdAt: string } | null;
    /** the model's labels in its order (what a correction can choose from) */
    labels: string[];
  }[];
}

/** What a prediction counts as: a label, Uncertain (below the threshold), Out of scope (unlike the training data), or a person's correction. */
export type PredictionStatus = 'counted' | 'uncertain' | 'out_of_scope' | 'corrected';

/** One exported transcript: a CSV row. */
export interface ExportRow {
  id: number;
  externalId: string | null;
  occurredAt: string;
  channel: string | null;
  agent: string | null;
  queue: string | null;
  customerId: string | null;
  language: string | null;
  metadata: Record<string, string>;
  text: string;
  /** model id → top label, score and what it counts as; a corrected prediction has the corrected label, score 1 and status `corrected` */
  predictions: Record<number, { label: string; score: number; status: PredictionStatus }>;
}
