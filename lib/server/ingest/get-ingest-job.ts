import 'server-only';
import { z } from 'zod';
import type { Db } from '@/lib/db';
import type { IngestJob } from '@/lib/generated/prisma/client';
import { JOB_STATUSES, type TIngestJob } from '@/lib/schemas/ingest';

/** The job as the API and the dashboard show it, with progress, rate and time left. */
export function toIngestJobView(job: IngestJob, now = Date.now()): TIngestJob {
  const stored = job.rowsInserted + job.rowsDuplicate;
  const elapsed = job.startedAt ? ((job.finishedAt?.getTime() ?? now) - job.startedAt.getTime()) / 1000 : 0;
  const rate = elapsed > 0.5 && stored > 0 ? stored / elapsed : null;
  // Before parsing ends the total is estimated from the share of the file read so far.
  const readShare = job.parseDone ? 1 : job.fileSize ? Math.min(1, job.bytesParsed / job.fileSize) : 0;
  const estimatedTotal = job.parseDone ? job.rowsParsed : readShare > 0.01 ? job.rowsParsed / readShare : null;
  const done = job.status === 'done' || job.status === 'failed';
  const fraction = done ? 1 : estimatedTotal ? Math.min(0.99, stored / estimatedTotal) : 0;
  const left = done ? 0 : rate && estimatedTotal ? Math.max(0, (estimatedTotal - stored) / rate) : null;
  return {
    id: job.id,
    status: z.enum(JOB_STATUSES).catch('failed').parse(job.status),
    source: job.source,
    file: { name: job.fileName, size: job.fileSize, sha256: job.fileHash, format: job.format },
    model_ids: z.array(z.number()).parse(JSON.parse(job.modelIds)),
    mapping: z.record(z.string(), z.string().nullable()).parse(JSON.parse(job.mapping)),
    counts: { parsed: job.rowsParsed, inserted: job.rowsInserted, duplicates: job.rowsDuplicate, rejected: job.rowsRejected, stored },
    progress: {
      parse_done: job.parseDone,
      bytes_parsed: job.bytesParsed,
      chunks_total: job.chunksTotal,
      chunks_done: job.chunksDone,
      fraction: Math.round(fraction * 1000) / 1000,
      rows_per_second: rate === null ? null : Math.round(rate),
      seconds_left: left === null ? null : Math.round(left),
    },
    error: job.error,
    created_at: job.createdAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    finished_at: job.finishedAt?.toISOString() ?? null,
  };
}

export async function getIngestJob(db: Db, id: string): Promise<TIngestJob | null> {
  const job = await db.ingestJob.findUnique({ where: { id } });
  return job ? toIngestJobView(job) : null;
}

export async function listIngestJobs(db: Db, options: { limit?: number } = {}): Promise<TIngestJob[]> {
  const jobs = await db.ingestJob.findMany({ orderBy: { createdAt: 'desc' }, take: options.limit ?? 50 });
  return jobs.map((j) => toIngestJobView(j));
}
