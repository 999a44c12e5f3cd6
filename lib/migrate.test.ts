import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate, migrationsDir } from './migrate';

describe('migrate', () => {
  it('migrates an empty database once, records Prisma-compatible rows, and is idempotent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callsight-migrate-'));
    const url = `file:${join(dir, 'a.db')}`;
    const first = migrate(url);
    expect(first.applied.length).toBe(listMigrations(migrationsDir()).length);
    const second = migrate(url);
    expect(second.applied).toEqual([]);
    const conn = new Database(join(dir, 'a.db'));
    const rows = conn.prepare('SELECT migration_name, checksum, finished_at FROM _prisma_migrations').all() as { checksum: string; finished_at: string }[];
    expect(rows).toHaveLength(first.applied.length);
    expect(rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.finished_at).toBeTruthy();
    const tables = (conn.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['ApiKey', 'Model', 'Label', 'ModelVersion', 'Example', 'Transcript', 'Prediction']) expect(tables).toContain(t);
    expect(conn.pragma('journal_mode', { simple: true })).toBe('wal');
    conn.close();
  });

  it('refuses a migration that was edited after it was applied', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callsight-migrate-'));
    const migrations = join(dir, 'migrations');
    cpSync(migrationsDir(), migrations, { recursive: true });
    const url = `file:${join(dir, 'b.db')}`;
    migrate(url, migrations);
    const [m] = listMigrations(migrations);
    writeFileSync(join(migrations, m!.name, 'migration.sql'), `${m!.sql}\n-- edited`);
    expect(() => migrate(url, migrations)).toThrow(/changed after it was applied/);
  });
});
