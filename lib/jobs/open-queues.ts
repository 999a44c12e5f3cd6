import { isPostgresUrl } from '@/lib/env';
import { PostgresIngestQueue, SqliteIngestQueue } from './ingest-queue';
import type { IngestQueue, StudioQueue } from './queue';
import { PostgresStudioQueue, SqliteStudioQueue } from './studio-queue';

export interface Queues {
  ingest: IngestQueue;
  studio: StudioQueue;
  close(): Promise<void>;
}

/**
 * The job queues of the database `url` names: SQLite for a `file:` URL,
 * PostgreSQL for a postgres(ql):// one. The pool module (and `pg`) is loaded
 * only when used, so SQLite processes never load it.
 */
export async function openQueues(url: string): Promise<Queues> {
  if (isPostgresUrl(url)) {
    const { openPool } = await import('./postgres-pool');
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
