// Generates the Prisma clients offline. Prisma's schema engine is downloaded
// from Prisma's servers, which this environment cannot reach; `generate` never
// runs it, so point the CLI at /bin/false to stop it from trying.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const schemas = ['prisma/schema.prisma', 'prisma/postgres/schema.prisma'].filter((s) => existsSync(s));
for (const schema of schemas) {
  const r = spawnSync('npx', ['prisma', 'generate', '--schema', schema], {
    stdio: 'inherit',
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
