import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// Search indexing on SQLite: the suite both databases run (on the database
// lib/testing/setup-db.ts gives this file), then what only SQLite has: the
// high-water mark, indexers in separate processes taking turns on the write
// lock, and the FTS5 index of a database migrated from before the indexer.
const suite = await import('./search-indexer.suite');
const { env } = await import('@/lib/env');
const { sqlitePath } = await import('@/lib/db');
const { migrate, migrationsDir } = await import('@/lib/migrate');
const { SqliteSearchIndexer } = await import('./search-indexer');

const MIGRATION = '20261208000000_search_indexer';

/**
 * An indexer in a process of its own (as several `npx callsight worker`
 * processes run them): it opens the database, says "ready", waits for a line
 * on stdin, then indexes `batch` at a time until nothing waits, and prints how
 * many it indexed.
 */
function indexerProcess(path: string, batch: number) {
  const code = `
    const { SqliteSearchIndexer } = await import(${JSON.stringify(pathToFileURL(resolve('lib/server/search/search-indexer.ts')).href)});
    const indexer = SqliteSearchIndexer.open(${JSON.stringify(path)});
    process.stdout.write('ready\\n');
    await new Promise((go) => process.stdin.once('data', go));
    let total = 0;
    for (let n; (n = await indexer.indexBatch(${batch})); ) total += n;
    await indexer.close();
    process.stdout.write(JSON.stringify({ total }) + '\\n');
    process.exit(0);`;
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', '--input-type=module', '--eval', code], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<void>((ok, fail) => {
    const check = () => (out.includes('ready\n') ? ok() : setTimeout(check, 20));
    check();
    child.once('exit', (c) => fail(new Error(`indexer process exited (${c}) before it was ready: ${err}`)));
  });
  const done = new Promise<number>((ok, fail) =>
    child.once('exit', (c) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (c === 0 && line) ok((JSON.parse(line) as { total: number }).total);
      else fail(new Error(`indexer process exited with ${c}: ${err}`));
    }),
  );
  return { ready, go: () => child.stdin.end('go\n'), done };
}

describe('search indexing on SQLite', () => {
  it('indexers in three processes at once index each transcript exactly once', async () => {
    const n = 3_000;
    await suite.ingestWithoutIndexing(suite.words('yakfee', n));
    const indexers = [1, 2, 3].map(() => indexerProcess(sqlitePath(env.DATABASE_URL), 25));
    await Promise.all(indexers.map((p) => p.ready));
    for (const p of indexers) p.go();
    const counts = await Promise.all(indexers.map((p) => p.done));
    // Each batch is one BEGIN IMMEDIATE transaction that reads and moves the mark: the processes take turns.
    expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
    expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
    await suite.expectIndexConsistent();
    expect(await suite.search('yakfee')).toEqual({ total: n, notSearchable: 0 });
  }, 120_000);

  it('an existing database keeps its index: the migration counts every stored transcript as indexed, and what comes after is indexed by the indexer', async () => {
    // The history up to the one before the indexer, then a database indexed by the old insert trigger.
    const dir = mkdtempSync(join(tmpdir(), 'callsight-search-migrate-'));
    const before = join(dir, 'migrations');
    cpSync(migrationsDir(), before, { recursive: true });
    for (const name of readdirSync(before)) if (name >= MIGRATION) rmSync(join(before, name), { recursive: true, force: true });
    const path = join(dir, 'old.db');
    await migrate(`file:${path}`, before);
    const conn = new Database(path);
    const insert = conn.prepare(`INSERT INTO "Transcript" ("contentHash", "text", "occurredAt", "day") VALUES (?, ?, '2026-11-01T10:00:00.000+00:00', '2026-11-01')`);
    for (const [i, text] of ['My router is broken', 'The router blinks red', 'Cancel my plan'].entries()) insert.run(`old-${i}`, text);

    await migrate(`file:${path}`);
    const indexer = SqliteSearchIndexer.open(path);
    try {
      expect(conn.prepare(`SELECT "indexedId" AS mark FROM "TranscriptSearchState"`).get()).toEqual({ mark: 3 });
      expect(await indexer.backlog()).toBe(0);
      const find = (q: string) => (conn.prepare(`SELECT rowid FROM "TranscriptSearch" WHERE "TranscriptSearch" MATCH ? ORDER BY rowid`).raw().all(q) as [number][]).map((r) => r[0]);
      expect(find('router')).toEqual([1, 2]);
      const check = () => conn.exec(`INSERT INTO "TranscriptSearch" ("TranscriptSearch", rank) VALUES ('integrity-check', 1)`);
      check();

      // After the migration: stored, not indexed until the indexer runs; deleting an old and a new one keeps the index whole.
      insert.run('new-0', 'A router that came later');
      insert.run('new-1', 'Another router, deleted before it was indexed');
      expect(await indexer.backlog()).toBe(2);
      expect(find('router')).toEqual([1, 2]);
      conn.prepare(`DELETE FROM "Transcript" WHERE "id" IN (1, 5)`).run();
      expect(await indexer.indexBatch()).toBe(1);
      expect(await indexer.backlog()).toBe(0);
      expect(find('router')).toEqual([2, 4]);
      check();
    } finally {
      await indexer.close();
      conn.close();
    }
  });
});
