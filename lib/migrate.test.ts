import Database from 'better-sqlite3';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSchemaTables, type ScalarType } from './testing/prisma-schema';
import { listMigrations, migrate, migrationsDir } from './migrate';

const SQLITE_TYPES: Record<ScalarType, string> = { Int: 'INTEGER', String: 'TEXT', Float: 'REAL', Boolean: 'BOOLEAN', DateTime: 'DATETIME', Bytes: 'BLOB' };

describe('migrate', () => {
  it('migrates an empty database once, records Prisma-compatible rows, and is idempotent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callsight-migrate-'));
    const url = `file:${join(dir, 'a.db')}`;
    const first = await migrate(url);
    expect(first.applied.length).toBe(listMigrations(migrationsDir()).length);
    const second = await migrate(url);
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

  it('builds what prisma/schema.prisma describes: columns, types, nullability, indexes, foreign keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callsight-migrate-'));
    await migrate(`file:${join(dir, 's.db')}`);
    const conn = new Database(join(dir, 's.db'), { readonly: true });
    for (const table of readSchemaTables()) {
      const columns = conn.prepare(`SELECT name, type, "notnull" FROM pragma_table_info(?)`).all(table.name) as { name: string; type: string; notnull: number }[];
      expect(columns.map((c) => ({ name: c.name, type: c.type, optional: c.notnull === 0 })).sort(byName), table.name).toEqual(
        table.columns.map((c) => ({ name: c.name, type: SQLITE_TYPES[c.type], optional: c.optional })).sort(byName),
      );
      const indexes = conn
        .prepare(`SELECT name, "unique" FROM pragma_index_list(?) WHERE origin = 'c'`)
        .all(table.name) as { name: string; unique: number }[];
      const indexColumns = (index: string) => (conn.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(index) as { name: string }[]).map((c) => c.name);
      expect(indexes.map((i) => ({ name: i.name, unique: i.unique === 1, columns: indexColumns(i.name) })).sort(byName), table.name).toEqual(
        [...table.indexes].sort(byName),
      );
      const fks = conn.prepare(`SELECT "from", "table", on_delete FROM pragma_foreign_key_list(?)`).all(table.name) as { from: string; table: string; on_delete: string }[];
      expect(fks.map((f) => `${f.from}->${f.table} ${f.on_delete}`).sort(), table.name).toEqual(
        table.foreignKeys.map((f) => `${f.column}->${f.references} ${f.onDelete}`).sort(),
      );
    }
    conn.close();
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callsight-migrate-'));
    const migrations = join(dir, 'migrations');
    cpSync(migrationsDir(), migrations, { recursive: true });
    const url = `file:${join(dir, 'b.db')}`;
    await migrate(url, migrations);
    const [m] = listMigrations(migrations);
    writeFileSync(join(migrations, m!.name, 'migration.sql'), `${m!.sql}\n-- edited`);
    await expect(migrate(url, migrations)).rejects.toThrow(/changed after it was applied/);
  });

  it('leaves nothing of a migration that fails part-way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callsight-migrate-'));
    const migrations = join(dir, 'migrations');
    cpSync(migrationsDir(), migrations, { recursive: true });
    mkdirSync(join(migrations, '99990101000000_broken'));
    writeFileSync(join(migrations, '99990101000000_broken', 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\nINSERT INTO "NoSuchTable" VALUES (1);\n');
    const url = `file:${join(dir, 'c.db')}`;
    await expect(migrate(url, migrations)).rejects.toThrow(/NoSuchTable/);
    const conn = new Database(join(dir, 'c.db'), { readonly: true });
    expect(conn.prepare(`SELECT name FROM sqlite_master WHERE name = 'Half'`).get()).toBeUndefined();
    expect(conn.prepare(`SELECT count(*) AS n FROM _prisma_migrations`).get()).toEqual({ n: listMigrations(migrationsDir()).length });
    conn.close();
  });
});

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
