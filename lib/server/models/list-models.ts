import 'server-only';
import type { Db } from '@/lib/db';
import { headlineEvaluation } from './headline-evaluation';
import { effectiveThreshold } from './threshold';

const modelSelect = {
  id: true,
  name: true,
  question: true,
  kind: true,
  multiLabel: true,
  threshold: true,
  thresholdSet: true,
  parentModelId: true,
  createdAt: true,
  updatedAt: true,
  activeVersion: { select: { id: true, version: true, promotedAt: true, trainedOn: true, heldOut: true, finishedAt: true, evaluation: true, suggestedThreshold: true } },
  labels: { select: { name: true, description: true, parentLabel: true }, orderBy: { position: 'asc' } },
} as const;

/** The API's view of a model: snake_case, labels in the model's own order. */
export function toApiModel(m: Awaited<ReturnType<typeof findModels>>[number]) {
  const v = m.activeVersion;
  const headline = v ? headlineEvaluation(v.evaluation, v.heldOut, v.finishedAt) : null;
  return {
    id: m.id,
    name: m.name,
    question: m.question,
    kind: m.kind,
    multi_label: m.multiLabel,
    /** the threshold in force: below it a prediction counts as Uncertain */
    threshold: effectiveThreshold(m, v?.suggestedThreshold),
    /** "set": a person chose it; "evaluation": from the active version's held-out precision; "default": 0.5 multi-label, else 0 */
    threshold_source: m.thresholdSet ? 'set' : v?.suggestedThreshold != null ? 'evaluation' : 'default',
    parent_model_id: m.parentModelId,
    labels: m.labels.map((l) => ({ name: l.name, description: l.description, ...(l.parentLabel ? { parent_label: l.parentLabel } : {}) })),
    active_version: m.activeVersion
      ? {
          id: m.activeVersion.id,
          version: m.activeVersion.version,
          promoted_at: m.activeVersion.promotedAt?.toISOString() ?? null,
          trained_on: m.activeVersion.trainedOn,
          accuracy: headline?.accuracy ?? null,
          macro_f1: headline?.macroF1 ?? null,
          /** what accuracy was measured on, how many examples, when */
          evaluated_on: headline ? { source: headline.source, n: headline.n, at: headline.evaluatedAt } : null,
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
