import 'server-only';
import type { Db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { TUpdateModel } from '@/lib/schemas/studio';

/**
 * Changes a model's name, question or confidence threshold, adds labels and
 * updates existing labels' descriptions and parents. Labels are never removed
 * or renamed here: stored predictions and examples refer to them by name.
 */
export async function updateModel(db: Db, modelId: number, input: TUpdateModel) {
  const model = await db.model.findUnique({ where: { id: modelId }, select: { id: true, labels: { select: { name: true, position: true } } } });
  if (!model) throw notFound(`Model ${modelId} does not exist.`);
  await db.$transaction(async (tx) => {
    await tx.model.update({
      where: { id: modelId },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.question !== undefined ? { question: input.question } : {}),
        ...(input.threshold !== undefined ? { threshold: input.threshold } : {}),
      },
    });
    let position = Math.max(-1, ...model.labels.map((l) => l.position)) + 1;
    const existing = new Set(model.labels.map((l) => l.name));
    for (const l of input.labels ?? []) {
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
  return { id: modelId };
}
