import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const alias = { '@': fileURLToPath(new URL('./', import.meta.url)), 'server-only': fileURLToPath(new URL('./lib/testing/server-only-stub.ts', import.meta.url)) };

/**
 * The integration suite that runs a second time on PostgreSQL (the "postgresql"
 * project, when TEST_POSTGRES_URL names a cluster): the API routes, ingest and
 * the job queue, the dashboard queries, the export, the studio's jobs and the
 * CLI, each file on its own new database. The `*.postgres.test.ts` files hold
 * what only PostgreSQL has (concurrent migrators, out-of-order ids, three
 * worker processes and kill -9).
 */
const BOTH_DATABASES = [
  'app/**/*.test.ts',
  'lib/jobs/ingest.test.ts',
  'lib/jobs/ingest-hardening.test.ts',
  'lib/jobs/studio.test.ts',
  'lib/jobs/crash.test.ts',
  'lib/server/analytics/analytics.test.ts',
  'lib/server/analytics/export-csv.test.ts',
  'lib/server/analytics/transcript-neighbors.test.ts',
  'lib/server/analytics/honest-numbers.test.ts',
  'lib/cli/cli.test.ts',
  'lib/server/auth/auth.test.ts',
  'lib/jobs/worker-heartbeat.test.ts',
];

const shared = {
  environment: 'node' as const,
  setupFiles: ['lib/testing/setup-db.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: 'forks' as const,
};

export default defineConfig({
  resolve: { alias },
  test: {
    fileParallelism: false,
    projects: [
      {
        resolve: { alias },
        test: { ...shared, name: 'sqlite', include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts', 'prisma/**/*.test.ts', 'scripts/**/*.test.ts'] },
      },
      ...(process.env.TEST_POSTGRES_URL
        ? [
            {
              resolve: { alias },
              test: { ...shared, name: 'postgresql', include: BOTH_DATABASES, env: { CALLSIGHT_TEST_DATABASE: 'postgresql' } },
            },
          ]
        : []),
    ],
  },
});
