import 'server-only';
import type { Db } from '@/lib/db';

const modelSelect = {
  id: true,
  name: true,
  question: true,
  kind: true,
  multiLabel: true,
  threshold: true,
  parentModelId: true,
  createdAt: true,
  updatedAt: true,
  activeVersion: { select: { id: true, version: true, promotedAt: true, trainedOn: true, evaluation: true } },
  labels: { select: { name: true, description: true, parentLabel: true }, orderBy: { position: 'asc' } },
} as const;

/** The API's view of a model: snake_case, labels in the model's own order. */
export function toApiModel(m: Awaited<ReturnType<typeof findModels>>[number]) {
  let evaluation: { accuracy?: number; macroF1?: number } | null = null;
  try {
    evaluation = m.activeVersion?.evaluation ? (JSON.parse(m.activeVersion.evaluation) as { accuracy?: number; macroF1?: number }) : null;
  } catch {
    evaluation = null; // a damaged evaluation blob must not break the listing
  }
  return {
    id: m.id,
    name: m.name,
    question: m.question,
    kind: m.kind,
    multi_label: m.multiLabel,
    threshold: m.threshold,
    parent_model_id: m.parentModelId,
    labels: m.labels.map((l) => ({ name: l.name, description: l.description, ...(l.parentLabel ? { parent_label: l.parentLabel } : {}) })),
    active_version: m.activeVersion
      ? {
          id: m.activeVersion.id,
          version: m.activeVersion.version,
          promoted_at: m.activeVersion.promotedAt?.toISOString() ?? null,
          trained_on: m.activeVersion.trainedOn,
          accuracy: evaluation?.accuracy ?? null,
          macro_f1: evaluation?.macroF1 ?? null,
        }
      : null,
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
  };
}

export async function findModels(db: Db, options: { ids?: number[] } = {}) {
  return db.model.findMany({
    where: options.ids ? { id: { in: options.ids } } : {},
    select: modelSelect,
    orderBy: { id: 'asc' },
  });
}
