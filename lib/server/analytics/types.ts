// The shapes the dashboard's data layer returns: raw numbers, ISO strings,
// no formatting (formatting happens at render or export time).

/** The models the overview is built around (the demo taxonomy's ids). */
export const DASHBOARD_MODELS = {
  product: 42,
  issueType: 87,
  rootCause: 156,
  sentiment: 201,
  churnRisk: 244,
  language: 230,
} as const;
export const NEGATIVE_SENTIMENTS = ['Frustrated', 'Angry'] as const;
export const HIGH_CHURN = 'High';

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
  /** first and last day with transcripts (UTC, YYYY-MM-DD), null when empty */
  firstDay: string | null;
  lastDay: string | null;
}

export interface LabelCount {
  label: string;
  count: number;
}

/** A model's top labels over the filtered transcripts. */
export interface Breakdown {
  modelId: number;
  modelName: string;
  /** transcripts in the filtered set that have a prediction of this model */
  total: number;
  /** predictions below the minimum confidence: not counted under any label */
  uncertain: number;
  /** every label of the model, largest count first (zero counts included, model order on ties) */
  labels: LabelCount[];
}

export interface KpiValue {
  value: number | null;
  /** the same figure over the previous period of equal length; null without a bounded date range */
  previous: number | null;
}

export interface Kpis {
  period: { from: string | null; to: string | null };
  previousPeriod: { from: string; to: string } | null;
  /** transcripts matching the filters */
  transcripts: KpiValue;
  /** share (0–1) of sentiment predictions that are Frustrated or Angry */
  negativeShare: KpiValue;
  /** the most frequent issue type and its share (0–1) of issue predictions */
  topIssue: { label: string | null; count: number; share: KpiValue };
  /** share (0–1) of churn-risk predictions that are High */
  churnRiskShare: KpiValue;
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
  rowModelId: number;
  rowModelName: string;
  colModelId: number;
  colModelName: string;
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
  /** below the minimum confidence (or the model's threshold): shown as Uncertain */
  uncertain: boolean;
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
  text: string;
  predictions: {
    modelId: number;
    modelName: string;
    multiLabel: boolean;
    modelVersionId: number | null;
    label: string;
    score: number;
    /** every label with its score, highest first */
    scores: { label: string; score: number }[];
    /** the newest correction of this prediction by a person, if any */
    correction: { label: string; previousLabel: string; createdAt: string } | null;
    /** the model's labels in its order (what a correction can choose from) */
    labels: string[];
  }[];
}

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
  /** model id → top label and score; a corrected prediction has the corrected label, score 1 and `corrected` */
  predictions: Record<number, { label: string; score: number; corrected?: boolean }>;
}
