import 'server-only';
import type { Db } from '@/lib/db';
import { servingModelsChanged } from './serving-models';
import { badRequest, notFound } from '@/lib/errors';
import type { TUpdateModel } from '@/lib/schemas/studio';
import { CAMEL_CASE_FIELDS, checkParentLabels, MAX_LABELS, type ModelFieldNames } from './create-model';

/**
 * Changes a model's name, question or confidence threshold, adds labels and
 * updates existing labels' descriptions and parents. Labels are never removed
 * or renamed here: stored predictions and examples refer to them by name.
 * A model Callsight does not train (the pretrained language model) keeps the
 * labels it came with: its engine could never predict a new one.
 */
export async function updateModel(db: Db, modelId: number, input: TUpdateModel, options: { fields?: ModelFieldNames } = {}) {
  const fields = options.fields ?? CAMEL_CASE_FIELDS;
  const model = await db.model.findUnique({
    where: { id: modelId },
    select: { id: true, name: true, kind: true, parentModelId: true, labels: { select: { name: true, position: true } } },
  });
  if (!model) throw notFound(`Model ${modelId} does not exist.`);
  const labels = input.labels ?? [];
  if (input.labels !== undefined && model.kind !== 'linear') {
    const message = `model ${modelId} (${model.name}) is a pretrained ${model.kind} model, not trained by Callsight: its labels are fixed. Leave labels out to change its name, question or threshold`;
    throw badRequest(`Invalid request body: labels: ${message}.`, [{ path: 'labels', message }]);
  }
  const existing = new Set(model.labels.map((l) => l.name));
  const added = new Set(labels.filter((l) => !existing.has(l.name)).map((l) => l.name)).size;
  if (existing.size + added > MAX_LABELS) {
    const message = `the model has ${existing.size} labels and this adds ${added}; a model has at most ${MAX_LABELS}`;
    throw badRequest(`Invalid request body: labels: ${message}.`, [{ path: 'labels', message }]);
  }
  await checkParentLabels(db, model.parentModelId, labels, fields, `model ${modelId} has no parent model, so leave ${fields.parentLabel} out (or null)`);
  await db.$transaction(async (tx) => {
    await tx.model.update({
      where: { id: modelId },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.question !== undefined ? { question: input.question } : {}),
        // a number is a person's choice; null hands the threshold back to the evaluation (lib/server/models/threshold.ts)
        ...(input.threshold !== undefined ? (input.threshold === null ? { threshold: 0, thresholdSet: false } : { threshold: input.threshold, thresholdSet: true }) : {}),
      },
    });
    let position = Math.max(-1, ...model.labels.map((l) => l.position)) + 1;
    for (const l of labels) {
      if (existing.has(l.name)) {
        await tx.label.update({
          where: { modelId_name: { modelId, name: l.name } },
          data: { ...(l.description !== undefined ? { description: l.description } : {}), ...(l.parentLabel !== undefined ? { parentLabel: l.parentLabel ?? null } : {}) },
        });
      } else {
        await tx.label.create({ data: { modelId, name: l.name, description: l.description ?? '', parentLabel: l.parentLabel ?? null, position: position++ } });
        existing.add(l.name);
      }
    }
  });
  servingModelsChanged();
  return { id: modelId };
}
