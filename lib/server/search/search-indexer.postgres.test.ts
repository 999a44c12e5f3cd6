import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

// Search indexing on PostgreSQL: the suite both databases run
// (search-indexer.suite.ts), on a fresh database in the cluster
// TEST_POSTGRES_URL points at, then what only PostgreSQL has: concurrent
// indexers on one server, ids that commit out of order (why there is a queue
// of pending ids, not a high-water mark), and the index of a database
// migrated from the expression index.
const ADMIN_URL = process.env.TEST_POSTGRES_URL;
const SKIP = 'Search indexing on PostgreSQL (skipped: TEST_POSTGRES_URL is not set; `scripts/pg-cluster.sh start` prints one, `npm test` sets it)';
const MIGRATION = '20261208000000_search_indexer';

if (!ADMIN_URL) {
  console.warn(SKIP);
  describe.skip(SKIP, () => {
    it('runs the search indexing suite on PostgreSQL', () => undefined);
  });
} else {
  const { testDatabases } = await import('@/lib/testing/postgres-database');
  const databases = testDatabases(ADMIN_URL, 'callsight_search');
  const url = await databases.create();
  // Before lib/env is first imported (by the suite): it reads it once.
  process.env.DATABASE_URL = url;
  process.env.ANALYTICS_CACHE_DIR = mkdtempSync(join(tmpdir(), 'callsight-search-cache-'));

  const suite = await import('./search-indexer.suite');
  const { db } = await import('@/lib/db');
  const { migrate, migrationsDir } = await import('@/lib/migrate');
  const { PostgresSearchIndexer } = await import('./search-indexer');
  const { POSTGRES_SEARCH_SQL, tsQuery } = await import('@/lib/server/analytics/index-reader');
  const { getFactIndex } = await import('@/lib/server/analytics/fact-index');

  const pools: pg.Pool[] = [];
  const clients: pg.Client[] = [];
  const pool = (u = url, max = 4) => {
    const p = new pg.Pool({ connectionString: u, max });
    pools.push(p);
    return p;
  };
  const connect = async (u = url) => {
    const c = new pg.Client({ connectionString: u });
    await c.connect();
    clients.push(c);
    return c;
  };
  let seq = 0;
  const insertTranscript = async (c: pg.Client, text: string) =>
    (await c.query<{ id: number }>(`INSERT INTO "Transcript" ("contentHash", "text", "occurredAt", "day") VALUES ($1, $2, '2026-11-01 10:00:00', '2026-11-01') RETURNING "id"`, [`pg-search-${++seq}`, text])).rows[0]!.id;

  afterAll(async () => {
    // The analytics index's connections (the search's too) end before the database is dropped.
    await (await getFactIndex(db)).close();
    await db.$disconnect();
    for (const c of clients) await c.end().catch(() => undefined);
    for (const p of pools) await p.end().catch(() => undefined);
    await databases.dropAll();
  });

  describe('search indexing on PostgreSQL', () => {
    it('four indexers at once on one server index each transcript exactly once', async () => {
      const n = 3_000;
      await suite.ingestWithoutIndexing(suite.words('bisonfee', n));
      const shared = pool();
      // Three skip the rows another holds (as workers do); one waits for them (as a search does).
      const run = async (wait: boolean) => {
        const indexer = new PostgresSearchIndexer(shared);
        let total = 0;
        for (let k; (k = await indexer.indexBatch(50, { wait })); ) total += k;
        return total;
      };
      const counts = await Promise.all([run(false), run(false), run(false), run(true)]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
      expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
      await suite.expectIndexConsistent();
      expect(await suite.search('bisonfee')).toEqual({ total: n, notSearchable: 0 });
    }, 120_000);

    it('a transcript whose transaction commits after a higher id was indexed is still indexed', async () => {
      const a = await connect();
      const b = await connect();
      await a.query('BEGIN');
      const early = await insertTranscript(a, 'The slowpokefee committed late');
      const later = await insertTranscript(b, 'The quickstepfee committed first');
      expect(later).toBeGreaterThan(early);
      const indexer = new PostgresSearchIndexer(pool());
      // Only the committed one is visible, so only it is indexed (a high-water mark would now stand past `early`).
      expect(await indexer.indexBatch()).toBe(1);
      expect(await indexer.backlog()).toBe(0);
      await a.query('COMMIT');
      expect(await indexer.backlog()).toBe(1);
      expect(await suite.search('slowpokefee')).toEqual({ total: 1, notSearchable: 0 });
      expect(await suite.search('quickstepfee')).toEqual({ total: 1, notSearchable: 0 });
      await suite.expectIndexConsistent();
    });

    it('an existing database keeps its search: the migration indexes every stored transcript and drops the expression index', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'callsight-pg-search-migrate-'));
      const before = join(dir, 'migrations');
      cpSync(migrationsDir('postgresql'), before, { recursive: true });
      for (const name of readdirSync(before)) if (name >= MIGRATION) rmSync(join(before, name), { recursive: true, force: true });
      const old = await databases.create();
      await migrate(old, before);
      const c = await connect(old);
      for (const text of ['My router is broken', 'The rôuter blinks red', 'Cancel my plan']) await insertTranscript(c, text);
      const oldIndex = async () => (await c.query(`SELECT to_regclass('"Transcript_text_search_idx"') AS i`)).rows[0]?.i;
      expect(await oldIndex()).not.toBeNull();

      await migrate(old);
      expect(await oldIndex()).toBeNull();
      const indexer = new PostgresSearchIndexer(pool(old, 2));
      expect(await indexer.backlog()).toBe(0);
      const find = async (q: string) => (await c.query<{ id: number }>(POSTGRES_SEARCH_SQL, [tsQuery(q)])).rows.map((r) => r.id);
      expect(await find('router')).toEqual([1, 2]);

      // After the migration: queued by the trigger, searchable once indexed; a deleted one leaves the queue with it.
      const late = await insertTranscript(c, 'A router that came later');
      const gone = await insertTranscript(c, 'Another router, deleted before it was indexed');
      expect(await indexer.backlog()).toBe(2);
      expect(await find('router')).toEqual([1, 2]);
      await c.query(`DELETE FROM "Transcript" WHERE "id" IN (1, $1)`, [gone]);
      expect(await indexer.backlog()).toBe(1);
      expect(await indexer.indexBatch()).toBe(1);
      expect(await find('router')).toEqual([2, late]);
    });
  });
}
