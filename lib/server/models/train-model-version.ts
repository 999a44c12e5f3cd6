import 'server-only';
import { createHash } from 'node:crypto';
import { serializeModel, train, type Evaluation, type LabeledExample, type TrainOptions } from '@/lib/classify';
import type { Db } from '@/lib/db';

export interface TrainedVersion {
  modelId: number;
  versionId: number;
  version: number;
  labels: string[];
  trainSeconds: number;
  trainedOn: number;
  heldOut: number;
  evaluation: Evaluation | null;
  artifactBytes: number;
}

/**
 * Trains a new version of a model from labeled examples, stores its artifact
 * and evaluation, and (by default) makes it the active version.
 */
export async function trainModelVersion(
  db: Db,
  modelId: number,
  examples: LabeledExample[],
  options: Omit<TrainOptions, 'labels' | 'multiLabel'> & { activate?: boolean; extraEvaluation?: Record<string, unknown> } = {},
): Promise<TrainedVersion> {
  const model = await db.model.findUnique({
    where: { id: modelId },
    select: { id: true, multiLabel: true, kind: true, labels: { select: { name: true }, orderBy: { position: 'asc' } } },
  });
  if (!model) throw new Error(`No model with id ${modelId}.`);
  if (model.kind !== 'linear') throw new Error(`Model ${modelId} is a ${model.kind} model and is not trained by Callsight.`);
  const labels = model.labels.map((l) => l.name);
  const known = new Set(labels);
  examples.forEach((e, i) => {
    for (const l of e.labels) if (!known.has(l)) throw new Error(`Example ${i + 1} has label "${l}", which model ${modelId} does not have.`);
  });

  const { activate = true, extraEvaluation, ...trainOptions } = options;
  const result = train(examples, { ...trainOptions, labels, multiLabel: model.multiLabel });
  const artifact = serializeModel(result.model);
  const artifactHash = createHash('sha256').update(artifact).digest('hex');

  const created = await db.$transaction(async (tx) => {
    const last = await tx.modelVersion.findFirst({ where: { modelId }, orderBy: { version: 'desc' }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const v = await tx.modelVersion.create({
      data: {
        modelId,
        version,
        status: 'ready',
        artifact: Buffer.from(artifact),
        artifactHash,
        evaluation: JSON.stringify({ ...(result.evaluation ?? {}), ...(extraEvaluation ?? {}) }),
        trainSeconds: result.trainSeconds,
        trainedOn: result.trainedOn,
        heldOut: result.heldOut,
        promotedAt: activate ? new Date() : null,
      },
      select: { id: true, version: true },
    });
    if (activate) await tx.model.update({ where: { id: modelId }, data: { activeVersionId: v.id } });
    return v;
  });

  return {
    modelId,
    versionId: created.id,
    version: created.version,
    labels,
    trainSeconds: result.trainSeconds,
    trainedOn: result.trainedOn,
    heldOut: result.heldOut,
    evaluation: result.evaluation,
    artifactBytes: artifact.byteLength,
  };
}
