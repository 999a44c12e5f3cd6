import { z } from 'zod';
import { ApiError, fromZodError, notFound } from '@/lib/errors';
import type { TModelStudio, TModelVersionDetail } from '@/lib/server/models/get-model-studio';
import { strictObject } from './strict-object';
import { ZCorrection, ZCreateModel, ZLabelInput, ZLabelTranscript, ZUpdateModel, type TCreateModel, type TUpdateModel } from './studio';

// The model studio's public API (POST/PATCH /v2/models, labels, examples,
// versions, reclassify jobs, the labeling queue, labels and corrections on
// transcripts): snake_case request schemas built from the core's camelCase
// rules and mapped onto its inputs, and the snake_case response shapes
// mapped from the data layer. The CLI prints the same shapes with --json.

const INT_MAX = 2_147_483_647;

/** An integer id in a path (SQLite's 32-bit ids). */
export const zPathId = (what: string) => {
  const message = `must be a positive integer ${what} id`;
  return z.coerce.number({ message }).int({ message }).positive({ message }).max(INT_MAX, { message });
};
export const ZModelPathId = zPathId('model');
export const ZVersionPathId = zPathId('version');
/** Parses an id from the path (`param`: its name in the path template); a bad one is a 400 naming it. */
export function parsePathId<T = number>(schema: z.ZodType<T>, raw: string | undefined, param: string): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw fromZodError(new z.ZodError(r.error.issues.map((i) => ({ ...i, path: [param] }))), 'path parameter');
  return r.data;
}

export const modelNotFound = (id: number) =>
  notFound(`No model with id ${id}. GET /v2/models lists the models you can use.`, [{ path: 'id', message: `no model with id ${id}` }]);

export const ZReclassifyJobId = z.string().regex(/^rc_[a-z0-9]{1,32}$/, 'must be a reclassification job id like rc_4f0c…');

const label = ZLabelInput.shape;
/** On update an omitted description is left as it is, so it has no default here. */
const labelDescription = z.string().trim().max(500, 'a description is at most 500 characters').optional();

/** A label: its name alone, or `{name, description, parent_label}`. */
export const ZApiLabelInput = z.union(
  [label.name, strictObject({ name: label.name, description: labelDescription, parent_label: label.parentLabel })],
  { error: 'a label is a name, or an object {"name", "description", "parent_label"}' },
);
type TApiLabelInput = z.infer<typeof ZApiLabelInput>;

const labelOf = (l: TApiLabelInput) => (typeof l === 'string' ? { name: l } : { name: l.name, description: l.description, parentLabel: l.parent_label });

function uniqueLabelNames(labels: readonly TApiLabelInput[] | undefined, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  labels?.forEach((l, i) => {
    const name = labelOf(l).name;
    if (seen.has(name)) ctx.addIssue({ code: 'custom', path: ['labels', i, ...(typeof l === 'string' ? [] : ['name'])], message: `"${name}" appears twice; label names are unique within a model` });
    seen.add(name);
  });
}

const create = ZCreateModel.shape;

/** `POST /v2/models`. */
export const ZApiCreateModel = strictObject(
  {
    name: create.name,
    question: create.question,
    multi_label: create.multiLabel,
    /** the model this one refines (root cause under issue type); its labels may name a `parent_label` */
    parent_model_id: create.parentModelId,
    labels: z.array(ZApiLabelInput).min(2, 'a model needs at least two labels').max(500, 'at most 500 labels'),
  },
  { error: 'the request body must be a JSON object with "name" and "labels"' },
).superRefine((m, ctx) => uniqueLabelNames(m.labels, ctx));

export function toCreateModelInput(body: z.infer<typeof ZApiCreateModel>): TCreateModel {
  return {
    name: body.name,
    question: body.question,
    multiLabel: body.multi_label,
    parentModelId: body.parent_model_id,
    labels: body.labels.map((l) => {
      const { name, description, parentLabel } = labelOf(l);
      return { name, description: description ?? '', parentLabel };
    }),
  };
}

const update = ZUpdateModel.shape;

/** `PATCH /v2/models/{id}`: labels are added, or updated by name (never removed or renamed). */
export const ZApiUpdateModel = strictObject(
  { name: update.name, question: update.question, threshold: update.threshold, labels: z.array(ZApiLabelInput).max(500, 'at most 500 labels').optional() },
  { error: 'the request body must be a JSON object' },
).superRefine((m, ctx) => {
  uniqueLabelNames(m.labels, ctx);
  // An unknown field already says what is wrong ("treshold": did you mean "threshold"?).
  if (!ctx.issues.length && m.name === undefined && m.question === undefined && m.threshold === undefined && m.labels === undefined) {
    ctx.addIssue({ code: 'custom', path: [], message: 'nothing to change: send at least one of name, question, threshold, labels' });
  }
});

export function toUpdateModelInput(body: z.infer<typeof ZApiUpdateModel>): TUpdateModel {
  return { name: body.name, question: body.question, threshold: body.threshold, labels: body.labels?.map(labelOf) };
}

/** Query parameters of `POST /v2/models/{id}/examples` with a file body. */
export const ZApiExamplesFileQuery = z.object({
  file_name: z.string().min(1).max(255).optional(),
  format: z.enum(['csv', 'jsonl', 'json'], { message: 'format is csv, jsonl or json' }).optional(),
  text_field: z.string().min(1).max(200).default('text'),
  label_field: z.string().min(1).max(200).default('label'),
});

const bodyModelId = ZCorrection.shape.modelId.max(INT_MAX, 'must be a model id');

/** `POST /v2/transcripts/{id}/labels`: the transcript becomes a labeled example of the model. */
export const ZApiLabelTranscript = strictObject({ model_id: bodyModelId, labels: ZLabelTranscript.shape.labels }, { error: 'the request body must be a JSON object with "model_id" and "labels"' });

/** `POST /v2/transcripts/{id}/corrections`: the right label for a stored prediction. */
export const ZApiCorrection = strictObject({ model_id: bodyModelId, label: ZCorrection.shape.label }, { error: 'the request body must be a JSON object with "model_id" and "label"' });

/**
 * The core reports a single example's problem at `examples[0]`; a caller that
 * sent `labels` should see that path. Other errors pass through.
 */
export function renameErrorPath(error: unknown, from: string, to: string): unknown {
  if (!(error instanceof ApiError) || !error.details.some((d) => d.path === from)) return error;
  return new ApiError(error.status, error.code, error.message, error.details.map((d) => (d.path === from ? { ...d, path: to } : d)), error.headers);
}

// ---------------------------------------------------------------- responses

export const ZApiModel = z.object({
  id: z.number().int(),
  name: z.string(),
  question: z.string(),
  kind: z.enum(['linear', 'language']),
  multi_label: z.boolean(),
  /** the threshold in force: below it a prediction counts as Uncertain (dashboard, table, export) */
  threshold: z.number(),
  /** set: a person chose it (PATCH threshold; null hands it back); evaluation: the lowest score where the active version's held-out precision reaches 0.9; default: 0.5 multi-label, else 0 */
  threshold_source: z.enum(['set', 'evaluation', 'default']),
  parent_model_id: z.number().int().nullable(),
  labels: z.array(z.object({ name: z.string(), description: z.string(), parent_label: z.string().optional() })),
  active_version: z
    .object({
      id: z.number().int(),
      version: z.number().int(),
      promoted_at: z.string().nullable(),
      trained_on: z.number().int(),
      accuracy: z.number().nullable(),
      macro_f1: z.number().nullable(),
      /** what accuracy was measured on (the held-out split, or a separate set), how many examples, when */
      evaluated_on: z.object({ source: z.string(), n: z.number().int(), at: z.string().nullable() }).nullable(),
    })
    .nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  request_id: z.string().optional(),
});

export const ZApiLabelList = z.object({
  model_id: z.number().int(),
  /** labeled examples of the model */
  examples: z.number().int(),
  labels: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      parent_label: z.string().nullable(),
      examples: z.number().int(),
      /** fewer than 10 examples, or fewer than half the median label's: label more before training */
      needs_more: z.boolean(),
    }),
  ),
  request_id: z.string(),
});

export function toApiLabelList(m: TModelStudio, requestId: string): z.infer<typeof ZApiLabelList> {
  return {
    model_id: m.id,
    examples: m.examples,
    labels: m.labels.map((l) => ({ name: l.name, description: l.description, parent_label: l.parentLabel, examples: l.examples, needs_more: l.needsMore })),
    request_id: requestId,
  };
}

export const ZApiExamplesResult = z.object({
  model_id: z.number().int(),
  /** examples (or file rows) received */
  rows: z.number().int(),
  /** new examples stored */
  added: z.number().int(),
  /** texts labeled before: their labels were replaced */
  updated: z.number().int(),
  rejected_count: z.number().int(),
  /** what was not stored and why: by `index` (JSON body) or `line` (file; at most 1,000 listed) */
  rejected: z.array(z.object({ index: z.number().int().optional(), line: z.number().int().optional(), path: z.string().optional(), message: z.string() })),
  request_id: z.string().optional(),
});
export type TApiExamplesResult = z.infer<typeof ZApiExamplesResult>;

export const VERSION_STATUSES = ['queued', 'training', 'ready', 'failed', 'discarded'] as const;

export const ZApiVersion = z.object({
  id: z.number().int(),
  model_id: z.number().int(),
  version: z.number().int(),
  /** queued → training → ready | failed; discarded when set aside */
  status: z.enum(VERSION_STATUSES),
  /** the version that serves the model */
  active: z.boolean(),
  /** 0–1 while training */
  progress: z.number(),
  train_seconds: z.number().nullable(),
  trained_on: z.number().int(),
  held_out: z.number().int(),
  accuracy: z.number().nullable(),
  macro_f1: z.number().nullable(),
  /** expected calibration error on the held-out examples */
  ece: z.number().nullable(),
  error: z.string().nullable(),
  created_at: z.string(),
  promoted_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  /** where to follow it: GET this for its status and evaluation */
  url: z.string(),
});
export type TApiVersion = z.infer<typeof ZApiVersion>;

export const ZApiEvaluation = z.object({
  /** held-out examples evaluated */
  n: z.number().int(),
  accuracy: z.number(),
  macro_f1: z.number(),
  per_label: z.record(z.string(), z.object({ precision: z.number(), recall: z.number(), f1: z.number(), support: z.number().int() })),
  /** matrix[truth][predicted], in the order of labels */
  confusion: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number())) }),
  /** held-out examples the version got wrong, the most confident first (at most 50, texts cut to 500 characters) */
  wrong_examples: z.array(z.object({ text: z.string(), truth: z.array(z.string()), predicted: z.string(), score: z.number() })),
  calibration: z.object({
    ece: z.number(),
    /** by top score: how many, their mean score (confidence) and how often they were right (accuracy) */
    bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int(), confidence: z.number(), accuracy: z.number() })),
  }),
});

export const ZApiVersionDetail = ZApiVersion.extend({ evaluation: ZApiEvaluation.nullable(), request_id: z.string().optional() });
export type TApiVersionDetail = z.infer<typeof ZApiVersionDetail>;

export const ZApiVersionList = z.object({
  model_id: z.number().int(),
  active_version_id: z.number().int().nullable(),
  /** newest first */
  versions: z.array(ZApiVersion),
  request_id: z.string(),
});

export const ZApiTrainingStarted = ZApiVersion.extend({
  /** a version was already queued or training: that one is answered, no new one is queued */
  already_queued: z.boolean(),
  request_id: z.string().optional(),
});

type VersionSummary = TModelStudio['versions'][number];

export const versionUrl = (modelId: number, versionId: number) => `/v2/models/${modelId}/versions/${versionId}`;

export function toApiVersion(modelId: number, v: VersionSummary): TApiVersion {
  return {
    id: v.id,
    model_id: modelId,
    version: v.version,
    status: v.status as TApiVersion['status'],
    active: v.active,
    progress: v.progress,
    train_seconds: v.trainSeconds,
    trained_on: v.trainedOn,
    held_out: v.heldOut,
    accuracy: v.accuracy,
    macro_f1: v.macroF1,
    ece: v.ece,
    error: v.error,
    created_at: v.createdAt,
    promoted_at: v.promotedAt,
    finished_at: v.finishedAt,
    url: versionUrl(modelId, v.id),
  };
}

export function toApiVersionDetail(modelId: number, v: TModelVersionDetail): TApiVersionDetail {
  const e = v.evaluation;
  return {
    ...toApiVersion(modelId, v),
    evaluation: e
      ? {
          n: e.n,
          accuracy: e.accuracy,
          macro_f1: e.macroF1,
          per_label: Object.fromEntries(Object.entries(e.perLabel).map(([l, m]) => [l, { precision: m.precision, recall: m.recall, f1: m.f1, support: m.support }])),
          confusion: { labels: e.confusion.labels, matrix: e.confusion.matrix },
          wrong_examples: (e.wrong ?? []).map((w) => ({ text: w.text, truth: w.truth, predicted: w.predicted, score: w.score })),
          calibration: { ece: e.calibration?.ece ?? e.ece ?? 0, bins: e.calibration?.bins ?? [] },
        }
      : null,
  };
}

export const RECLASSIFY_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export const ZApiReclassifyJob = z.object({
  id: z.string(),
  model_id: z.number().int(),
  /** the version whose predictions replace the stored ones */
  version_id: z.number().int(),
  status: z.enum(RECLASSIFY_STATUSES),
  /** transcripts to reclassify, done so far, and how many of those changed their top label */
  total: z.number().int(),
  done: z.number().int(),
  changed: z.number().int(),
  /** 0–1 */
  progress: z.number(),
  error: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  url: z.string(),
  request_id: z.string().optional(),
});
export type TApiReclassifyJob = z.infer<typeof ZApiReclassifyJob>;

export function toApiReclassifyJob(j: {
  id: string;
  modelId: number;
  versionId: number;
  status: string;
  total: number;
  done: number;
  changed: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}): TApiReclassifyJob {
  return {
    id: j.id,
    model_id: j.modelId,
    version_id: j.versionId,
    status: j.status as TApiReclassifyJob['status'],
    total: j.total,
    done: j.done,
    changed: j.changed,
    progress: j.status === 'done' ? 1 : j.total ? Math.min(1, j.done / j.total) : 0,
    error: j.error,
    created_at: j.createdAt.toISOString(),
    started_at: j.startedAt?.toISOString() ?? null,
    finished_at: j.finishedAt?.toISOString() ?? null,
    url: `/v2/reclassify-jobs/${j.id}`,
  };
}

export const ZApiLabelingQueue = z.object({
  model_id: z.number().int(),
  strategy: z.enum(['margin', 'entropy']),
  /** stored predictions considered (unlabeled, uncorrected) */
  candidates: z.number().int(),
  /** transcripts already labeled for the model (left out) */
  labeled: z.number().int(),
  /** most uncertain first */
  items: z.array(
    z.object({
      transcript_id: z.number().int(),
      occurred_at: z.string(),
      channel: z.string().nullable(),
      /** the text the model sees, up to 4,000 characters */
      text: z.string(),
      predicted: z.string(),
      score: z.number(),
      /** 0 (sure) – 1 (no idea) */
      uncertainty: z.number(),
      /** the three best labels */
      top: z.array(z.object({ label: z.string(), score: z.number() })),
    }),
  ),
  request_id: z.string(),
});

export const ZApiTranscriptLabeled = z.object({
  transcript_id: z.number().int(),
  model_id: z.number().int(),
  labels: z.array(z.string()),
  /** the transcript was labeled for this model before: its labels were replaced */
  relabeled: z.boolean(),
  request_id: z.string(),
});

export const ZApiCorrectionResult = z.object({
  id: z.number().int(),
  transcript_id: z.number().int(),
  model_id: z.number().int(),
  label: z.string(),
  /** the label shown before: the prediction's, or the previous correction's */
  previous_label: z.string(),
  created_at: z.string(),
  request_id: z.string(),
});
