import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isPostgresUrl } from './env';
import { postgresConfig, sqlitePath } from './db';

/**
 * Applies the migration history of the database's dialect
 * (prisma/migrations for SQLite, prisma/migrations-postgresql for
 * PostgreSQL), writing `_prisma_migrations` rows exactly as
 * `prisma migrate deploy` does (same table, sha256 checksum of the file), so
 * the two agree on a machine that has Prisma's native engine. Prisma's schema
 * engine cannot be downloaded here, hence this runner.
 */
export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export type Dialect = 'sqlite' | 'postgresql';

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function dialectOf(url: string): Dialect {
  return isPostgresUrl(url) ? 'postgresql' : 'sqlite';
}

export function migrationsDir(dialect: Dialect = 'sqlite', root = process.cwd()): string {
  return resolve(root, dialect === 'sqlite' ? 'prisma/migrations' : 'prisma/migrations-postgresql');
}

export function listMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new Error(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

function editedError(name: string): Error {
  return new Error(`Migration ${name} was changed after it was applied (checksum differs). Add a new migration instead of editing an applied one.`);
}

function unfinishedError(name: string): Error {
  return new Error(`Migration ${name} started but did not finish; inspect the database before retrying.`);
}

/**
 * Migrates the database `url` names to the newest migration in `dir` (by
 * default the history of its dialect). Safe to run from several processes at
 * once: each migration is applied exactly once, in a transaction with its
 * `_prisma_migrations` row.
 *
 * On SQLite all the work happens synchronously before the returned promise
 * exists (better-sqlite3 is synchronous), so a caller that forgets to await
 * still finds the database migrated; errors still arrive as a rejection.
 */
export async function migrate(url: string, dir = migrationsDir(dialectOf(url))): Promise<MigrationResult> {
  return isPostgresUrl(url) ? migratePostgres(url, dir) : migrateSqlite(url, dir);
}

const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** The SQLite runner, synchronous: better-sqlite3 is. */
export function migrateSqlite(url: string, dir = migrationsDir('sqlite')): MigrationResult {
  const path = sqlitePath(url);
  mkdirSync(dirname(path), { recursive: true });
  const conn = new Database(path, { timeout: 30_000 });
  try {
    conn.pragma('journal_mode = WAL');
    conn.pragma('foreign_keys = ON');
    conn.exec(SQLITE_MIGRATIONS_TABLE);
    const migrations = listMigrations(dir);
    const applied: string[] = [];
    let alreadyApplied = 0;
    for (const m of migrations) {
      // BEGIN IMMEDIATE takes the write lock first, so two processes starting
      // at once apply each migration exactly once.
      const done = conn.transaction(() => {
        const row = conn
          .prepare(`SELECT checksum, finished_at FROM "_prisma_migrations" WHERE migration_name = ? AND rolled_back_at IS NULL`)
          .get(m.name) as { checksum: string; finished_at: string | null } | undefined;
        if (row) {
          if (row.checksum !== m.checksum) throw editedError(m.name);
          if (!row.finished_at) throw unfinishedError(m.name);
          return false;
        }
        conn.exec(m.sql);
        conn
          .prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
          )
          .run(randomUUID(), m.checksum, m.name);
        return true;
      });
      if (done.immediate()) applied.push(m.name);
      else alreadyApplied++;
    }
    return { applied, alreadyApplied };
  } finally {
    conn.close();
  }
}

// The table as Prisma's schema engine creates it on PostgreSQL.
const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// The advisory lock key Prisma's schema engine takes while it migrates, so
// this runner and a real `prisma migrate deploy` also wait for each other.
const PRISMA_MIGRATE_LOCK = 72707369;

/**
 * The PostgreSQL runner. A session-level advisory lock serialises runners
 * (concurrent `CREATE TABLE IF NOT EXISTS` is not safe on its own), and each
 * migration runs in a transaction with its row: PostgreSQL's DDL is
 * transactional, so a failed migration leaves nothing behind. (A migration
 * that cannot run in a transaction, like CREATE INDEX CONCURRENTLY, would
 * need a special case here.)
 */
export async function migratePostgres(url: string, dir = migrationsDir('postgresql')): Promise<MigrationResult> {
  const migrations = listMigrations(dir);
  const { schema, ...config } = postgresConfig(url);
  const { default: pg } = await import('pg'); // loaded only when PostgreSQL is used
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(POSTGRES_MIGRATIONS_TABLE);
      const applied: string[] = [];
      let alreadyApplied = 0;
      for (const m of migrations) {
        await client.query('BEGIN');
        try {
          const { rows } = await client.query<{ checksum: string; finished_at: Date | null }>(
            `SELECT checksum, finished_at FROM "_prisma_migrations" WHERE migration_name = $1 AND rolled_back_at IS NULL`,
            [m.name],
          );
          const row = rows[0];
          if (row) {
            if (row.checksum !== m.checksum) throw editedError(m.name);
            if (!row.finished_at) throw unfinishedError(m.name);
            await client.query('ROLLBACK');
            alreadyApplied++;
            continue;
          }
          // Without parameters, pg sends the file as one simple query: several statements are fine.
          await client.query(m.sql).catch((e: unknown) => {
            throw new Error(`Migration ${m.name} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
          });
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, clock_timestamp(), $3, now(), 1)`,
            [randomUUID(), m.checksum, m.name],
          );
          await client.query('COMMIT');
          applied.push(m.name);
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined); // the error that matters is e
          throw e;
        }
      }
      return { applied, alreadyApplied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]).catch(() => undefined); // client.end() releases it anyway
    }
  } finally {
    await client.end();
  }
}
