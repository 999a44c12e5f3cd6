import type Database from 'better-sqlite3';
import type pg from 'pg';
import { z } from 'zod';
import type { FileFormat } from '@/lib/ingest/detect';
import { cutText } from '@/lib/text/well-formed';
import { ZStagedRow, type TColumnMapping } from '@/lib/schemas/ingest';
import { LeaseLostError, type ClaimedChunk, type IngestQueue, type ParseClaim, type ParsedBatch, type StoredRow } from './queue';
import { inTransaction, openSqlite, pgTime, sameOnBoth, sqlTime, storableText } from './queue-sql';
import { PostgresSearchIndexer, SqliteSearchIndexer, searchIndexingTurn } from '@/lib/server/search/search-indexer';

/**
 * Every SQL statement of the ingest queue, once per dialect, side by side,
 * run through better-sqlite3 and `pg` directly (not Prisma):
 * SqliteIngestQueue and PostgresIngestQueue have the same methods in the same
 * order, with the same effects. A statement the same on both but for its
 * placeholders is written once, below.
 *
 * Claims are single `UPDATE … RETURNING` statements on a lease with an
 * expiry, so several workers (threads, processes, machines) never take the
 * same unit of work while its lease holds, and a dead worker's is taken over
 * when it expires. One transaction per chunk holds its transcripts, their
 * predictions, the chunk's done mark and the job's counters, so a crash
 * leaves either all of a chunk or none of it.
 *
 * What differs is the dialect:
 *
 * - on PostgreSQL, claims lock the row they take with `FOR UPDATE SKIP
 *   LOCKED`, so concurrent workers each get a different row instead of
 *   waiting on one another (SQLite has one writer at a time and needs no such
 *   clause);
 * - SQLite's BEGIN IMMEDIATE transaction (better-sqlite3, synchronous: each
 *   method does all its work before the promise it returns exists, so a
 *   transaction never spans an `await`) is BEGIN … COMMIT on one pooled
 *   connection (inTransaction);
 * - `INSERT OR IGNORE` is `ON CONFLICT DO NOTHING`; `MAX(a, b)` is
 *   `GREATEST(a, b)`; booleans are `true`/`false`, not 1/0; DateTimes are
 *   written as sqlTime and pgTime (queue-sql.ts); text that may hold NUL goes
 *   through storableText on PostgreSQL;
 * - on PostgreSQL a chunk's rows, predictions and rejections go in as one
 *   multi-row statement each (`unnest` of array parameters) rather than one
 *   statement a row: a round trip to a server costs more than a call into
 *   SQLite.
 *
 * The chunk's transaction does not index the text for search: that costs more
 * than storing it, and is done afterwards by indexSearch, in transactions of
 * its own (lib/server/search/search-indexer.ts; measured by bench/ingest.ts,
 * `BENCH_INGEST_ONLY=write-path`).
 */
const ZRows = z.array(ZStagedRow);

const RESUME_POINT = sameOnBoth(`SELECT COALESCE(MAX("lastLine"), 0) AS line, COALESCE(MAX("seq"), -1) AS seq FROM "IngestChunk" WHERE "jobId" = ?`);
const JOB_MODEL_IDS = sameOnBoth(`SELECT "modelIds" FROM "IngestJob" WHERE "id" = ?`);
const RELEASE_CHUNK = sameOnBoth(`UPDATE "IngestChunk" SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL WHERE "id" = ? AND "leaseOwner" = ? AND "status" = 'pending'`);
const MARK_CHUNK_STORED = sameOnBoth(`UPDATE "IngestChunk" SET "status" = 'done', "doneAt" = ?, "rows" = '[]', "leaseOwner" = NULL WHERE "id" = ? AND "status" = 'pending'`);
const COUNT_CHUNK = sameOnBoth(`UPDATE "IngestChunk" SET "inserted" = ?, "duplicates" = ? WHERE "id" = ?`);
const COUNT_STORED_IN_JOB = sameOnBoth(
  `UPDATE "IngestJob" SET "rowsInserted" = "rowsInserted" + ?, "rowsDuplicate" = "rowsDuplicate" + ?, "chunksDone" = "chunksDone" + 1, "updatedAt" = ? WHERE "id" = ?`,
);
const MARK_CHUNK_REJECTED = sameOnBoth(`UPDATE "IngestChunk" SET "status" = 'done', "doneAt" = ?, "leaseOwner" = NULL WHERE "id" = ? AND "status" = 'pending'`);
const COUNT_REJECTED_IN_JOB = sameOnBoth(
  `UPDATE "IngestJob" SET "rowsRejected" = "rowsRejected" + ?, "rowsParsed" = "rowsParsed" - ?, "chunksDone" = "chunksDone" + 1, "updatedAt" = ? WHERE "id" = ?`,
);
const CHUNK_ATTEMPTS = sameOnBoth(`SELECT "attempts" FROM "IngestChunk" WHERE "id" = ?`);

/** A claimed job and where its parse stopped (RESUME_POINT), on either database. */
function toParseClaim(
  job: { id: string; filePath: string; format: FileFormat; delimiter: string | null; mapping: string; createdAt: Date },
  done: { line: number; seq: number } | undefined,
): ParseClaim {
  return {
    jobId: job.id,
    filePath: job.filePath,
    format: job.format,
    delimiter: job.delimiter,
    mapping: JSON.parse(job.mapping) as TColumnMapping,
    createdAt: job.createdAt,
    resumeAfterLine: done?.line ?? 0,
    nextSeq: (done?.seq ?? -1) + 1,
  };
}

/** The same claim from a new resume point (RESUME_POINT). */
function resumedClaim(claim: ParseClaim, done: { line: number; seq: number } | undefined): ParseClaim {
  return { ...claim, resumeAfterLine: done?.line ?? 0, nextSeq: (done?.seq ?? -1) + 1 };
}

/** A claimed chunk and its job's models (JOB_MODEL_IDS), on either database. */
function toClaimedChunk(chunk: { id: number; jobId: string; seq: number; rows: string }, modelIds: string | undefined): ClaimedChunk {
  return { id: chunk.id, jobId: chunk.jobId, seq: chunk.seq, rows: ZRows.parse(JSON.parse(chunk.rows)), modelIds: z.array(z.number()).parse(JSON.parse(modelIds ?? '[]')) };
}

// -------------------------------------------------------------------- SQLite

export class SqliteIngestQueue implements IngestQueue {
  readonly conn: Database.Database;
  readonly indexSearch: (log: (line: string) => void) => Promise<boolean>;

  constructor(url: string) {
    this.conn = openSqlite(url);
    this.indexSearch = searchIndexingTurn(new SqliteSearchIndexer(this.conn));
  }

  close(): void {
    this.conn.close();
  }

  // ---- parse phase --------------------------------------------------------

  async claimParse(owner: string, leaseMs: number, now = new Date()): Promise<ParseClaim | null> {
    const row = this.conn
      .prepare(
        `UPDATE "IngestJob" SET "parseLeaseOwner" = ?, "parseLeaseExpiresAt" = ?, "status" = 'running',
           "startedAt" = COALESCE("startedAt", ?), "updatedAt" = ?
         WHERE "id" = (SELECT "id" FROM "IngestJob" WHERE "status" IN ('queued', 'running') AND "parseDone" = 0
                         AND ("parseLeaseExpiresAt" IS NULL OR "parseLeaseExpiresAt" < ?) ORDER BY "createdAt" LIMIT 1)
         RETURNING "id", "filePath", "format", "delimiter", "mapping", "createdAt"`,
      )
      .get(owner, sqlTime(new Date(now.getTime() + leaseMs)), sqlTime(now), sqlTime(now), sqlTime(now)) as
      | { id: string; filePath: string; format: FileFormat; delimiter: string | null; mapping: string; createdAt: string }
      | undefined;
    if (!row) return null;
    const done = this.conn.prepare(RESUME_POINT.sqlite).get(row.id) as { line: number; seq: number };
    return toParseClaim({ ...row, createdAt: new Date(row.createdAt) }, done);
  }

  async writeParsedChunk(claim: ParseClaim, owner: string, leaseMs: number, seq: number, batch: ParsedBatch, finished: boolean, error: string | null = null): Promise<void> {
    this.conn
      .transaction(() => {
        const now = new Date();
        const rejected = this.insertRejections(claim.jobId, batch.rejections);
        let staged = 0;
        let chunks = 0;
        const first = batch.rows[0];
        const last = batch.rows[batch.rows.length - 1];
        if (first && last) {
          const ins = this.conn
            .prepare(
              `INSERT OR IGNORE INTO "IngestChunk" ("jobId", "seq", "firstLine", "lastLine", "rowCount", "rows", "status", "attempts", "inserted", "duplicates")
               VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, 0, 0)`,
            )
            .run(claim.jobId, seq, first.line, last.line, batch.rows.length, JSON.stringify(batch.rows));
          if (ins.changes) {
            staged = batch.rows.length;
            chunks = 1;
          }
        }
        const upd = this.conn
          .prepare(
            `UPDATE "IngestJob" SET "parseLeaseExpiresAt" = ?, "bytesParsed" = MAX("bytesParsed", ?), "rowsParsed" = "rowsParsed" + ?,
               "rowsRejected" = "rowsRejected" + ?, "chunksTotal" = "chunksTotal" + ?, "updatedAt" = ?,
               "parseDone" = ?, "parseLeaseOwner" = CASE WHEN ? THEN NULL ELSE "parseLeaseOwner" END,
               "error" = COALESCE(?, "error")
             WHERE "id" = ? AND "parseLeaseOwner" = ?`,
          )
          .run(
            sqlTime(new Date(now.getTime() + leaseMs)),
            batch.bytesParsed,
            staged,
            rejected,
            chunks,
            sqlTime(now),
            finished ? 1 : 0,
            finished ? 1 : 0,
            error,
            claim.jobId,
            owner,
          );
        if (!upd.changes) throw new LeaseLostError(`parse lease on job ${claim.jobId} was lost`);
        if (finished) this.finishIfComplete(claim.jobId, now);
      })
      .immediate();
  }

  async failParse(claim: ParseClaim, owner: string, error: string, bytesParsed: number): Promise<void> {
    return this.writeParsedChunk(claim, owner, 0, -1, { rows: [], rejections: [], bytesParsed }, true, error);
  }

  async resumeParse(claim: ParseClaim, owner: string, leaseMs: number): Promise<ParseClaim> {
    const now = new Date();
    const upd = this.conn
      .prepare(`UPDATE "IngestJob" SET "parseLeaseExpiresAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "parseLeaseOwner" = ? AND "parseDone" = 0`)
      .run(sqlTime(new Date(now.getTime() + leaseMs)), sqlTime(now), claim.jobId, owner);
    if (!upd.changes) throw new LeaseLostError(`parse lease on job ${claim.jobId} was lost`);
    return resumedClaim(claim, this.conn.prepare(RESUME_POINT.sqlite).get(claim.jobId) as { line: number; seq: number });
  }

  // ---- classify and store phase ------------------------------------------

  async claimChunk(owner: string, leaseMs: number, now = new Date()): Promise<ClaimedChunk | null> {
    const row = this.conn
      .prepare(
        `UPDATE "IngestChunk" SET "leaseOwner" = ?, "leaseExpiresAt" = ?, "attempts" = "attempts" + 1
         WHERE "id" = (SELECT "id" FROM "IngestChunk" WHERE "status" = 'pending'
                         AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ?) ORDER BY "id" LIMIT 1)
         RETURNING "id", "jobId", "seq", "rows", "attempts"`,
      )
      .get(owner, sqlTime(new Date(now.getTime() + leaseMs)), sqlTime(now)) as { id: number; jobId: string; seq: number; rows: string } | undefined;
    if (!row) return null;
    const job = this.conn.prepare(JOB_MODEL_IDS.sqlite).get(row.jobId) as { modelIds: string } | undefined;
    return toClaimedChunk(row, job?.modelIds);
  }

  async releaseChunk(id: number, owner: string): Promise<void> {
    this.conn.prepare(RELEASE_CHUNK.sqlite).run(id, owner);
  }

  /**
   * Stores a classified chunk: transcripts (a content hash or external id
   * already stored counts as a duplicate), one prediction per transcript ×
   * model, the chunk's done mark and the job's counters, all in one
   * transaction. Returns null when the chunk was already stored by another
   * worker (its lease had expired): nothing is written twice.
   */
  async completeChunk(chunk: ClaimedChunk, stored: StoredRow[]): Promise<{ inserted: number; duplicates: number } | null> {
    const insertTranscript = this.conn.prepare(
      `INSERT OR IGNORE INTO "Transcript" ("externalId", "contentHash", "text", "channel", "agent", "queue", "customerId", "language", "metadata", "occurredAt", "day", "createdAt", "importJobId")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertPrediction = this.conn.prepare(
      `INSERT OR IGNORE INTO "Prediction" ("transcriptId", "modelId", "modelVersionId", "label", "score", "scores", "outOfScope", "day", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return this.conn
      .transaction(() => {
        const now = sqlTime();
        const mark = this.conn.prepare(MARK_CHUNK_STORED.sqlite).run(now, chunk.id);
        if (!mark.changes) return null;
        let inserted = 0;
        for (const { row, hash, classified } of stored) {
          const occurredAt = new Date(row.occurredAt);
          const day = occurredAt.toISOString().slice(0, 10);
          const r = insertTranscript.run(
            row.externalId,
            hash,
            row.text,
            row.channel,
            row.agent,
            row.queue,
            row.customerId,
            classified.language,
            JSON.stringify(row.metadata),
            sqlTime(occurredAt),
            day,
            now,
            chunk.jobId,
          );
          if (!r.changes) continue;
          inserted++;
          const id = r.lastInsertRowid;
          for (const p of classified.predictions) insertPrediction.run(id, p.modelId, p.modelVersionId, p.label, p.score, p.scores, p.outOfScope === null ? null : p.outOfScope ? 1 : 0, day, now);
        }
        const duplicates = chunk.rows.length - inserted;
        this.conn.prepare(COUNT_CHUNK.sqlite).run(inserted, duplicates, chunk.id);
        this.conn.prepare(COUNT_STORED_IN_JOB.sqlite).run(inserted, duplicates, now, chunk.jobId);
        this.finishIfComplete(chunk.jobId, new Date());
        return { inserted, duplicates };
      })
      .immediate();
  }

  /** A chunk that keeps failing: its rows become rejections with the error, so the job can finish and nothing is silently lost. */
  async rejectChunk(chunk: ClaimedChunk, reason: string): Promise<void> {
    this.conn
      .transaction(() => {
        const now = sqlTime();
        const mark = this.conn.prepare(MARK_CHUNK_REJECTED.sqlite).run(now, chunk.id);
        if (!mark.changes) return;
        const n = this.insertRejections(
          chunk.jobId,
          chunk.rows.map((r) => ({ line: r.line, reason, excerpt: cutText(r.text, 200) })),
        );
        this.conn.prepare(COUNT_REJECTED_IN_JOB.sqlite).run(n, chunk.rows.length, now, chunk.jobId);
        this.finishIfComplete(chunk.jobId, new Date());
      })
      .immediate();
  }

  async attemptsOf(chunkId: number): Promise<number> {
    return (this.conn.prepare(CHUNK_ATTEMPTS.sqlite).get(chunkId) as { attempts: number } | undefined)?.attempts ?? 0;
  }

  private finishIfComplete(jobId: string, now: Date): void {
    this.conn
      .prepare(
        `UPDATE "IngestJob" SET "status" = CASE WHEN "error" IS NULL THEN 'done' ELSE 'failed' END, "finishedAt" = ?, "updatedAt" = ?
         WHERE "id" = ? AND "parseDone" = 1 AND "chunksDone" = "chunksTotal" AND "status" = 'running'`,
      )
      .run(sqlTime(now), sqlTime(now), jobId);
  }

  /** Rejections already stored for a line (a re-run after a crash) are skipped; returns how many were new. */
  private insertRejections(jobId: string, rejections: ParsedBatch['rejections']): number {
    const insert = this.conn.prepare(`INSERT OR IGNORE INTO "IngestRejection" ("jobId", "line", "reason", "excerpt") VALUES (?, ?, ?, ?)`);
    let n = 0;
    for (const r of rejections) n += insert.run(jobId, r.line, r.reason, r.excerpt).changes;
    return n;
  }
}

// ---------------------------------------------------------------- PostgreSQL

export class PostgresIngestQueue implements IngestQueue {
  readonly indexSearch: (log: (line: string) => void) => Promise<boolean>;

  /** The pool comes from openPool (postgres-pool.ts), loaded only for a PostgreSQL URL. */
  constructor(private readonly pool: pg.Pool) {
    this.indexSearch = searchIndexingTurn(new PostgresSearchIndexer(pool));
  }

  // ---- parse phase --------------------------------------------------------

  async claimParse(owner: string, leaseMs: number, now = new Date()): Promise<ParseClaim | null> {
    const { rows } = await this.pool.query<{ id: string; filePath: string; format: FileFormat; delimiter: string | null; mapping: string; createdAt: Date }>(
      `UPDATE "IngestJob" SET "parseLeaseOwner" = $1, "parseLeaseExpiresAt" = $2, "status" = 'running',
         "startedAt" = COALESCE("startedAt", $3), "updatedAt" = $3
       WHERE "id" = (SELECT "id" FROM "IngestJob" WHERE "status" IN ('queued', 'running') AND "parseDone" = false
                       AND ("parseLeaseExpiresAt" IS NULL OR "parseLeaseExpiresAt" < $3) ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING "id", "filePath", "format", "delimiter", "mapping", "createdAt"`,
      [owner, pgTime(new Date(now.getTime() + leaseMs)), pgTime(now)],
    );
    const row = rows[0];
    if (!row) return null;
    const { rows: done } = await this.pool.query<{ line: number; seq: number }>(RESUME_POINT.postgres, [row.id]);
    return toParseClaim(row, done[0]);
  }

  async writeParsedChunk(claim: ParseClaim, owner: string, leaseMs: number, seq: number, batch: ParsedBatch, finished: boolean, error: string | null = null): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      const now = new Date();
      const rejected = await this.insertRejections(c, claim.jobId, batch.rejections);
      let staged = 0;
      let chunks = 0;
      const first = batch.rows[0];
      const last = batch.rows[batch.rows.length - 1];
      if (first && last) {
        const ins = await c.query(
          `INSERT INTO "IngestChunk" ("jobId", "seq", "firstLine", "lastLine", "rowCount", "rows", "status", "attempts", "inserted", "duplicates")
           VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, 0, 0) ON CONFLICT DO NOTHING`,
          [claim.jobId, seq, first.line, last.line, batch.rows.length, JSON.stringify(batch.rows)],
        );
        if (ins.rowCount) {
          staged = batch.rows.length;
          chunks = 1;
        }
      }
      const upd = await c.query(
        `UPDATE "IngestJob" SET "parseLeaseExpiresAt" = $1, "bytesParsed" = GREATEST("bytesParsed", $2), "rowsParsed" = "rowsParsed" + $3,
           "rowsRejected" = "rowsRejected" + $4, "chunksTotal" = "chunksTotal" + $5, "updatedAt" = $6,
           "parseDone" = $7, "parseLeaseOwner" = CASE WHEN $7 THEN NULL ELSE "parseLeaseOwner" END,
           "error" = COALESCE($8, "error")
         WHERE "id" = $9 AND "parseLeaseOwner" = $10`,
        [pgTime(new Date(now.getTime() + leaseMs)), batch.bytesParsed, staged, rejected, chunks, pgTime(now), finished, error === null ? null : storableText(error), claim.jobId, owner],
      );
      if (!upd.rowCount) throw new LeaseLostError(`parse lease on job ${claim.jobId} was lost`);
      if (finished) await this.finishIfComplete(c, claim.jobId, now);
    });
  }

  async failParse(claim: ParseClaim, owner: string, error: string, bytesParsed: number): Promise<void> {
    return this.writeParsedChunk(claim, owner, 0, -1, { rows: [], rejections: [], bytesParsed }, true, error);
  }

  async resumeParse(claim: ParseClaim, owner: string, leaseMs: number): Promise<ParseClaim> {
    const now = new Date();
    const upd = await this.pool.query(`UPDATE "IngestJob" SET "parseLeaseExpiresAt" = $1, "updatedAt" = $2 WHERE "id" = $3 AND "parseLeaseOwner" = $4 AND "parseDone" = false`, [
      pgTime(new Date(now.getTime() + leaseMs)),
      pgTime(now),
      claim.jobId,
      owner,
    ]);
    if (!upd.rowCount) throw new LeaseLostError(`parse lease on job ${claim.jobId} was lost`);
    const { rows: done } = await this.pool.query<{ line: number; seq: number }>(RESUME_POINT.postgres, [claim.jobId]);
    return resumedClaim(claim, done[0]);
  }

  // ---- classify and store phase ------------------------------------------

  async claimChunk(owner: string, leaseMs: number, now = new Date()): Promise<ClaimedChunk | null> {
    const { rows } = await this.pool.query<{ id: number; jobId: string; seq: number; rows: string }>(
      `UPDATE "IngestChunk" SET "leaseOwner" = $1, "leaseExpiresAt" = $2, "attempts" = "attempts" + 1
       WHERE "id" = (SELECT "id" FROM "IngestChunk" WHERE "status" = 'pending'
                       AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < $3) ORDER BY "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING "id", "jobId", "seq", "rows", "attempts"`,
      [owner, pgTime(new Date(now.getTime() + leaseMs)), pgTime(now)],
    );
    const row = rows[0];
    if (!row) return null;
    const { rows: jobs } = await this.pool.query<{ modelIds: string }>(JOB_MODEL_IDS.postgres, [row.jobId]);
    return toClaimedChunk(row, jobs[0]?.modelIds);
  }

  async releaseChunk(id: number, owner: string): Promise<void> {
    await this.pool.query(RELEASE_CHUNK.postgres, [id, owner]);
  }

  /**
   * As on SQLite, one transaction; the done mark comes first, so a second
   * worker completing the same chunk (its lease had expired) waits on the
   * row lock, then finds it done and writes nothing.
   */
  async completeChunk(chunk: ClaimedChunk, stored: StoredRow[]): Promise<{ inserted: number; duplicates: number } | null> {
    return inTransaction(this.pool, async (c) => {
      const now = pgTime();
      const mark = await c.query(MARK_CHUNK_STORED.postgres, [now, chunk.id]);
      if (!mark.rowCount) return null;
      // In file order (ORDINALITY), so ids follow the file as on SQLite; a row
      // whose content hash or external id is stored already is skipped.
      const { rows: added } = await c.query<{ id: number; contentHash: string; day: string }>(
        `INSERT INTO "Transcript" ("externalId", "contentHash", "text", "channel", "agent", "queue", "customerId", "language", "metadata", "occurredAt", "day", "createdAt", "importJobId")
         SELECT "externalId", "contentHash", "text", "channel", "agent", "queue", "customerId", "language", "metadata", "occurredAt", "day", $12::timestamp(3), $13::text
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::timestamp(3)[], $11::text[])
                WITH ORDINALITY AS r("externalId", "contentHash", "text", "channel", "agent", "queue", "customerId", "language", "metadata", "occurredAt", "day", n)
          ORDER BY n
         ON CONFLICT DO NOTHING
         RETURNING "id", "contentHash", "day"`,
        [
          stored.map((s) => s.row.externalId),
          stored.map((s) => s.hash),
          stored.map((s) => s.row.text),
          stored.map((s) => s.row.channel),
          stored.map((s) => s.row.agent),
          stored.map((s) => s.row.queue),
          stored.map((s) => s.row.customerId),
          stored.map((s) => s.classified.language),
          stored.map((s) => JSON.stringify(s.row.metadata)),
          stored.map((s) => pgTime(new Date(s.row.occurredAt))),
          stored.map((s) => new Date(s.row.occurredAt).toISOString().slice(0, 10)),
          now,
          chunk.jobId,
        ],
      );
      // A stored hash is one row of this chunk (the first with that text); its predictions are that text's.
      const byHash = new Map(added.map((a) => [a.contentHash, a]));
      const predictions: { transcriptId: number; modelId: number; modelVersionId: number | null; label: string; score: number; scores: string; outOfScope: boolean | null; day: string }[] = [];
      for (const { hash, classified } of stored) {
        const t = byHash.get(hash);
        if (!t) continue;
        byHash.delete(hash);
        for (const p of classified.predictions) predictions.push({ transcriptId: t.id, ...p, day: t.day });
      }
      if (predictions.length) {
        await c.query(
          `INSERT INTO "Prediction" ("transcriptId", "modelId", "modelVersionId", "label", "score", "scores", "day", "outOfScope", "createdAt")
           SELECT *, $9::timestamp(3) FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::boolean[])
           ON CONFLICT DO NOTHING`,
          [
            predictions.map((p) => p.transcriptId),
            predictions.map((p) => p.modelId),
            predictions.map((p) => p.modelVersionId),
            predictions.map((p) => p.label),
            predictions.map((p) => p.score),
            predictions.map((p) => p.scores),
            predictions.map((p) => p.day),
            predictions.map((p) => p.outOfScope),
            now,
          ],
        );
      }
      const inserted = added.length;
      const duplicates = chunk.rows.length - inserted;
      await c.query(COUNT_CHUNK.postgres, [inserted, duplicates, chunk.id]);
      // The job's row is the one every worker writes: locked last, held only until COMMIT.
      await c.query(COUNT_STORED_IN_JOB.postgres, [inserted, duplicates, now, chunk.jobId]);
      await this.finishIfComplete(c, chunk.jobId, new Date());
      return { inserted, duplicates };
    });
  }

  async rejectChunk(chunk: ClaimedChunk, reason: string): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      const now = pgTime();
      const mark = await c.query(MARK_CHUNK_REJECTED.postgres, [now, chunk.id]);
      if (!mark.rowCount) return;
      const n = await this.insertRejections(
        c,
        chunk.jobId,
        chunk.rows.map((r) => ({ line: r.line, reason, excerpt: cutText(r.text, 200) })),
      );
      await c.query(COUNT_REJECTED_IN_JOB.postgres, [n, chunk.rows.length, now, chunk.jobId]);
      await this.finishIfComplete(c, chunk.jobId, new Date());
    });
  }

  async attemptsOf(chunkId: number): Promise<number> {
    const { rows } = await this.pool.query<{ attempts: number }>(CHUNK_ATTEMPTS.postgres, [chunkId]);
    return rows[0]?.attempts ?? 0;
  }

  private async finishIfComplete(c: pg.PoolClient, jobId: string, now: Date): Promise<void> {
    await c.query(
      `UPDATE "IngestJob" SET "status" = CASE WHEN "error" IS NULL THEN 'done' ELSE 'failed' END, "finishedAt" = $1, "updatedAt" = $1
       WHERE "id" = $2 AND "parseDone" = true AND "chunksDone" = "chunksTotal" AND "status" = 'running'`,
      [pgTime(now), jobId],
    );
  }

  /** As on SQLite; one statement for all of them. */
  private async insertRejections(c: pg.PoolClient, jobId: string, rejections: ParsedBatch['rejections']): Promise<number> {
    if (!rejections.length) return 0;
    const r = await c.query(
      `INSERT INTO "IngestRejection" ("jobId", "line", "reason", "excerpt")
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
      [jobId, rejections.map((x) => x.line), rejections.map((x) => storableText(x.reason)), rejections.map((x) => storableText(x.excerpt))],
    );
    return r.rowCount ?? 0;
  }
}
