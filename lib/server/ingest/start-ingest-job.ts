import 'server-only';
import { z } from 'zod';
import type { Db } from '@/lib/db';
import { ApiError, notFound } from '@/lib/errors';
import type { TColumnMapping } from '@/lib/schemas/ingest';
import { defaultModelIds, validateMapping, validateModelIds } from './create-ingest-job';

/** Queues a draft job with the user's mapping and models. Only a draft can be started, once. */
export async function startIngestJob(db: Db, id: string, input: { mapping: TColumnMapping; modelIds?: number[] }): Promise<void> {
  const job = await db.ingestJob.findUnique({ where: { id }, select: { status: true, columns: true, error: true } });
  if (!job) throw notFound(`No ingest job ${id}.`);
  // An expired draft's upload is gone: say so rather than "already started".
  if (job.status === 'failed' && job.error) throw new ApiError(409, 'invalid_request', `Job ${id} cannot be started: ${job.error}`);
  const columns = z.array(z.string()).parse(JSON.parse(job.columns));
  const mapping = validateMapping(input.mapping, columns);
  const modelIds = await validateModelIds(db, input.modelIds ?? (await defaultModelIds(db)), 'modelIds');
  const r = await db.ingestJob.updateMany({
    where: { id, status: 'draft' },
    data: { status: 'queued', mapping: JSON.stringify(mapping), modelIds: JSON.stringify(modelIds), updatedAt: new Date() },
  });
  if (!r.count) throw new ApiError(409, 'invalid_request', `Job ${id} has already been started (status ${job.status}).`);
}
