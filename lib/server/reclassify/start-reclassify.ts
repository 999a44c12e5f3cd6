import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Db } from '@/lib/db';
import { ApiError, badRequest, notFound } from '@/lib/errors';

/**
 * Queues the re-run of a model's active version over every stored transcript
 * (up to the newest one now; later ones are classified by it on arrival), so
 * trends stay comparable after a promotion. One job per model at a time.
 */
export async function startReclassify(db: Db, modelId: number) {
  const model = await db.model.findUnique({ where: { id: modelId }, select: { id: true, kind: true, activeVersionId: true } });
  if (!model) throw notFound(`Model ${modelId} does not exist.`);
  if (model.kind !== 'linear') throw badRequest(`Model ${modelId} is a ${model.kind} model; only trained models are reclassified.`);
  if (!model.activeVersionId) throw new ApiError(409, 'model_not_ready', `Model ${modelId} has no active version to reclassify with; train and promote one first.`);
  const running = await db.reclassifyJob.findFirst({ where: { modelId, status: { in: ['queued', 'running'] } }, select: { id: true } });
  if (running) throw new ApiError(409, 'invalid_request', `Model ${modelId} is already being reclassified (job ${running.id}).`, [], {});
  const [agg, total] = await Promise.all([db.transcript.aggregate({ _max: { id: true } }), db.transcript.count()]);
  return db.reclassifyJob.create({
    data: { id: `rc_${randomUUID().replace(/-/g, '').slice(0, 16)}`, modelId, versionId: model.activeVersionId, total, maxTranscriptId: agg._max.id ?? 0 },
  });
}

export async function getReclassifyJob(db: Db, id: string) {
  const job = await db.reclassifyJob.findUnique({ where: { id } });
  if (!job) throw notFound(`No reclassification job ${id}.`);
  return job;
}

export async function listReclassifyJobs(db: Db, modelId: number) {
  return db.reclassifyJob.findMany({ where: { modelId }, orderBy: { createdAt: 'desc' }, take: 20 });
}
