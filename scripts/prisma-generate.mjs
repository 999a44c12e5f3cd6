// Writes the PostgreSQL schema (derived from prisma/schema.prisma) and
// generates both Prisma clients offline: SQLite → lib/generated/prisma,
// PostgreSQL → lib/generated/prisma-pg. Prisma's schema engine is downloaded
// from Prisma's servers, which this environment cannot reach; `generate`
// never runs it, so point the CLI at /bin/false to stop it from trying.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, readPostgresSchema } from './postgres-schema.mjs';

const pg = readPostgresSchema();
let current = null;
try {
  current = readFileSync(POSTGRES_SCHEMA, 'utf8');
} catch {}
if (current !== pg) {
  mkdirSync(dirname(POSTGRES_SCHEMA), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, pg);
  console.log(`wrote ${POSTGRES_SCHEMA}`);
}

for (const schema of [SQLITE_SCHEMA, POSTGRES_SCHEMA]) {
  const r = spawnSync('npx', ['prisma', 'generate', '--schema', schema], {
    stdio: 'inherit',
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
