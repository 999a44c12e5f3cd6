import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { ZApiTranscriptList } from '@/lib/schemas/transcript-api';
import { parseTranscriptListParams } from '@/lib/schemas/transcript-list';

// Search indexing outside the ingest write transaction, against a real
// migrated database. Run once per dialect: search-indexer.test.ts (SQLite)
// and search-indexer.postgres.test.ts import this file after pointing
// DATABASE_URL at their database, so the same assertions hold on both; each
// adds what only its database has.
const { db } = await import('@/lib/db');
const { env, isPostgresUrl } = await import('@/lib/env');
const DIALECT = isPostgresUrl(env.DATABASE_URL) ? 'PostgreSQL' : 'SQLite';
const { migrate } = await import('@/lib/migrate');
const { openQueues } = await import('@/lib/jobs/open-queues');
const { parseJob } = await import('@/lib/jobs/parse-job');
const { runWorker } = await import('@/lib/jobs/worker');
const { saveUpload } = await import('@/lib/server/ingest/save-upload');
const { createIngestJob } = await import('@/lib/server/ingest/create-ingest-job');
const { contentHash } = await import('@/lib/server/transcripts/insert-classified-transcripts');
const { getFactIndex } = await import('@/lib/server/analytics/fact-index');
const { findTranscripts } = await import('@/lib/server/analytics/find-transcripts');
const { createApiKey } = await import('@/lib/server/keys/create-api-key');
const listRoute = await import('@/app/v2/transcripts/route');
const { SEARCH_CATCH_UP_ROWS, SEARCH_INDEX_BATCH } = await import('./search-indexer');

const dir = mkdtempSync(join(tmpdir(), 'callsight-search-'));
let queues: Awaited<ReturnType<typeof openQueues>>;
let key = '';
let files = 0;
const quiet = () => {};

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  // An ingest job needs a model to run; the language model needs no training (and these tests classify nothing).
  await db.model.create({ data: { name: 'Language', kind: 'language' } });
  queues = await openQueues(env.DATABASE_URL);
  key = (await createApiKey(db, { name: 'search indexing test' })).key;
});

afterAll(async () => {
  await queues?.close();
});

/**
 * Stores `texts` as a worker's storeChunk does (parse, then completeChunk, one
 * transaction per chunk), without the indexing the worker loop does next.
 */
async function ingestWithoutIndexing(texts: string[]): Promise<void> {
  const name = `search-${++files}.jsonl`;
  const path = join(dir, name);
  writeFileSync(path, `${texts.map((text) => JSON.stringify({ text })).join('\n')}\n`);
  const saved = await saveUpload(createReadStream(path), name);
  await createIngestJob(db, { file: saved, fileName: name, source: 'cli', start: true });
  const claim = await queues.ingest.claimParse('test', 60_000);
  expect(claim).not.toBeNull();
  await parseJob(queues.ingest, claim!, 'test', { db, leaseMs: 60_000, chunkRows: SEARCH_INDEX_BATCH });
  for (let chunk = await queues.ingest.claimChunk('test', 60_000); chunk; chunk = await queues.ingest.claimChunk('test', 60_000)) {
    const stored = await queues.ingest.completeChunk(
      chunk,
      chunk.rows.map((row) => ({ row, hash: contentHash(row.text), classified: { language: null, predictions: [] } })),
    );
    expect(stored?.inserted).toBe(chunk.rows.length);
  }
}

/** What the worker loop does between chunks and when idle: a batch at a time until one is not full. */
async function catchUp(): Promise<void> {
  while (await queues.ingest.indexSearch(quiet));
}

/** The drill-down's search, as the dashboard and /api/transcripts ask it (the analytics index brought up to date first). */
async function search(q: string) {
  await (await getFactIndex(db)).refresh(0);
  const page = await findTranscripts(db, parseDashboardFilters(`q=${encodeURIComponent(q)}&range=all`), parseTranscriptListParams(new URLSearchParams('size=10')));
  return { total: page.total, notSearchable: page.notSearchable };
}

/** The same through the public API. */
async function searchApi(q: string) {
  await (await getFactIndex(db)).refresh(0);
  const res = await listRoute.GET(new Request(`http://localhost/v2/transcripts?range=all&size=10&q=${encodeURIComponent(q)}`, { headers: { Authorization: `Bearer ${key}` } }), {
    params: Promise.resolve({}),
  });
  expect(res.status).toBe(200);
  return ZApiTranscriptList.parse(await res.json());
}

/** Every stored transcript is in the search index exactly once, with its current text, and nothing else is (call after catchUp). */
async function expectIndexConsistent(): Promise<void> {
  if (DIALECT === 'SQLite') {
    // rank 1: the index is checked against its external content, "Transcript" (rank 0 checks it only against itself).
    await db.$executeRawUnsafe(`INSERT INTO "TranscriptSearch" ("TranscriptSearch", rank) VALUES ('integrity-check', 1)`);
    const [state] = await db.$queryRawUnsafe<{ mark: number | bigint; top: number | bigint | null }[]>(
      `SELECT (SELECT "indexedId" FROM "TranscriptSearchState" WHERE "id" = 1) AS mark, (SELECT max("id") FROM "Transcript") AS top`,
    );
    expect(Number(state!.mark)).toBeGreaterThanOrEqual(Number(state!.top ?? 0));
  } else {
    const [c] = await db.$queryRawUnsafe<{ missing: bigint; extra: bigint; stale: bigint; pending: bigint }[]>(
      `SELECT (SELECT count(*) FROM "Transcript" t WHERE NOT EXISTS (SELECT 1 FROM "TranscriptSearch" s WHERE s."id" = t."id")) AS missing,
              (SELECT count(*) FROM "TranscriptSearch" s WHERE NOT EXISTS (SELECT 1 FROM "Transcript" t WHERE t."id" = s."id")) AS extra,
              (SELECT count(*) FROM "TranscriptSearch" s JOIN "Transcript" t USING ("id") WHERE s."vector" <> strip(to_tsvector('callsight_search', t."text"))) AS stale,
              (SELECT count(*) FROM "TranscriptSearchPending") AS pending`,
    );
    expect({ missing: Number(c!.missing), extra: Number(c!.extra), stale: Number(c!.stale), pending: Number(c!.pending) }).toEqual({ missing: 0, extra: 0, stale: 0, pending: 0 });
  }
}

const words = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `Customer ${i} asks about the ${tag} on their invoice, reference ${tag}${i}.`);

describe(`search indexing outside the write transaction (${DIALECT})`, () => {
  it('a transcript stored by ingest is searchable once the indexer has caught up, and search says how many are pending before that', async () => {
    const n = SEARCH_CATCH_UP_ROWS + 100; // more than a search indexes on its own
    await ingestWithoutIndexing(words('zebrafee', n));

    // Stored, counted by the dashboard, not yet in the search index: the search says so rather than pretending there are none.
    expect(await search('zebrafee')).toEqual({ total: 0, notSearchable: n });
    const api = await searchApi('zebrafee');
    expect([api.total, api.not_searchable]).toEqual([0, n]);
    // Without a search nothing is missing.
    expect((await searchApi('')).not_searchable).toBe(0);

    await catchUp();
    expect(await search('zebrafee')).toEqual({ total: n, notSearchable: 0 });
    expect(await search(`zebrafee${n - 1}`)).toEqual({ total: 1, notSearchable: 0 });
    const after = await searchApi('zebrafee');
    expect([after.total, after.not_searchable]).toEqual([n, 0]);
    await expectIndexConsistent();
  });

  it('a search indexes what waits first when only a few transcripts wait, and finds them at once', async () => {
    await ingestWithoutIndexing(words('quokkafee', 3));
    expect(await search('quokkafee')).toEqual({ total: 3, notSearchable: 0 });
    await expectIndexConsistent();
  });

  it('the worker loop indexes what is waiting, a batch at a time, before it takes new work and when idle', async () => {
    const n = SEARCH_INDEX_BATCH + 200; // two batches
    await ingestWithoutIndexing(words('walrusfee', n));
    expect((await search('walrusfee')).notSearchable).toBe(n);
    const logged: string[] = [];
    await runWorker({ url: env.DATABASE_URL, exitWhenIdle: true, log: (l) => logged.push(l) });
    expect(logged.filter((l) => /search indexing failed/.test(l))).toEqual([]);
    expect(await search('walrusfee')).toEqual({ total: n, notSearchable: 0 });
    await expectIndexConsistent();
  });

  it('deleting an indexed and a not-yet-indexed transcript keeps the search index consistent', async () => {
    await ingestWithoutIndexing(['The ibexfee was charged twice', 'Another ibexfee question about roaming']);
    await catchUp();
    await ingestWithoutIndexing(['An oryxfee nobody expected', 'The oryxfee again, second call']);
    // Neither search nor indexer has run: the oryx transcripts are stored but not indexed.
    const stored = await db.transcript.findMany({ where: { OR: [{ text: { contains: 'ibexfee' } }, { text: { contains: 'oryxfee' } }] }, orderBy: { id: 'asc' }, select: { id: true, text: true } });
    expect(stored).toHaveLength(4);
    const [indexed, , waiting] = stored;
    await db.transcript.delete({ where: { id: indexed!.id } });
    await db.transcript.delete({ where: { id: waiting!.id } });

    await catchUp();
    await expectIndexConsistent();
    expect(await search('ibexfee')).toEqual({ total: 1, notSearchable: 0 });
    expect(await search('oryxfee')).toEqual({ total: 1, notSearchable: 0 });
    expect(await search('charged twice')).toEqual({ total: 0, notSearchable: 0 });
    expect(await search('nobody expected')).toEqual({ total: 0, notSearchable: 0 });
  });

  it('a changed text is found by its new words and no longer by its old ones, whether it was indexed yet or not', async () => {
    await ingestWithoutIndexing(['The lemurfee before the edit']);
    await catchUp();
    await ingestWithoutIndexing(['The tapirfee before the edit']);
    const lemur = await db.transcript.findFirstOrThrow({ where: { text: { contains: 'lemurfee' } } });
    const tapir = await db.transcript.findFirstOrThrow({ where: { text: { contains: 'tapirfee' } } });
    await db.transcript.update({ where: { id: lemur.id }, data: { text: 'The marmotfee after the edit' } });
    await db.transcript.update({ where: { id: tapir.id }, data: { text: 'The gerbilfee after the edit' } });

    await catchUp();
    await expectIndexConsistent();
    for (const [word, total] of [['lemurfee', 0], ['tapirfee', 0], ['marmotfee', 1], ['gerbilfee', 1]] as const) expect(await search(word), word).toEqual({ total, notSearchable: 0 });
  });
});

export { catchUp, expectIndexConsistent, ingestWithoutIndexing, search, words };
