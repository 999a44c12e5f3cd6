import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';

// Exactly once under a real crash: a worker process is killed with SIGKILL
// halfway through a 10,000-row job, a new one finishes it, and every row is
// stored once with one prediction per model.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { seedDemo } = await import('@/prisma/seed/seed-demo');
const { queueCrashJob } = await import('@/lib/testing/crash-job');

const ROWS = 10_000;
const children: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/main.ts', 'worker'], {
    env: { ...process.env, DATABASE_URL: env.DATABASE_URL, INGEST_LEASE_SECONDS: '3', INGEST_POLL_MS: '100', INGEST_CHUNK_ROWS: '500' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  child.on('exit', (code, signal) => {
    if (code && code !== 0) console.error(`worker exited ${code} ${signal}: ${err}`);
  });
  children.push(child);
  return child;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  await seedDemo(db, () => {}, { trainingCount: 1200, sampleCount: 0 });
}, 300_000);

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

it('kill -9 halfway through a 10,000-row job, restart: exactly 10,000 transcripts, one prediction per model each', async () => {
  const { id, modelIds } = await queueCrashJob(db, ROWS);
  expect(modelIds.length).toBeGreaterThanOrEqual(5);

  const first = startWorker();
  const deadline = Date.now() + 90_000;
  for (;;) {
    const job = await db.ingestJob.findUniqueOrThrow({ where: { id } });
    if (job.rowsInserted >= 2000) break;
    if (Date.now() > deadline) throw new Error(`worker did not store 2,000 rows in time (${job.rowsInserted})`);
    await sleep(50);
  }
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const atKill = await db.ingestJob.findUniqueOrThrow({ where: { id } });
  expect(atKill.status).toBe('running');
  expect(atKill.rowsInserted).toBeLessThan(ROWS);

  startWorker();
  for (;;) {
    const job = await db.ingestJob.findUniqueOrThrow({ where: { id } });
    if (job.status === 'done' || job.status === 'failed') break;
    if (Date.now() > deadline + 60_000) throw new Error(`job did not finish after restart (${job.rowsInserted} stored)`);
    await sleep(200);
  }
  const job = await db.ingestJob.findUniqueOrThrow({ where: { id } });
  expect(job).toMatchObject({ status: 'done', rowsParsed: ROWS, rowsInserted: ROWS, rowsDuplicate: 0, rowsRejected: 0, chunksDone: job.chunksTotal });
  expect(await db.transcript.count({ where: { externalId: { startsWith: 'crash-' } } })).toBe(ROWS);
  expect(await db.prediction.count()).toBe(ROWS * modelIds.length);
  const perModel = await db.prediction.groupBy({ by: ['modelId'], _count: { _all: true } });
  expect(perModel.map((p) => [p.modelId, p._count._all]).sort()).toEqual(modelIds.map((m) => [m, ROWS]).sort());
  const perTranscript = await db.prediction.groupBy({ by: ['transcriptId'], _count: { _all: true }, having: { transcriptId: { _count: { not: modelIds.length } } } });
  expect(perTranscript).toEqual([]);
}, 180_000);
