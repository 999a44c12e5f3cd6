import 'server-only';
import type { Db } from '@/lib/db';
import { ApiError, badRequest, notFound } from '@/lib/errors';
import { loadExamples, trainingBlocker, type TrainingOptions } from './train-version';

/**
 * Queues a new version of a model for training by a worker. It does not
 * become active until it is promoted.
 */
export async function queueTraining(db: Db, modelId: number, options: TrainingOptions = {}, status: 'queued' | 'training' = 'queued') {
  const model = await db.model.findUnique({ where: { id: modelId }, select: { id: true, kind: true, labels: { select: { name: true } } } });
  if (!model) throw notFound(`Model ${modelId} does not exist.`);
  if (model.kind !== 'linear') throw badRequest(`Model ${modelId} is a ${model.kind} model: it is not trained by Callsight.`);
  const blocker = trainingBlocker(
    await loadExamples(db, modelId),
    model.labels.map((l) => l.name),
  );
  // Not a bad request but a model not ready to be trained: label more, then ask again.
  if (blocker) throw new ApiError(409, 'invalid_request', blocker);
  return db.$transaction(async (tx) => {
    const pending = await tx.modelVersion.findFirst({ where: { modelId, status: { in: ['queued', 'training'] } }, select: { id: true, version: true } });
    if (pending && status === 'queued') return { id: pending.id, version: pending.version, alreadyQueued: true };
    const last = await tx.modelVersion.findFirst({ where: { modelId }, orderBy: { version: 'desc' }, select: { version: true } });
    const v = await tx.modelVersion.create({
      data: { modelId, version: (last?.version ?? 0) + 1, status, options: JSON.stringify(options), ...(status === 'training' ? { startedAt: new Date() } : {}) },
      select: { id: true, version: true },
    });
    return { ...v, alreadyQueued: false };
  });
}
