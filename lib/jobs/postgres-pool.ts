import pg from 'pg';
import { postgresConfig } from '@/lib/db';

/**
 * The `pg` connection pool the PostgreSQL job queues share: the one job-queue
 * module that needs `pg` at run time, so open-queues.ts imports it only for a
 * PostgreSQL URL (the SQL and the transaction helper are in ingest-queue.ts,
 * studio-queue.ts and queue-sql.ts).
 *
 * DateTime columns are `timestamp(3)` without time zone holding UTC, as
 * Prisma writes them (pgTime in queue-sql.ts). They come back as UTC: `pg`
 * would read them in the machine's local time zone instead.
 */
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
