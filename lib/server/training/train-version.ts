import { createHash } from 'node:crypto';
import { scopeProfileFromTraining, serializeModel, trainAsync, type LabeledExample, type TrainResult } from '@/lib/classify';
import type { Db } from '@/lib/db';
import { suggestThreshold } from '@/lib/server/models/threshold';
import { buildStoredEvaluation } from './stored-evaluation';

/** At most this many held-out predictions are kept with a version (for estimated shares). */
export const MAX_STORED_HELD_OUT = 2000;

/**
 * The held-out split as a version keeps it: each example's true labels (indices
 * into `labels`) and the held-out model's calibrated scores (3 decimals).
 */
export interface HeldOutPredictions {
  labels: string[];
  multiLabel: boolean;
  rows: { truth: number[]; scores: number[] }[];
}

function heldOutOf(result: TrainResult, examples: readonly LabeledExample[], multiLabel: boolean): HeldOutPredictions {
  const labels = [...result.model.labels];
  const index = new Map(labels.map((l, i) => [l, i]));
  const rows: HeldOutPredictions['rows'] = [];
  for (const { index: at, scores } of result.heldOutScores.slice(0, MAX_STORED_HELD_OUT)) {
    const ex = examples[at];
    if (!ex) continue;
    const truth = ex.labels.flatMap((l) => (index.has(l) ? [index.get(l)!] : []));
    rows.push({ truth, scores: Array.from(scores, (x) => Math.round(x * 1000) / 1000) });
  }
  return { labels, multiLabel, rows };
}

/** What a version keeps beside its artifact so its numbers can say how sure they are: a default threshold, a scope profile, its held-out predictions. */
export function versionQuality(result: TrainResult, examples: readonly LabeledExample[], multiLabel: boolean) {
  const heldOut = heldOutOf(result, examples, multiLabel);
  const judged = heldOut.rows.map((r) => {
    let best = 0;
    for (let c = 1; c < r.scores.length; c++) if (r.scores[c]! > r.scores[best]!) best = c;
    return { score: r.scores[best] ?? 0, right: r.truth.includes(best) };
  });
  let scopeProfile: string | null = null;
  try {
    scopeProfile = result.heldOutScores.length ? JSON.stringify(scopeProfileFromTraining(result, examples)) : null;
  } catch {
    // too few examples for a profile: the version's predictions are not scored for scope
    scopeProfile = null;
  }
  return {
    suggestedThreshold: heldOut.rows.length ? suggestThreshold(judged, multiLabel) : null,
    scopeProfile,
    heldOutPredictions: heldOut.rows.length ? JSON.stringify(heldOut) : null,
  };
}

export interface TrainingOptions {
  seed?: number;
  epochs?: number;
}

/** Fewest examples a model needs before it can be trained: two labels with examples, and at least 2 per labeled class. */
export const MIN_TRAINING_EXAMPLES = 4;

/** A model's stored examples, oldest first (deterministic training). */
export async function loadExamples(db: Db, modelId: number): Promise<LabeledExample[]> {
  const rows = await db.example.findMany({ where: { modelId }, orderBy: { id: 'asc' }, select: { text: true, labels: true } });
  const out: LabeledExample[] = [];
  for (const r of rows) {
    let labels: unknown;
    try {
      labels = JSON.parse(r.labels);
    } catch {
      continue;
    }
    if (Array.isArray(labels) && labels.every((l) => typeof l === 'string') && labels.length) out.push({ text: r.text, labels: labels as string[] });
  }
  return out;
}

/** Why a model cannot be trained on these examples yet, or null. */
export function trainingBlocker(examples: readonly LabeledExample[], labels: readonly string[]): string | null {
  const used = new Set(examples.flatMap((e) => e.labels));
  if (examples.length < MIN_TRAINING_EXAMPLES) return `The model has ${examples.length} labeled examples; label at least ${MIN_TRAINING_EXAMPLES} (two or more per label) first.`;
  if ([...used].filter((l) => labels.includes(l)).length < 2) return 'Examples cover fewer than two labels; a classifier needs examples of at least two labels.';
  return null;
}

/**
 * Trains a version that is in the database as `training` from the model's
 * stored examples, and stores its artifact and evaluation as `ready`.
 * `onProgress` (0–1) is called synchronously from inside training; it returns
 * false when the work should stop (a lost lease). `owner` guards the final
 * write when a worker holds the version under a lease.
 */
export async function trainVersion(
  db: Db,
  versionId: number,
  options: { onProgress?: (p: number) => boolean | void; owner?: string | null } = {},
): Promise<{ trainSeconds: number; trainedOn: number; heldOut: number }> {
  const version = await db.modelVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: { id: true, options: true, model: { select: { id: true, kind: true, multiLabel: true, labels: { select: { name: true }, orderBy: { position: 'asc' } } } } },
  });
  const model = version.model;
  if (model.kind !== 'linear') throw new Error(`Model ${model.id} is a ${model.kind} model and is not trained by Callsight.`);
  const labels = model.labels.map((l) => l.name);
  const examples = await loadExamples(db, model.id);
  const blocker = trainingBlocker(examples, labels);
  if (blocker) throw new Error(blocker);
  let opts: TrainingOptions = {};
  try {
    opts = JSON.parse(version.options) as TrainingOptions;
  } catch {
    opts = {};
  }
  const result = await trainAsync(examples, {
    labels,
    multiLabel: model.multiLabel,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    // the engine's own default unless a person chose: it depends on the loss (4 softmax epochs, 6 SVM passes for long texts)
    ...(opts.epochs !== undefined ? { epochs: opts.epochs } : {}),
    onProgress: (p) => {
      // two fits (held-out, then all examples) of `p.epochs` epochs each
      const done = (p.phase === 'holdout' ? 0 : p.epochs) + p.epoch;
      if (options.onProgress?.(Math.min(0.99, done / (2 * p.epochs))) === false) throw new Error('training stopped: the lease on this version was lost');
    },
  });
  const evaluation = buildStoredEvaluation(result, examples);
  const quality = versionQuality(result, examples, model.multiLabel);
  const artifact = serializeModel(result.model);
  const stored = await db.modelVersion.updateMany({
    where: { id: versionId, status: 'training', ...(options.owner ? { leaseOwner: options.owner } : {}) },
    data: {
      status: 'ready',
      artifact: Buffer.from(artifact),
      artifactHash: createHash('sha256').update(artifact).digest('hex'),
      evaluation: evaluation ? JSON.stringify(evaluation) : null,
      ...quality,
      trainSeconds: result.trainSeconds,
      trainedOn: result.trainedOn,
      heldOut: result.heldOut,
      progress: 1,
      error: null,
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: new Date(),
    },
  });
  if (!stored.count) throw new Error(`Version ${versionId} was taken over by another worker; its result was not stored.`);
  return { trainSeconds: result.trainSeconds, trainedOn: result.trainedOn, heldOut: result.heldOut };
}
