import { createDb, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { migrate } from '@/lib/migrate';

/** Runs a command against the migrated DATABASE_URL and always disconnects (every CLI command that touches the database). */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  await migrate(env.DATABASE_URL);
  const db = createDb();
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}
