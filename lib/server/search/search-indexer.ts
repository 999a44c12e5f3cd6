import 'server-only';
import Database from 'better-sqlite3';
import type pg from 'pg';

/**
 * Full-text indexing of stored transcripts, outside the transaction that
 * stores them (issue 15), once per dialect, side by side. Tokenizing a
 * transcript for search cost more than storing it (SQLite: an FTS5 insert
 * ~150 µs against ~6 µs for the row, inside the chunk's write transaction), so
 * the write path stores rows only, and this indexer follows them: the ingest
 * workers run a batch after each stored chunk and until caught up when idle
 * (IngestQueue.indexSearch, worker.ts), and a search that finds only a few
 * transcripts waiting indexes them first (catchUpForSearch, index-reader.ts).
 *
 * - SQLite (migration 20261208000000_search_indexer): the FTS5 table
 *   "TranscriptSearch" (external content: "Transcript") and one row in
 *   "TranscriptSearchState" holding the highest transcript id indexed. SQLite
 *   hands out ids inside its write lock, so every id at or below that mark is
 *   indexed and none above it is. A batch reads the mark, indexes the next ids
 *   and moves the mark in one BEGIN IMMEDIATE transaction: indexers in several
 *   processes take turns and never index a row twice (FTS5 would keep both
 *   copies). The delete and update triggers touch the index only at or below
 *   the mark (an FTS5 'delete' of a row that was never indexed corrupts it).
 * - PostgreSQL (the migration of the same name): a sequence hands ids out
 *   before commit, so a mark could pass an id whose transaction commits later.
 *   Instead a statement trigger queues every inserted id in
 *   "TranscriptSearchPending"; a batch takes queued ids (FOR UPDATE SKIP
 *   LOCKED: concurrent indexers take different ones), deletes them and stores
 *   their tsvector (stripped of positions: searches ask for words and prefixes,
 *   never phrases) in "TranscriptSearch" (GIN-indexed), in one statement.
 *
 * Only types come from `pg`: SQLite processes load this module, and must not
 * load `pg`.
 */
export interface SearchIndexer {
  /**
   * Indexes up to `limit` stored transcripts that are not yet searchable, the
   * oldest first, in one short transaction; returns how many were taken. With
   * `wait`, PostgreSQL waits for rows another indexer is taking at that moment
   * (so that a search right after finds them) instead of skipping them.
   */
  indexBatch(limit?: number, options?: { wait?: boolean }): Promise<number>;
  /** How many stored transcripts a search cannot find yet. */
  backlog(): Promise<number>;
  close(): Promise<void>;
}

/** Transcripts indexed in one transaction: about 30–60 ms of the write lock on SQLite, ~0.3 s of a PostgreSQL backend. */
export const SEARCH_INDEX_BATCH = 1_000;

/**
 * A search that finds at most this many transcripts waiting indexes them
 * before it answers (tens of milliseconds), so that what was just stored
 * outside a bulk ingest (a few rows over the API, a test's fixtures) is found
 * at once. With more waiting, the search answers from what is indexed and
 * says how many it cannot see yet.
 */
export const SEARCH_CATCH_UP_ROWS = 500;

// ---------------------------------------------------------------- SQLite

const SQLITE_MARK = `(SELECT "indexedId" FROM "TranscriptSearchState" WHERE "id" = 1)`;
const SQLITE = {
  anyWaiting: `SELECT 1 FROM "Transcript" WHERE "id" > ${SQLITE_MARK} LIMIT 1`,
  mark: `SELECT "indexedId" AS mark FROM "TranscriptSearchState" WHERE "id" = 1`,
  nextBatch: `SELECT count(*) AS n, max("id") AS hi FROM (SELECT "id" FROM "Transcript" WHERE "id" > ? ORDER BY "id" LIMIT ?)`,
  index: `INSERT INTO "TranscriptSearch" (rowid, "text") SELECT "id", "text" FROM "Transcript" WHERE "id" > ? AND "id" <= ?`,
  advance: `UPDATE "TranscriptSearchState" SET "indexedId" = ? WHERE "id" = 1`,
  backlog: `SELECT count(*) AS n FROM "Transcript" WHERE "id" > ${SQLITE_MARK}`,
};

export class SqliteSearchIndexer implements SearchIndexer {
  /** On a connection the caller owns (the ingest queue's); close() leaves it open. */
  constructor(
    private readonly conn: Database.Database,
    private readonly owned = false,
  ) {}

  /**
   * On a connection of its own to the database file at `path`. A short
   * `busyTimeoutMs` makes a caller that must not wait long (a search) give up
   * when another process holds the write lock: better-sqlite3 waits
   * synchronously, holding up the whole process.
   */
  static open(path: string, busyTimeoutMs = 30_000): SqliteSearchIndexer {
    const conn = new Database(path, { fileMustExist: true, timeout: busyTimeoutMs });
    conn.pragma('journal_mode = WAL');
    conn.pragma('synchronous = NORMAL');
    return new SqliteSearchIndexer(conn, true);
  }

  async indexBatch(limit = SEARCH_INDEX_BATCH): Promise<number> {
    // An idle worker asks every poll: only take the write lock when there is something to index.
    if (!this.conn.prepare(SQLITE.anyWaiting).get()) return 0;
    return this.conn
      .transaction(() => {
        const mark = (this.conn.prepare(SQLITE.mark).get() as { mark: number } | undefined)?.mark;
        if (mark === undefined) throw new Error('TranscriptSearchState has no row: migrate the database (npx callsight migrate)');
        const { n, hi } = this.conn.prepare(SQLITE.nextBatch).get(mark, limit) as { n: number; hi: number | null };
        if (hi === null) return 0; // another indexer got there first
        this.conn.prepare(SQLITE.index).run(mark, hi);
        this.conn.prepare(SQLITE.advance).run(hi);
        return n;
      })
      .immediate();
  }

  async backlog(): Promise<number> {
    return (this.conn.prepare(SQLITE.backlog).get() as { n: number }).n;
  }

  async close(): Promise<void> {
    if (this.owned) this.conn.close();
  }
}

// ---------------------------------------------------------------- PostgreSQL

/** $1 the batch size. The same statement with FOR UPDATE alone (`wait`) waits for rows another indexer holds. */
const postgresIndexSql = (lock: 'FOR UPDATE SKIP LOCKED' | 'FOR UPDATE') => `
  WITH taken AS (
    DELETE FROM "TranscriptSearchPending"
     WHERE "id" IN (SELECT "id" FROM "TranscriptSearchPending" ORDER BY "id" LIMIT $1 ${lock})
    RETURNING "id"
  ), indexed AS (
    INSERT INTO "TranscriptSearch" ("id", "vector")
    SELECT t."id", strip(to_tsvector('callsight_search', t."text")) FROM "Transcript" t JOIN taken USING ("id")
    ON CONFLICT ("id") DO UPDATE SET "vector" = EXCLUDED."vector"
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM taken)::int AS taken, (SELECT count(*) FROM indexed)::int AS indexed`;
const POSTGRES = {
  index: postgresIndexSql('FOR UPDATE SKIP LOCKED'),
  indexWaiting: postgresIndexSql('FOR UPDATE'),
  backlog: `SELECT count(*)::int AS n FROM "TranscriptSearchPending"`,
};

/** Deadlock (a transcript deleted while its row is indexed) and serialization failure: the statement did nothing and can run again. */
const RETRYABLE = new Set(['40P01', '40001']);

export class PostgresSearchIndexer implements SearchIndexer {
  /** On a pool the caller owns (the ingest queue's, the index reader's); close() leaves it open. */
  constructor(private readonly pool: pg.Pool) {}

  async indexBatch(limit = SEARCH_INDEX_BATCH, options: { wait?: boolean } = {}): Promise<number> {
    // One statement, so its own short transaction.
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.pool.query<{ taken: number; indexed: number }>(options.wait ? POSTGRES.indexWaiting : POSTGRES.index, [limit]);
        return rows[0]?.taken ?? 0;
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (attempt < 5 && typeof code === 'string' && RETRYABLE.has(code)) continue;
        throw e;
      }
    }
  }

  async backlog(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(POSTGRES.backlog);
    return rows[0]?.n ?? 0;
  }

  async close(): Promise<void> {}
}

// ---------------------------------------------------------------- both

/**
 * What a search calls before it searches: with a few transcripts waiting (at
 * most `maxRows`) it indexes them; returns how many are still not searchable.
 * Indexing that fails (the write lock busy past the indexer's timeout, a
 * read-only file) only means the search says how many it cannot see.
 */
export async function catchUpForSearch(indexer: SearchIndexer, maxRows = SEARCH_CATCH_UP_ROWS): Promise<number> {
  const waiting = await indexer.backlog();
  if (waiting === 0 || waiting > maxRows) return waiting;
  try {
    await indexer.indexBatch(maxRows, { wait: true });
  } catch (e) {
    console.warn(`search: ${waiting} stored transcripts could not be indexed before the search (${(e as Error).message}); it answers without them`);
  }
  return indexer.backlog();
}

/**
 * One turn of a worker's indexing: a batch; true when it was a full one (more
 * may be waiting, so the worker indexes again before it takes new work).
 * Failures are logged (once until the message changes) and left to the next
 * turn: search lagging behind must never stop ingest.
 */
export function searchIndexingTurn(indexer: SearchIndexer): (log: (line: string) => void) => Promise<boolean> {
  let lastError = '';
  return async (log) => {
    try {
      const n = await indexer.indexBatch(SEARCH_INDEX_BATCH);
      lastError = '';
      return n >= SEARCH_INDEX_BATCH;
    } catch (e) {
      const message = (e as Error).message;
      if (message !== lastError) log(`search indexing failed, will try again: ${(e as Error).stack ?? message}`);
      lastError = message;
      return false;
    }
  };
}
