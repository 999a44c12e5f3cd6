import pg from 'pg';
import { postgresConfig } from '@/lib/db';

/**
 * The `pg` connection pool the PostgreSQL job queues share, and the
 * transaction they write in.
 *
 * DateTime columns are `timestamp(3)` without time zone holding UTC, as
 * Prisma writes them. Times go in as ISO strings (PostgreSQL ignores the `Z`
 * for this type) and come back as UTC: `pg` would send and read a Date in the
 * machine's local time zone instead.
 */
export const pgTime = (d: Date = new Date()) => d.toISOString();

const TIMESTAMP_OID = 1114;

const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID && format !== 'binary' ? (s: string) => new Date(`${s.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format ?? 'text'),
} as pg.CustomTypesConfig;

/** A small pool: a worker does one thing at a time (a renewal may overlap). */
export function openPool(url: string, max = 3): pg.Pool {
  const { schema: _schema, ...config } = postgresConfig(url);
  const pool = new pg.Pool({ ...config, max, types });
  // An idle client whose connection breaks (a server restart) must not crash the worker; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

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

/** PostgreSQL text cannot hold NUL characters (SQLite can); rejection reasons and excerpts must always be storable. */
export const storableText = (s: string) => s.replace(/\u0000/g, '\uFFFD');
