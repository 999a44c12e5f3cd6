import 'server-only';
import type { Db } from '@/lib/db';
import { getLabelCounts } from '@/lib/server/examples/get-label-counts';
import { headlineEvaluation } from './headline-evaluation';
import { effectiveThreshold } from './threshold';
import type { StoredEvaluation } from '@/lib/server/training/stored-evaluation';

function parseEvaluation(json: string | null): StoredEvaluation | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as StoredEvaluation;
  } catch {
    return null; // a damaged evaluation must not hide the version
  }
}

/** A version as the studio lists it (no artifact, the headline metrics only). */
export function versionSummary(v: {
  id: number;
  version: number;
  status: string;
  progress: number;
  trainSeconds: number | null;
  trainedOn: number;
  heldOut: number;
  evaluation: string | null;
  error: string | null;
  createdAt: Date;
  promotedAt: Date | null;
  finishedAt: Date | null;
  suggestedThreshold?: number | null;
}, activeVersionId: number | null) {
  const e = parseEvaluation(v.evaluation);
  const headline = headlineEvaluation(v.evaluation, v.heldOut, v.finishedAt);
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    active: v.id === activeVersionId,
    progress: v.progress,
    trainSeconds: v.trainSeconds,
    trainedOn: v.trainedOn,
    heldOut: v.heldOut,
    accuracy: e?.accuracy ?? null,
    macroF1: e?.macroF1 ?? null,
    /** the figure to show first, with what it was measured on (a separate set when the version has one) */
    headline,
    /** the threshold this version's evaluation suggests (lowest score with held-out precision ≥ 0.9) */
    suggestedThreshold: v.suggestedThreshold ?? null,
    ece: e?.calibration?.ece ?? e?.ece ?? null,
    error: v.error,
    createdAt: v.createdAt.toISOString(),
    promotedAt: v.promotedAt?.toISOString() ?? null,
    finishedAt: v.finishedAt?.toISOString() ?? null,
  };
}

const versionSelect = {
  id: true,
  version: true,
  status: true,
  progress: true,
  trainSeconds: true,
  trainedOn: true,
  heldOut: true,
  evaluation: true,
  suggestedThreshold: true,
  error: true,
  createdAt: true,
  promotedAt: true,
  finishedAt: true,
} as const;

/** Everything the studio's model page shows: the model, its labels with example counts, its versions and reclassifications. */
export async function getModelStudio(db: Db, modelId: number) {
  const model = await db.model.findUnique({
    where: { id: modelId },
    select: {
      id: true,
      name: true,
      question: true,
      kind: true,
      multiLabel: true,
      threshold: true,
      thresholdSet: true,
      activeVersionId: true,
      createdAt: true,
      parent: { select: { id: true, name: true } },
      labels: { select: { name: true, description: true, parentLabel: true }, orderBy: { position: 'asc' } },
      versions: { select: versionSelect, orderBy: { version: 'desc' } },
      reclassifyJobs: { orderBy: { createdAt: 'desc' }, take: 5 },
    },
  });
  if (!model) return null;
  const counts = await getLabelCounts(db, modelId);
  const byLabel = new Map(counts.labels.map((l) => [l.label, l]));
  return {
    id: model.id,
    name: model.name,
    question: model.question,
    kind: model.kind,
    multiLabel: model.multiLabel,
    /** the threshold in force (see lib/server/models/threshold.ts) and where it comes from */
    threshold: effectiveThreshold(model, model.versions.find((v) => v.id === model.activeVersionId)?.suggestedThreshold),
    thresholdSource: model.thresholdSet ? ('set' as const) : model.versions.find((v) => v.id === model.activeVersionId)?.suggestedThreshold != null ? ('evaluation' as const) : ('default' as const),
    parent: model.parent,
    activeVersionId: model.activeVersionId,
    createdAt: model.createdAt.toISOString(),
    examples: counts.total,
    labels: model.labels.map((l) => ({ ...l, examples: byLabel.get(l.name)?.count ?? 0, needsMore: byLabel.get(l.name)?.needsMore ?? true })),
    versions: model.versions.map((v) => versionSummary(v, model.activeVersionId)),
    reclassifyJobs: model.reclassifyJobs.map((j) => ({ ...j, createdAt: j.createdAt.toISOString(), startedAt: j.startedAt?.toISOString() ?? null, finishedAt: j.finishedAt?.toISOString() ?? null, leaseExpiresAt: undefined, leaseOwner: undefined })),
  };
}

/** One version with its full evaluation (per-label metrics, confusion matrix, wrong examples, calibration). */
export async function getModelVersion(db: Db, modelId: number, versionId: number) {
  const [model, v] = await Promise.all([
    db.model.findUnique({ where: { id: modelId }, select: { activeVersionId: true } }),
    db.modelVersion.findFirst({ where: { id: versionId, modelId }, select: versionSelect }),
  ]);
  if (!model || !v) return null;
  return { ...versionSummary(v, model.activeVersionId), evaluation: parseEvaluation(v.evaluation) };
}

export type TModelStudio = NonNullable<Awaited<ReturnType<typeof getModelStudio>>>;
export type TModelVersionDetail = NonNullable<Awaited<ReturnType<typeof getModelVersion>>>;
