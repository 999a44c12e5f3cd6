import 'server-only';
import type { Db } from '@/lib/db';
import { notFound } from '@/lib/errors';

export interface LabelInput {
  name: string;
  description?: string;
  parentLabel?: string | null;
}

export interface CreateModelInput {
  /** an explicit id (the demo models keep the ids of the public spec); omitted = next free id */
  id?: number;
  name: string;
  question?: string;
  kind?: 'linear' | 'language';
  multiLabel?: boolean;
  parentModelId?: number | null;
  labels: LabelInput[];
}

/** Creates a model with its labels in one transaction. */
export async function createModel(db: Db, input: CreateModelInput) {
  const names = new Set<string>();
  for (const l of input.labels) {
    if (!l.name.trim()) throw new Error('Label names must not be empty.');
    if (names.has(l.name)) throw new Error(`Label "${l.name}" appears twice; label names must be unique within a model.`);
    names.add(l.name);
  }
  if (input.parentModelId != null && !(await db.model.findUnique({ where: { id: input.parentModelId }, select: { id: true } }))) {
    throw notFound(`Parent model ${input.parentModelId} does not exist.`, [{ path: 'parent_model_id', message: `no model with id ${input.parentModelId}` }]);
  }
  return db.model.create({
    data: {
      ...(input.id !== undefined ? { id: input.id } : {}),
      name: input.name,
      question: input.question ?? '',
      kind: input.kind ?? 'linear',
      multiLabel: input.multiLabel ?? false,
      parentModelId: input.parentModelId ?? null,
      labels: {
        create: input.labels.map((l, position) => ({
          name: l.name,
          description: l.description ?? '',
          parentLabel: l.parentLabel ?? null,
          position,
        })),
      },
    },
    select: { id: true, name: true },
  });
}
