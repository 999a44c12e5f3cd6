import 'server-only';
import type { Db } from '@/lib/db';
import { badRequest, notFound, type ErrorDetail } from '@/lib/errors';

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

/** How the caller's request names the fields an error points at: the dashboard's camelCase, or the public API's snake_case. */
export interface ModelFieldNames {
  parentModelId: string;
  parentLabel: string;
}
export const CAMEL_CASE_FIELDS: ModelFieldNames = { parentModelId: 'parentModelId', parentLabel: 'parentLabel' };
export const SNAKE_CASE_FIELDS: ModelFieldNames = { parentModelId: 'parent_model_id', parentLabel: 'parent_label' };

/** A model has at most this many labels (a label filter or a form never needs more). */
export const MAX_LABELS = 500;

const quoted = (names: readonly string[], max = 20) =>
  names.slice(0, max).map((n) => JSON.stringify(n)).join(', ') + (names.length > max ? `, … (${names.length} in all)` : '');

function refuse(details: ErrorDetail[], what: string): never {
  const first = details[0]!;
  throw badRequest(details.length === 1 ? `Invalid request body: ${first.path}: ${first.message}` : `Invalid request body: ${details.length} ${what}, see details`, details);
}

/**
 * A label's parent label must be a label of the model's parent model (root
 * cause "Incorrect charge" under issue type "Billing"); a model without a
 * parent model has no parent labels. Both faces and the CLI get this check.
 */
export async function checkParentLabels(
  db: Db,
  parentModelId: number | null | undefined,
  labels: readonly LabelInput[],
  fields: ModelFieldNames,
  orphanFix: string,
): Promise<void> {
  const naming = labels.flatMap((l, i) => (l.parentLabel ? [{ i, parentLabel: l.parentLabel }] : []));
  const at = (i: number) => `labels[${i}].${fields.parentLabel}`;
  if (parentModelId == null) {
    if (naming.length) refuse(naming.map(({ i }) => ({ path: at(i), message: `a parent label needs a parent model: ${orphanFix}` })), 'labels name a parent label without a parent model');
    return;
  }
  const parent = await db.model.findUnique({ where: { id: parentModelId }, select: { name: true, labels: { select: { name: true }, orderBy: { position: 'asc' } } } });
  if (!parent) throw notFound(`Parent model ${parentModelId} does not exist. GET /v2/models lists the models.`, [{ path: fields.parentModelId, message: `no model with id ${parentModelId}` }]);
  const known = parent.labels.map((l) => l.name);
  const names = new Set(known);
  const bad = naming.filter((l) => !names.has(l.parentLabel));
  if (bad.length) {
    refuse(
      bad.map(({ i, parentLabel }) => ({
        path: at(i),
        message: `${JSON.stringify(parentLabel.length > 100 ? `${parentLabel.slice(0, 100)}…` : parentLabel)} is not a label of the parent model ${parentModelId} (${parent.name}); use one of ${quoted(known)}`,
      })),
      'parent labels are not labels of the parent model',
    );
  }
}

/** Creates a model with its labels in one transaction. */
export async function createModel(db: Db, input: CreateModelInput, options: { fields?: ModelFieldNames } = {}) {
  const fields = options.fields ?? CAMEL_CASE_FIELDS;
  const names = new Set<string>();
  input.labels.forEach((l, i) => {
    const path = `labels[${i}].name`;
    if (!l.name.trim()) throw badRequest(`Invalid request body: ${path}: a label needs a name`, [{ path, message: 'a label needs a name' }]);
    if (names.has(l.name)) throw badRequest(`Invalid request body: ${path}: "${l.name}" appears twice`, [{ path, message: `"${l.name}" appears twice; label names are unique within a model` }]);
    names.add(l.name);
  });
  if (input.labels.length > MAX_LABELS) throw badRequest(`A model has at most ${MAX_LABELS} labels.`, [{ path: 'labels', message: `at most ${MAX_LABELS} labels` }]);
  await checkParentLabels(db, input.parentModelId, input.labels, fields, `choose the parent model (${fields.parentModelId}), or leave ${fields.parentLabel} out`);
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
