import Database from 'better-sqlite3';
import { sqlitePath } from '@/lib/db';
import type pg from 'pg';

/**
 * What the two job-queue modules (ingest-queue.ts, studio-queue.ts) share, per
 * dialect. Only types come from `pg`: SQLite processes load this module, and
 * must not load `pg` (postgres-pool.ts, which does, is imported only when a
 * queue on PostgreSQL is opened).
 */

/**
 * A statement that is the same on both databases but for its placeholders:
 * written once with SQLite's `?`, numbered `$1, $2, …` for PostgreSQL (so no
 * `?` may stand inside a string literal).
 */
export function sameOnBoth(sql: string): { sqlite: string; postgres: string } {
  let n = 0;
  return { sqlite: sql, postgres: sql.replace(/\?/g, () => `$${++n}`) };
}

/** A DateTime for SQLite, as Prisma's adapter writes it: ISO 8601 with `+00:00`. */
export const sqlTime = (d: Date = new Date()) => d.toISOString().replace('Z', '+00:00');

/**
 * A DateTime for PostgreSQL, where the columns are `timestamp(3)` without time
 * zone holding UTC, as Prisma writes them: an ISO string (PostgreSQL ignores
 * the `Z` for this type), since `pg` would send a Date in the machine's local
 * time zone. postgres-pool.ts reads them back as UTC.
 */
export const pgTime = (d: Date = new Date()) => d.toISOString();

/** PostgreSQL text cannot hold NUL characters (SQLite can); rejection reasons and excerpts must always be storable. */
export const storableText = (s: string) => s.replace(/\u0000/g, '\uFFFD');

/** Deadlock and serialization failure: the transaction did nothing and can simply run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_TRIES = 5;

/**
 * Runs `fn` in BEGIN … COMMIT on one pooled connection (the counterpart of
 * SQLite's BEGIN IMMEDIATE transaction); rolls back on any error. Two chunks
 * that insert the same texts in different orders can deadlock on the unique
 * indexes: PostgreSQL aborts one, which is run again.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const c = await pool.connect();
    let broken = false;
    try {
      await c.query('BEGIN');
      const result = await fn(c);
      await c.query('COMMIT');
      return result;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => (broken = true));
      const code = (e as { code?: unknown }).code;
      if (attempt < MAX_TRIES && typeof code === 'string' && RETRYABLE.has(code)) continue;
      throw e;
    } finally {
      c.release(broken);
    }
  }
}

/**
 * A queue's own SQLite connection: WAL, NORMAL sync (survives a process crash,
 * kill -9; only a power cut can drop the last commits), foreign keys enforced,
 * and a 30 s busy timeout so a writer waits for another process's lock.
 */
export function openSqlite(url: string): Database.Database {
  const conn = new Database(sqlitePath(url), { timeout: 30_000 });
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('foreign_keys = ON');
  return conn;
}
