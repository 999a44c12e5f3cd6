import Database from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isPostgresUrl } from './env';
import { sqlitePath } from './db';

/**
 * Applies prisma/migrations/* to the database, writing `_prisma_migrations`
 * rows exactly as `prisma migrate deploy` does (same table, sha256 checksum of
 * the file), so the two agree on a machine that has Prisma's native engine.
 * Prisma's schema engine cannot be downloaded here, hence this runner.
 */
export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function migrationsDir(root = process.cwd()): string {
  return resolve(root, 'prisma/migrations');
}

export function listMigrations(dir: string): { name: string; sql: string; checksum: string }[] {
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

export function migrate(url: string, dir = migrationsDir()): MigrationResult {
  if (isPostgresUrl(url)) throw new Error('PostgreSQL migrations are not built yet: use a file: DATABASE_URL.');
  const path = sqlitePath(url);
  mkdirSync(dirname(path), { recursive: true });
  const conn = new Database(path, { timeout: 30_000 });
  try {
    conn.pragma('journal_mode = WAL');
    conn.pragma('foreign_keys = ON');
    conn.exec(MIGRATIONS_TABLE);
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
          if (row.checksum !== m.checksum) {
            throw new Error(`Migration ${m.name} was changed after it was applied (checksum differs). Add a new migration instead of editing an applied one.`);
          }
          if (!row.finished_at) throw new Error(`Migration ${m.name} started but did not finish; inspect the database before retrying.`);
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
