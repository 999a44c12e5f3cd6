import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createDb, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { ingestConfig } from '@/lib/ingest/config';
import { classificationWindow } from '@/lib/ingest/text-window';
import { sweepUploadsSoon } from '@/lib/ingest/upload-sweep';
import { getServingModels, type ServingModel } from '@/lib/server/models/serving-models';
import { classifyForStorage } from '@/lib/server/transcripts/classify-for-storage';
import { contentHash } from '@/lib/server/transcripts/insert-classified-transcripts';
import { runParseClaim } from './parse-job';
import { openQueues } from './open-queues';
import { startHeartbeat } from './worker-heartbeat';
import { LeaseLostError, type ClaimedChunk, type IngestQueue } from './queue';
import { runReclassifyClaim, runTrainingClaim } from './studio-jobs';

export interface WorkerOptions {
  url?: string;
  owner?: string;
  log?: (line: string) => void;
  signal?: AbortSignal;
  /** stop when this says so (checked between units of work), e.g. once a given job is finished */
  until?: () => boolean;
  /** stop as soon as there is nothing to claim */
  exitWhenIdle?: boolean;
  pollMs?: number;
  leaseMs?: number;
  chunkRows?: number;
}

export interface WorkerStats {
  chunks: number;
  rows: number;
  parses: number;
  trainings: number;
  reclassifications: number;
}

/** Attempts after which a chunk's rows are rejected with the error instead of retried forever. */
const MAX_ATTEMPTS = 3;

export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * The worker loop: claim a chunk and store it; with no chunk waiting, claim a
 * job to parse, then a model version to train, then a reclassification; with
 * none, wait and look again. Any number of these loops may run against one
 * database, SQLite or PostgreSQL (openQueues picks the dialect by URL).
 */
export async function runWorker(options: WorkerOptions = {}): Promise<WorkerStats> {
  const url = options.url ?? env.DATABASE_URL;
  const owner = options.owner ?? workerId();
  const log = options.log ?? (() => {});
  const leaseMs = options.leaseMs ?? ingestConfig.INGEST_LEASE_SECONDS * 1000;
  const pollMs = options.pollMs ?? ingestConfig.INGEST_POLL_MS;
  const { ingest: queue, studio, close } = await openQueues(url);
  const db = createDb(url);
  const stats: WorkerStats = { chunks: 0, rows: 0, parses: 0, trainings: 0, reclassifications: 0 };
  // the dashboard and `npx callsight workers` see this worker while it runs
  const heartbeat = startHeartbeat(db, owner, log);
  try {
    while (!options.signal?.aborted && !options.until?.()) {
      // Search indexing follows what is stored, outside its transactions: after each chunk, and when idle, until caught up.
      if (await queue.indexSearch(log)) continue;
      const chunk = await queue.claimChunk(owner, leaseMs);
      if (chunk) {
        heartbeat.setActivity(`job ${chunk.jobId}`);
        await storeChunk(queue, db, chunk, owner, log, stats);
        await new Promise((r) => setImmediate(r));
        continue;
      }
      // Uploads nobody will read (a crash's partial files, expired drafts) go before new work is taken.
      await sweepUploadsSoon(db, log);
      const claim = await queue.claimParse(owner, leaseMs);
      if (claim) {
        heartbeat.setActivity(`parsing job ${claim.jobId}`);
        log(`parsing job ${claim.jobId}${claim.resumeAfterLine ? ` from line ${claim.resumeAfterLine + 1}` : ''}`);
        try {
          await runParseClaim(queue, claim, owner, { db, leaseMs, chunkRows: options.chunkRows, signal: options.signal, log });
          stats.parses++;
        } catch (e) {
          // A parse that fails is tried again and then failed by runParseClaim; what is left here is a lost lease or an unreachable database.
          if (e instanceof LeaseLostError) log(e.message);
          else log(`parse of job ${claim.jobId} could not be recorded, will be retried when the lease expires: ${(e as Error).stack ?? String(e)}`);
        }
        continue;
      }
      // Studio work after ingest: a training version, then a reclassification.
      const training = await studio.claimTraining(owner, leaseMs);
      if (training) {
        heartbeat.setActivity(`training version ${training.versionId}`);
        await runTrainingClaim(studio, db, training, owner, leaseMs, log);
        stats.trainings++;
        continue;
      }
      const reclassify = await studio.claimReclassify(owner, leaseMs);
      if (reclassify) {
        heartbeat.setActivity(`reclassifying model ${reclassify.modelId}`);
        await runReclassifyClaim(studio, db, reclassify, owner, leaseMs, log, options.signal);
        stats.reclassifications++;
        continue;
      }
      heartbeat.setActivity('idle');
      if (options.exitWhenIdle) break;
      await sleep(pollMs, options.signal);
    }
  } finally {
    await heartbeat.stop();
    await close();
    await db.$disconnect();
  }
  return stats;
}

async function modelsFor(db: Db, ids: number[], log: (l: string) => void): Promise<ServingModel[]> {
  const lookups = await getServingModels(db, ids);
  return ids.flatMap((id) => {
    const l = lookups.get(id);
    if (l?.status === 'ok') return [l.model];
    log(`model ${id} is ${l?.status ?? 'missing'}; its predictions are skipped`);
    return [];
  });
}

async function storeChunk(queue: IngestQueue, db: Db, chunk: ClaimedChunk, owner: string, log: (l: string) => void, stats: WorkerStats) {
  try {
    const models = await modelsFor(db, chunk.modelIds, log);
    const classified = await classifyForStorage(
      models,
      chunk.rows.map((r) => classificationWindow(r.text)),
    );
    const stored = chunk.rows.map((row, i) => ({ row, hash: contentHash(row.text), classified: classified[i] ?? { language: null, predictions: [] } }));
    const r = await queue.completeChunk(chunk, stored);
    if (r) {
      stats.chunks++;
      stats.rows += chunk.rows.length;
    }
  } catch (e) {
    const attempts = await queue.attemptsOf(chunk.id);
    log(`chunk ${chunk.seq} of job ${chunk.jobId} failed (attempt ${attempts}): ${(e as Error).stack ?? String(e)}`);
    if (attempts >= MAX_ATTEMPTS) await queue.rejectChunk(chunk, `Could not be classified or stored after ${attempts} attempts: ${(e as Error).message}`);
    else await queue.releaseChunk(chunk.id, owner);
  }
}
