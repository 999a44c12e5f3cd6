import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchemaFrom, readPostgresSchema } from './postgres-schema.mjs';

describe('the PostgreSQL Prisma schema', () => {
  it('is exactly what scripts/prisma-generate.mjs derives from prisma/schema.prisma (run it after changing the schema)', () => {
    expect(readFileSync(POSTGRES_SCHEMA, 'utf8')).toBe(readPostgresSchema());
  });

  it('differs from the SQLite schema only in the provider, the client output and the header', () => {
    const sqlite = readFileSync(SQLITE_SCHEMA, 'utf8').split('\n');
    const pg = readPostgresSchema().split('\n');
    const added = pg.filter((l) => !sqlite.includes(l));
    const removed = sqlite.filter((l) => !pg.includes(l));
    expect(added.filter((l) => !l.startsWith('//'))).toEqual(['  output       = "../../lib/generated/prisma-pg"', '  provider = "postgresql"']);
    expect(removed.filter((l) => !l.startsWith('//'))).toEqual(['  output       = "../lib/generated/prisma"', '  provider = "sqlite"']);
  });

  it('refuses a schema it cannot derive from, instead of writing a wrong one', () => {
    expect(() => postgresSchemaFrom('datasource db {\n  provider = "mysql"\n}\n')).toThrow(/provider = "sqlite"/);
  });
});
