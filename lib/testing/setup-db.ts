import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Every test file gets its own real, empty database, named in DATABASE_URL
// before any module reads the environment:
// - SQLite (the default): a file in a new temporary folder;
// - PostgreSQL, when CALLSIGHT_TEST_DATABASE=postgresql (the "postgresql"
//   project in vitest.config.ts): a new database in the cluster
//   TEST_POSTGRES_URL names, dropped when the file's tests are done.
const dir = mkdtempSync(join(tmpdir(), 'callsight-test-'));
// Uploads too, so a test can see exactly what its own jobs left behind.
process.env.INGEST_UPLOAD_DIR ??= join(dir, 'uploads');
if (process.env.CALLSIGHT_TEST_DATABASE === 'postgresql') {
  const admin = process.env.TEST_POSTGRES_URL;
  if (!admin) throw new Error('CALLSIGHT_TEST_DATABASE=postgresql needs TEST_POSTGRES_URL (scripts/pg-cluster.sh start prints one; npm test sets it).');
  const { testDatabases } = await import('./postgres-database');
  const databases = testDatabases(admin, 'callsight_suite');
  process.env.DATABASE_URL = await databases.create();
  // Snapshots of a PostgreSQL database's analytics index live in ANALYTICS_CACHE_DIR.
  process.env.ANALYTICS_CACHE_DIR = join(dir, 'analytics-cache');
  // Hooks run in reverse order of registration: this one last, after the file's own.
  afterAll(() => databases.dropAll());
} else {
  process.env.DATABASE_URL = `file:${join(dir, 'test.db')}`;
}
