import { defineConfig } from 'prisma/config';

// Prisma 7 does not read .env; the default keeps a fresh clone working.
// A postgres(ql):// DATABASE_URL selects the PostgreSQL schema (derived from
// prisma/schema.prisma by scripts/prisma-generate.mjs) and its own migration
// history, so Prisma's CLI (where its engine can be downloaded) sees what
// lib/migrate.ts applies.
const url = process.env.DATABASE_URL ?? 'file:./data/callsight.db';
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  schema: postgres ? 'prisma/postgresql/schema.prisma' : 'prisma/schema.prisma',
  migrations: { path: postgres ? 'prisma/migrations-postgresql' : 'prisma/migrations' },
  datasource: { url },
});
