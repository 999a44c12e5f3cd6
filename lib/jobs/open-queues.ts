import { isPostgresUrl } from '@/lib/env';
import type { IngestQueue, StudioQueue } from './queue';
import { SqliteIngestQueue } from './sqlite-queue';
import { SqliteStudioQueue } from './studio-queue';

export interface Queues {
  ingest: IngestQueue;
  studio: StudioQueue;
  close(): Promise<void>;
}

/**
 * The job queues of the database `url` names: SQLite for a `file:` URL,
 * PostgreSQL for a postgres(ql):// one. The PostgreSQL modules (and `pg`) are
 * loaded only when used, so SQLite processes never load them.
 */
export async function openQueues(url: string): Promise<Queues> {
  if (isPostgresUrl(url)) {
    const [{ openPool }, { PostgresIngestQueue }, { PostgresStudioQueue }] = await Promise.all([
      import('./postgres-pool'),
      import('./postgres-queue'),
      import('./postgres-studio-queue'),
    ]);
    const pool = openPool(url);
    return { ingest: new PostgresIngestQueue(pool), studio: new PostgresStudioQueue(pool), close: () => pool.end() };
  }
  const ingest = new SqliteIngestQueue(url);
  const studio = new SqliteStudioQueue(url);
  return {
    ingest,
    studio,
    close: async () => {
      ingest.close();
      studio.close();
    },
  };
}
