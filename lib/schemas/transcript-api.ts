import { z } from 'zod';
import { fromZodError } from '@/lib/errors';
import type { TranscriptDetail, TranscriptPage } from '@/lib/server/analytics/types';
import { parseDashboardFilters, type TDashboardFilters } from './dashboard-filters';
import { parseTranscriptListParams, type TTranscriptListParams } from './transcript-list';

// The transcripts API (GET /v2/transcripts, /{id}, /export): its query
// parsing, and its snake_case response shapes mapped from the data layer's
// camelCase ones. The dashboard's filter parser is the only filter parser, so
// the API selects exactly what the dashboard shows.

type Issues = z.core.$ZodIssue[];

/** Runs one parser, keeping its zod issues so every bad parameter is reported in one 400. */
function attempt<T>(parse: () => T, issues: Issues): T | undefined {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof z.ZodError)) throw e;
    issues.push(...e.issues);
    return undefined;
  }
}

const invalidQuery = (issues: Issues) => fromZodError(new z.ZodError(issues), 'query parameters');

/** Filters plus paging (`page`, `size`, `sort`, `model`, `dir`); a bad value is a 400 naming the parameter. */
export function parseTranscriptListQuery(sp: URLSearchParams): { filters: TDashboardFilters; list: TTranscriptListParams } {
  const issues: Issues = [];
  const filters = attempt(() => parseDashboardFilters(sp), issues);
  const list = attempt(() => parseTranscriptListParams(sp), issues);
  if (!filters || !list) throw invalidQuery(issues);
  return { filters, list };
}

/** `bom` of the export: start the CSV with a UTF-8 byte-order mark (for Excel). */
export const ZBomValue = z.enum(['true', 'false', '1', '0'], { message: 'bom is true or false' });
const ZBomParam = z.object({ bom: ZBomValue.transform((v) => v === 'true' || v === '1') });

/** Export: the filters, and `bom` (start the CSV with a UTF-8 byte-order mark for Excel; undefined when not given). */
export function parseExportQuery(sp: URLSearchParams): { filters: TDashboardFilters; bom: boolean | undefined } {
  const issues: Issues = [];
  const filters = attempt(() => parseDashboardFilters(sp), issues);
  const raw = sp.get('bom');
  const bom = raw === null || raw === '' ? undefined : attempt(() => ZBomParam.parse({ bom: raw }).bom, issues);
  if (!filters || issues.length) throw invalidQuery(issues);
  return { filters, bom };
}

/** A transcript id in the path: SQLite's 32-bit Int ids. */
export const ZTranscriptId = z.coerce
  .number({ message: 'must be a positive integer transcript id' })
  .int({ message: 'must be a positive integer transcript id' })
  .positive({ message: 'must be a positive integer transcript id' })
  .max(2_147_483_647, { message: 'must be a positive integer transcript id' });

// ---------------------------------------------------------------- responses

export const ZApiTranscriptModel = z.object({
  id: z.number().int(),
  name: z.string(),
  multi_label: z.boolean(),
  labels: z.array(z.string()),
});

export const ZApiTranscriptRow = z.object({
  id: z.number().int(),
  external_id: z.string().nullable(),
  occurred_at: z.string(),
  channel: z.string().nullable(),
  agent: z.string().nullable(),
  queue: z.string().nullable(),
  language: z.string().nullable(),
  /** the first ~200 characters, white space collapsed */
  excerpt: z.string(),
  /** the upload's other columns (filter with meta.KEY=value), each value cut to 200 characters */
  metadata: z.record(z.string(), z.string()),
  /** the import (ingest job) the transcript came from, or null (filter with import=…) */
  import_job_id: z.string().nullable(),
  /** each model's top label, in the order of `models`; a model without a prediction is left out */
  predictions: z.array(
    z.object({
      model_id: z.number().int(),
      label: z.string(),
      score: z.number(),
      /** below the confidence threshold in force (the query's min, else the model's own): the dashboard shows it as Uncertain */
      uncertain: z.boolean(),
      /** the text is unlike what the model was trained on: the dashboard shows it as Out of scope */
      out_of_scope: z.boolean(),
      /** a person corrected the prediction: `label` is theirs, `score` 1 */
      corrected: z.boolean(),
    }),
  ),
});

export const ZApiTranscriptList = z.object({
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
  /** the UTC days (inclusive) the filters resolved to; null when unbounded */
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  models: z.array(ZApiTranscriptModel),
  transcripts: z.array(ZApiTranscriptRow),
  /**
   * With a text search (`q`): transcripts stored but not yet indexed for
   * search, so not among the results even if they match; a bulk import is
   * indexed in the background and this falls to 0 when it has caught up
   * (always 0 without `q`).
   */
  not_searchable: z.number().int(),
  request_id: z.string(),
});
export type TApiTranscriptList = z.infer<typeof ZApiTranscriptList>;

export const ZApiTranscriptDetail = z.object({
  id: z.number().int(),
  external_id: z.string().nullable(),
  occurred_at: z.string(),
  created_at: z.string(),
  channel: z.string().nullable(),
  agent: z.string().nullable(),
  queue: z.string().nullable(),
  customer_id: z.string().nullable(),
  language: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
  /** the import (ingest job) the transcript came from, or null */
  import_job_id: z.string().nullable(),
  text: z.string(),
  predictions: z.array(
    z.object({
      model_id: z.number().int(),
      model_name: z.string(),
      multi_label: z.boolean(),
      model_version_id: z.number().int().nullable(),
      label: z.string(),
      score: z.number(),
      /** the model's threshold in force */
      threshold: z.number(),
      /** below the threshold (and not corrected): counted as Uncertain, not under `label` */
      uncertain: z.boolean(),
      /** unlike the model's training data (and not corrected): counted as Out of scope */
      out_of_scope: z.boolean(),
      /** every label with its score, highest first */
      scores: z.array(z.object({ label: z.string(), score: z.number() })),
      /** the newest correction by a person (it overrides `label` on the dashboard and in exports), or null */
      correction: z.object({ label: z.string(), previous_label: z.string(), created_at: z.string() }).nullable(),
    }),
  ),
  request_id: z.string(),
});
export type TApiTranscriptDetail = z.infer<typeof ZApiTranscriptDetail>;

export function toApiTranscriptList(page: TranscriptPage, filters: TDashboardFilters, requestId: string): TApiTranscriptList {
  return {
    total: page.total,
    page: page.page,
    size: page.pageSize,
    period: { from: filters.from, to: filters.to },
    models: page.models.map((m) => ({ id: m.id, name: m.name, multi_label: m.multiLabel, labels: m.labels })),
    transcripts: page.rows.map((r) => ({
      id: r.id,
      external_id: r.externalId,
      occurred_at: r.occurredAt,
      channel: r.channel,
      agent: r.agent,
      queue: r.queue,
      language: r.language,
      excerpt: r.excerpt,
      metadata: r.metadata,
      import_job_id: r.importJobId,
      predictions: page.models.flatMap((m) => {
        const p = r.predictions[m.id];
        return p ? [{ model_id: m.id, label: p.label, score: p.score, uncertain: p.uncertain, out_of_scope: p.outOfScope, corrected: p.corrected }] : [];
      }),
    })),
    not_searchable: page.notSearchable,
    request_id: requestId,
  };
}

export function toApiTranscriptDetail(t: TranscriptDetail, requestId: string): TApiTranscriptDetail {
  return {
    id: t.id,
    external_id: t.externalId,
    occurred_at: t.occurredAt,
    created_at: t.createdAt,
    channel: t.channel,
    agent: t.agent,
    queue: t.queue,
    customer_id: t.customerId,
    language: t.language,
    metadata: t.metadata,
    import_job_id: t.importJobId,
    text: t.text,
    predictions: t.predictions.map((p) => ({
      model_id: p.modelId,
      model_name: p.modelName,
      multi_label: p.multiLabel,
      model_version_id: p.modelVersionId,
      label: p.label,
      score: p.score,
      threshold: p.threshold,
      uncertain: p.uncertain,
      out_of_scope: p.outOfScope,
      scores: p.scores,
      correction: p.correction ? { label: p.correction.label, previous_label: p.correction.previousLabel, created_at: p.correction.createdAt } : null,
    })),
    request_id: requestId,
  };
}
