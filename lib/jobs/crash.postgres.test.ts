import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { migrate } from '@/lib/migrate';
import { SKIP_WITHOUT_POSTGRES, TEST_POSTGRES_URL, testDatabases, type TestDatabases } from '@/lib/testing/postgres-database';

// Exactly once on PostgreSQL under a real crash: three `npx callsight worker`
// processes drain a 10,000-row job; one is killed with SIGKILL while it holds
// the lease on a chunk; the other two take that chunk over when the lease
// expires and finish, and every row is stored once with one prediction per
// model.
const { seedDemo } = await import('@/prisma/seed/seed-demo');
const { queueCrashJob } = await import('@/lib/testing/crash-job');

if (!TEST_POSTGRES_URL) console.warn(SKIP_WITHOUT_POSTGRES);

const ROWS = 10_000;
const LEASE_SECONDS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Worker {
  wrapper: ChildProcess;
  /** the worker's own process (the `npx callsight` wrapper runs it as a child), read from its first log line */
  pid: Promise<number>;
  log: () => string;
}

const workers: Worker[] = [];

/** `npx callsight worker`, as an operator starts it: bin/callsight.mjs, which runs lib/cli/main.ts in a child process. */
function startWorker(url: string): Worker {
  const wrapper = spawn(process.execPath, ['bin/callsight.mjs', 'worker'], {
    env: { ...process.env, DATABASE_URL: url, INGEST_LEASE_SECONDS: String(LEASE_SECONDS), INGEST_POLL_MS: '100', INGEST_CHUNK_ROWS: '500' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const pid = new Promise<number>((resolve, reject) => {
    wrapper.stderr?.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-20_000);
      const m = /\[worker (\d+)\] working on ingest jobs/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    wrapper.on('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before it started: ${err}`)));
  });
  pid.catch(() => undefined);
  const w = { wrapper, pid, log: () => err };
  workers.push(w);
  return w;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!TEST_POSTGRES_URL)(TEST_POSTGRES_URL ? 'worker crash on PostgreSQL' : SKIP_WITHOUT_POSTGRES, () => {
  let databases: TestDatabases;
  let url: string;
  let db: Db;

  beforeAll(async () => {
    databases = testDatabases(TEST_POSTGRES_URL!, 'callsight_crash');
    url = await databases.create();
    await migrate(url);
    db = createDb(url);
    await seedDemo(db, () => {}, { trainingCount: 1200, sampleCount: 0 });
  }, 300_000);

  afterAll(async () => {
    // the worker processes first (SIGTERM: they stop cleanly), then their wrappers
    for (const w of workers) {
      const pid = await Promise.race([w.pid, sleep(10).then(() => null)]).catch(() => null);
      if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
      if (w.wrapper.exitCode === null && w.wrapper.signalCode === null) w.wrapper.kill('SIGKILL');
    }
    await db?.$disconnect();
    await databases?.dropAll();
  });

  it(
    'three workers, one killed with SIGKILL while it holds a chunk: exactly 10,000 transcripts, one prediction per transcript × model',
    async () => {
      const { id, modelIds } = await queueCrashJob(db, ROWS);
      expect(modelIds.length).toBeGreaterThanOrEqual(5);

      const t0 = Date.now();
      const started = [startWorker(url), startWorker(url), startWorker(url)];
      const pids = await Promise.all(started.map((w) => w.pid));

      // Wait until some chunks are stored, then for a chunk a worker has just
      // claimed (it is classifying it now): that worker is the victim.
      const deadline = Date.now() + 120_000;
      let victim: { pid: number; chunkId: number } | null = null;
      while (!victim) {
        if (Date.now() > deadline) throw new Error(`no chunk to interrupt in time:\n${started.map((w) => w.log()).join('\n')}`);
        const job = await db.ingestJob.findUniqueOrThrow({ where: { id } });
        if (job.chunksDone >= 4) {
          const fresh = await db.ingestChunk.findMany({
            where: { jobId: id, status: 'pending', leaseExpiresAt: { gt: new Date(Date.now() + LEASE_SECONDS * 1000 - 100) } },
            select: { id: true, leaseOwner: true },
          });
          for (const c of fresh) {
            const pid = pids.find((p) => c.leaseOwner?.startsWith(`${hostname()}:${p}:`));
            if (pid) victim = { pid, chunkId: c.id };
          }
        }
        if (!victim) await sleep(20);
      }
      process.kill(victim.pid, 'SIGKILL');
      while (alive(victim.pid)) await sleep(10);
      const killedAt = Date.now() - t0;
      const atKill = await db.ingestJob.findUniqueOrThrow({ where: { id } });
      expect(atKill.status).toBe('running');
      expect(atKill.rowsInserted).toBeLessThan(ROWS);
      const held = await db.ingestChunk.findUniqueOrThrow({ where: { id: victim.chunkId } });
      expect(held).toMatchObject({ status: 'pending', leaseOwner: expect.stringContaining(`:${victim.pid}:`) }); // died holding it

      for (;;) {
        const job = await db.ingestJob.findUniqueOrThrow({ where: { id } });
        if (job.status === 'done' || job.status === 'failed') break;
        if (Date.now() > deadline + 120_000) throw new Error(`job did not finish after the kill (${job.rowsInserted} stored)`);
        await sleep(200);
      }
      const finishedAt = Date.now() - t0;

      const job = await db.ingestJob.findUniqueOrThrow({ where: { id } });
      expect(job).toMatchObject({ status: 'done', error: null, rowsParsed: ROWS, rowsInserted: ROWS, rowsDuplicate: 0, rowsRejected: 0, chunksTotal: ROWS / 500, chunksDone: ROWS / 500 });
      // the victim's chunk was taken over by a survivor after its lease expired
      const takenOver = await db.ingestChunk.findUniqueOrThrow({ where: { id: victim.chunkId } });
      expect(takenOver.status).toBe('done');
      expect(takenOver.attempts).toBeGreaterThanOrEqual(2);
      expect(takenOver.leaseOwner).toBeNull();
      const chunks = await db.ingestChunk.aggregate({ where: { jobId: id }, _sum: { inserted: true, duplicates: true }, _count: { _all: true } });
      expect(chunks).toMatchObject({ _sum: { inserted: ROWS, duplicates: 0 }, _count: { _all: ROWS / 500 } });

      expect(await db.transcript.count()).toBe(ROWS);
      expect(await db.transcript.count({ where: { externalId: { startsWith: 'crash-' } } })).toBe(ROWS);
      expect(await db.prediction.count()).toBe(ROWS * modelIds.length);
      const perModel = await db.prediction.groupBy({ by: ['modelId'], _count: { _all: true } });
      expect(perModel.map((p) => [p.modelId, p._count._all]).sort()).toEqual(modelIds.map((m) => [m, ROWS]).sort());
      const perTranscript = await db.prediction.groupBy({ by: ['transcriptId'], _count: { _all: true }, having: { transcriptId: { _count: { not: modelIds.length } } } });
      expect(perTranscript).toEqual([]);

      // the survivors are still running (and stop cleanly on SIGTERM)
      const survivors = started.filter((_, i) => pids[i] !== victim.pid);
      for (const w of survivors) expect(alive(await w.pid)).toBe(true);
      for (const w of survivors) process.kill(await w.pid, 'SIGTERM');
      await Promise.all(survivors.map((w) => new Promise((r) => (w.wrapper.exitCode === null ? w.wrapper.once('exit', r) : r(null)))));
      for (const w of survivors) expect(w.log()).toMatch(/stopped after \d+ chunks/);
      const shares = survivors.map((w) => /stopped after (\d+) chunks/.exec(w.log())?.[1]).join(' and ');
      console.info(
        `crash.postgres: killed worker ${victim.pid} at ${(killedAt / 1000).toFixed(1)} s with ${atKill.rowsInserted} rows stored; job done at ${(finishedAt / 1000).toFixed(1)} s; survivors stored ${shares} chunks`,
      );
    },
    300_000,
  );
});
