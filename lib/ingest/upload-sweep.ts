import { readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { databaseUrlOf, type Db } from '@/lib/db';
import { env, isPostgresUrl } from '@/lib/env';
import { ingestConfig } from './config';
import { dropUpload, filesInUse, PARTIAL_FILE, uploadDir } from './upload-store';

/**
 * Removes uploads nobody will read:
 *
 * - partial files whose writer is gone (a web server or worker killed while
 *   receiving an upload or copying one from the database);
 * - complete files no waiting job names, an hour after they were written
 *   (the time between saving an upload and recording its job is the preview,
 *   a second; other readers of saved files, like an examples import, are
 *   done within the hour). With the database at hand, "no waiting job" is
 *   checked; without it (a web server's own sweep) only on PostgreSQL, where
 *   a local file is never what a job names;
 * - with the database: drafts never started within INGEST_DRAFT_TTL_HOURS
 *   (the job fails, saying so) and, on PostgreSQL, stored parts that no
 *   waiting job names.
 *
 * Runs where uploads are: in every process that saves uploads (before its
 * first, then every few minutes) and in every worker (at its start, then as
 * often), so a machine that holds uploads sweeps them whichever processes it runs.
 */
export async function sweepUploads(db?: Db, options: { now?: Date; log?: (line: string) => void } = {}): Promise<{ partial: number; orphaned: number; expiredDrafts: number }> {
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const result = { partial: 0, orphaned: 0, expiredDrafts: 0 };
  if (db) result.expiredDrafts = await expireDrafts(db, now, log);
  const onPostgres = isPostgresUrl(db ? databaseUrlOf(db) : env.DATABASE_URL);
  // Parts first, then the jobs: parts are stored in their job's transaction, so any part seen has its job seen after.
  const stored = db && onPostgres ? await db.uploadPart.findMany({ where: { seq: 0 }, select: { uploadId: true } }) : [];
  const waiting = db ? await waitingUploads(db) : null;
  const orphanedParts = stored.map((p) => p.uploadId).filter((id) => !waiting?.has(`upload:${id}`));
  if (db && orphanedParts.length) {
    await db.uploadPart.deleteMany({ where: { uploadId: { in: orphanedParts } } });
    result.orphaned += orphanedParts.length;
    log(`removed ${orphanedParts.length} stored upload(s) no waiting job names`);
  }

  const dir = uploadDir();
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw e;
  });
  for (const name of names) {
    const path = join(dir, name);
    if (filesInUse.has(path)) continue;
    const partial = PARTIAL_FILE.exec(name);
    if (partial) {
      if (processAlive(Number(partial[1]))) continue;
      await rm(path, { force: true });
      result.partial++;
      log(`removed ${name}: a partial upload whose process is gone`);
      continue;
    }
    if (!onPostgres && !waiting) continue;
    // By name: a job's path may name the same folder another way (a symbolic link, another working directory).
    if (waiting?.has(name)) continue;
    const info = await stat(path).catch(() => null);
    if (!info?.isFile() || now.getTime() - info.mtimeMs < ORPHAN_GRACE_MS) continue;
    await rm(path, { force: true });
    result.orphaned++;
    log(`removed ${name}: an upload no waiting job names`);
  }
  return result;
}

const ORPHAN_GRACE_MS = 3600_000;
const WAITING = ['draft', 'queued', 'running'];

/** The uploads of jobs that will still read them (drafts, and jobs whose file is not parsed yet): `upload:<id>`, or a file's name. */
async function waitingUploads(db: Db): Promise<Set<string>> {
  const jobs = await db.ingestJob.findMany({ where: { status: { in: WAITING }, parseDone: false }, select: { filePath: true } });
  return new Set(jobs.map((j) => (j.filePath.startsWith('upload:') ? j.filePath : basename(j.filePath))));
}

async function expireDrafts(db: Db, now: Date, log: (line: string) => void): Promise<number> {
  const hours = ingestConfig.INGEST_DRAFT_TTL_HOURS;
  const expired = await db.ingestJob.findMany({ where: { status: 'draft', createdAt: { lt: new Date(now.getTime() - hours * 3600_000) } }, select: { id: true, filePath: true } });
  let n = 0;
  for (const job of expired) {
    // Only if it is still a draft: a start at this moment wins.
    const r = await db.ingestJob.updateMany({
      where: { id: job.id, status: 'draft' },
      data: {
        status: 'failed',
        parseDone: true,
        error: `The upload was not started within ${hours} hours (INGEST_DRAFT_TTL_HOURS), so its file was removed; upload the file again.`,
        finishedAt: now,
        updatedAt: now,
      },
    });
    if (!r.count) continue;
    await dropUpload(db, job.filePath);
    log(`draft ${job.id} expired; its upload is removed`);
    n++;
  }
  return n;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return false; // this process's own live files are in filesInUse
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When this process last swept: with the database (everything) and without (its own machine's files). */
const lastSweep = { withDb: 0, local: 0 };
let running: Promise<unknown> | null = null;
const SWEEP_EVERY_MS = 10 * 60_000;

/** sweepUploads at most every ten minutes in this process (the first call sweeps); never throws, logs what failed. */
export async function sweepUploadsSoon(db?: Db, log: (line: string) => void = (l) => console.error(`[uploads] ${l}`)): Promise<void> {
  const now = Date.now();
  if (running || now - (db ? lastSweep.withDb : Math.max(lastSweep.withDb, lastSweep.local)) < SWEEP_EVERY_MS) return;
  if (db) lastSweep.withDb = now;
  else lastSweep.local = now;
  running = sweepUploads(db, { log })
    .catch((e: unknown) => log(`sweeping uploads failed: ${(e as Error).stack ?? String(e)}`))
    .finally(() => (running = null));
  await running;
}
