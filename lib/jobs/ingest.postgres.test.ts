import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/lib/db';
import { migrate } from '@/lib/migrate';
import { SKIP_WITHOUT_POSTGRES, TEST_POSTGRES_URL, testDatabases, type TestDatabases } from '@/lib/testing/postgres-database';

// What only PostgreSQL has in the job queue: claims under real concurrency
// (several connections at once), several workers draining one job, and the
// studio's worker parts on their own database. The file → job → worker flows
// themselves run on both databases in ingest.test.ts and studio.test.ts (the
// "postgresql" project of vitest.config.ts).
const { seedDemo } = await import('@/prisma/seed/seed-demo');
const { saveUpload } = await import('@/lib/server/ingest/save-upload');
const { createIngestJob } = await import('@/lib/server/ingest/create-ingest-job');
const { createModel } = await import('@/lib/server/models/create-model');
const { addExamples } = await import('@/lib/server/examples/add-examples');
const { queueTraining } = await import('@/lib/server/training/queue-training');
const { promoteVersion } = await import('@/lib/server/models/promote-version');
const { getModelVersion } = await import('@/lib/server/models/get-model-studio');
const { getServingModels } = await import('@/lib/server/models/serving-models');
const { insertClassifiedTranscripts } = await import('@/lib/server/transcripts/insert-classified-transcripts');
const { startReclassify, getReclassifyJob } = await import('@/lib/server/reclassify/start-reclassify');
const { runWorker } = await import('./worker');
const { openQueues } = await import('./open-queues');
const { parseJob } = await import('./parse-job');

if (!TEST_POSTGRES_URL) console.warn(SKIP_WITHOUT_POSTGRES);

const dir = mkdtempSync(join(tmpdir(), 'callsight-ingest-pg-'));
const BILLING = 'I was charged 349 kr this month but my plan is 199 kr, please fix the invoice';
let databases: TestDatabases;

async function queueFile(db: Db, name: string, content: string) {
  const path = join(dir, name);
  writeFileSync(path, content);
  const saved = await saveUpload(createReadStream(path), name);
  return (await createIngestJob(db, { file: saved, fileName: name, source: 'cli', start: true })).id;
}

describe.skipIf(!TEST_POSTGRES_URL)(TEST_POSTGRES_URL ? 'ingest pipeline on PostgreSQL' : SKIP_WITHOUT_POSTGRES, () => {
  let url: string;
  let db: Db;
  let modelCount = 0;

  beforeAll(async () => {
    databases = testDatabases(TEST_POSTGRES_URL!, 'callsight_ingest');
    url = await databases.create();
    await migrate(url);
    db = createDb(url);
    await seedDemo(db, () => {}, { trainingCount: 1200, sampleCount: 0 });
    modelCount = await db.model.count({ where: { OR: [{ activeVersionId: { not: null } }, { kind: 'language' }] } });
  }, 300_000);

  afterAll(async () => {
    await db?.$disconnect();
    await databases?.dropAll();
  });

  it('concurrent claims never hand out the same chunk; a chunk taken over after its lease expired is stored once', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ text: `Concurrent claim ${i}: my router restarts every night at ${i} minutes past two` }));
    const id = await queueFile(db, 'claims.jsonl', `${lines.join('\n')}\n`);
    const queues = await Promise.all(Array.from({ length: 4 }, () => openQueues(url)));
    try {
      const [a, b] = queues as [(typeof queues)[0], (typeof queues)[0]];
      const parse = await a.ingest.claimParse('parser', 60_000);
      expect(parse?.jobId).toBe(id);
      expect(await b.ingest.claimParse('other', 60_000)).toBeNull(); // the parse lease holds
      await parseJob(a.ingest, parse!, 'parser', { db, leaseMs: 60_000, chunkRows: 2 });

      // 20 chunks, 4 queues × 6 claims at once: 20 distinct chunks, then nothing
      const claims = (await Promise.all(queues.flatMap((q, w) => Array.from({ length: 6 }, () => q.ingest.claimChunk(`w${w}`, 60_000))))).filter((c) => c !== null);
      expect(claims).toHaveLength(20);
      expect(new Set(claims.map((c) => c.id)).size).toBe(20);

      // every lease holds: a release by someone else changes nothing, and nobody else gets a chunk
      for (const c of claims) await a.ingest.releaseChunk(c.id, 'not-the-owner');
      expect(await b.ingest.claimChunk('late', 60_000)).toBeNull();
      // two minutes later every lease has expired: the first chunk is taken over, and stored by both workers
      const first = claims.reduce((m, c) => (c.id < m.id ? c : m));
      const takeover = await b.ingest.claimChunk('taker', 60_000, new Date(Date.now() + 120_000));
      expect(takeover?.id).toBe(first.id);
      const stored = first.rows.map((row) => ({ row, hash: `claims-${row.line}`, classified: { language: null, predictions: [] } }));
      const [x, y] = await Promise.all([a.ingest.completeChunk(first, stored), b.ingest.completeChunk(takeover!, stored)]);
      expect([x, y].filter((r) => r !== null)).toEqual([{ inserted: 2, duplicates: 0 }]); // once, whoever came first
      expect(await db.transcript.count({ where: { contentHash: { startsWith: 'claims-' } } })).toBe(2);
    } finally {
      for (const q of queues) await q.close();
    }
    expect(await db.ingestJob.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'running', chunksTotal: 20, chunksDone: 1, rowsInserted: 2 });
  });

  it('drains a job with several workers at once: every row once, counters exact', async () => {
    // leftovers of the previous test: its chunks' leases are 60 s; expire them
    await db.ingestChunk.updateMany({ where: { status: 'pending' }, data: { leaseExpiresAt: new Date(0) } });
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `many-${i}`, text: `Worker test ${i}: the invoice for order ${i * 7} shows a fee I never agreed to` }));
    const id = await queueFile(db, 'many.jsonl', `${lines.join('\n')}\n`);
    const stats = await Promise.all(Array.from({ length: 3 }, (_, w) => runWorker({ url, owner: `pw${w}`, exitWhenIdle: true, chunkRows: 10 })));
    // a worker that found nothing to claim yet may exit early; the others finish the job
    const job = await db.ingestJob.findUniqueOrThrow({ where: { id } });
    expect(job).toMatchObject({ status: 'done', rowsParsed: 300, rowsInserted: 300, rowsDuplicate: 0, chunksTotal: 30, chunksDone: 30 });
    expect(stats.reduce((a, s) => a + s.parses, 0)).toBe(1);
    const models = (JSON.parse(job.modelIds) as number[]).length;
    expect(await db.prediction.count({ where: { transcript: { externalId: { startsWith: 'many-' } } } })).toBe(300 * models);
    const claims = await db.ingestJob.findUniqueOrThrow({ where: { id: (await db.ingestJob.findFirstOrThrow({ where: { fileName: 'claims.jsonl' } })).id } });
    expect(claims).toMatchObject({ status: 'done', rowsInserted: 40, chunksDone: 20 });
  });
});

describe.skipIf(!TEST_POSTGRES_URL)(TEST_POSTGRES_URL ? 'model studio worker on PostgreSQL' : SKIP_WITHOUT_POSTGRES, () => {
  let url: string;
  let db: Db;
  let modelId = 0;
  const WORDS: Record<string, string[]> = {
    Billing: ['invoice', 'charged', 'refund', 'payment', 'bill', 'price'],
    Network: ['signal', 'outage', 'slow', 'router', 'coverage', 'dropping'],
    Delivery: ['parcel', 'courier', 'delivered', 'tracking', 'shipment', 'package'],
  };
  let seed = 11;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const sentence = (label: string) => ['hello, I am calling because', pick(WORDS[label]!), 'and', pick(WORDS[label]!), `ticket ${Math.floor(rnd() * 1e6)}`].join(' ');

  beforeAll(async () => {
    databases ??= testDatabases(TEST_POSTGRES_URL!, 'callsight_ingest');
    url = await databases.create();
    await migrate(url);
    db = createDb(url);
    modelId = (await createModel(db, { name: 'Contact reason', labels: [{ name: 'Billing' }, { name: 'Network' }, { name: 'Delivery' }] })).id;
    await addExamples(
      db,
      modelId,
      Object.keys(WORDS).flatMap((label) => Array.from({ length: 30 }, () => ({ text: sentence(label), labels: [label] }))),
      { source: 'upload' },
    );
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await databases?.dropAll();
  });

  it('trains a queued version in the worker, then reclassifies stored transcripts and bumps the analytics epoch', async () => {
    const v1 = await queueTraining(db, modelId, { seed: 3 });
    expect((await runWorker({ url, exitWhenIdle: true })).trainings).toBe(1);
    expect(await getModelVersion(db, modelId, v1.id)).toMatchObject({ status: 'ready', progress: 1, trainedOn: 90 });
    await promoteVersion(db, modelId, v1.id);

    const served = (await getServingModels(db, [modelId])).get(modelId);
    if (served?.status !== 'ok') throw new Error('model not served');
    const texts = Array.from({ length: 12 }, () => sentence(pick(Object.keys(WORDS))));
    await insertClassifiedTranscripts(db, texts.map((text, i) => ({ text, occurredAt: new Date(Date.UTC(2026, 10, 1 + i)) })), [served.model]);

    const v2 = await queueTraining(db, modelId, { seed: 4 });
    expect((await runWorker({ url, exitWhenIdle: true })).trainings).toBe(1);
    await promoteVersion(db, modelId, v2.id);
    const epochBefore = (await db.analyticsState.findUniqueOrThrow({ where: { id: 1 } })).epoch;
    const job = await startReclassify(db, modelId);
    expect((await runWorker({ url, exitWhenIdle: true })).reclassifications).toBe(1);
    expect(await getReclassifyJob(db, job.id)).toMatchObject({ status: 'done', total: 12, done: 12, leaseOwner: null });
    expect(await db.prediction.count({ where: { modelId, modelVersionId: v2.id } })).toBe(12);
    expect(await db.prediction.count({ where: { modelId } })).toBe(12);
    expect((await db.analyticsState.findUniqueOrThrow({ where: { id: 1 } })).epoch).toBe(epochBefore + 1);
  });

  it('a version whose examples no longer suffice fails at once with the reason', async () => {
    const other = await createModel(db, { name: 'Too few', labels: [{ name: 'A' }, { name: 'B' }] });
    await addExamples(db, other.id, [...Array.from({ length: 4 }, (_, i) => ({ text: `only A number ${i}`, labels: ['A'] })), { text: 'one B', labels: ['B'] }], { source: 'upload' });
    const v = await queueTraining(db, other.id);
    await db.example.deleteMany({ where: { modelId: other.id, labels: '["B"]' } });
    await runWorker({ url, exitWhenIdle: true });
    const failed = await db.modelVersion.findUniqueOrThrow({ where: { id: v.id } });
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, leaseOwner: null });
    expect(failed.error).toMatch(/fewer than two labels|labeled examples/);
    expect(failed.finishedAt).toBeInstanceOf(Date);
  });
});
