import Database from 'better-sqlite3';
import { z } from 'zod';
import { sqlitePath } from '@/lib/db';
import type { FileFormat } from '@/lib/ingest/detect';
import { ZStagedRow, type TColumnMapping } from '@/lib/schemas/ingest';
import { LeaseLostError, type ClaimedChunk, type IngestQueue, type ParseClaim, type ParsedBatch, type StoredRow } from './queue';

/**
 * Every SQL statement of the ingest queue, for SQLite. Claims are single
 * `UPDATE … RETURNING` statements on a lease with an expiry, so several
 * workers (threads, processes) never take the same chunk while its lease
 * holds, and a dead worker's chunk is taken over when it expires. The
 * PostgreSQL version (postgres-queue.ts) has the same methods and effects,
 * with `FOR UPDATE SKIP LOCKED` claims.
 *
 * The bulk write goes through better-sqlite3 directly: one transaction per
 * chunk holds its transcripts, their predictions, the chunk's done mark and
 * the job's counters, so a crash leaves either all of a chunk or none of it.
 * DateTime columns are written the way Prisma's adapter writes them
 * (ISO 8601 with `+00:00`).
 *
 * better-sqlite3 is synchronous: each method does all its work before the
 * promise it returns exists, so a transaction never spans an `await`.
 */
export const sqlTime = (d: Date = new Date()) => d.toISOString().replace('Z', '+00:00');

const ZRows = z.array(ZStagedRow);

export class SqliteIngestQueue implements IngestQueue {
  readonly conn: Database.Database;

  constructor(url: string) {
    this.conn = new Database(sqlitePath(url), { timeout: 30_000 });
    this.conn.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a process crash (kill -9); only a power cut can drop the last commits.
    this.conn.pragma('synchronous = NORMAL');
    this.conn.pragma('foreign_keys = ON');
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
    const done = this.conn
      .prepare(`SELECT COALESCE(MAX("lastLine"), 0) AS line, COALESCE(MAX("seq"), -1) AS seq FROM "IngestChunk" WHERE "jobId" = ?`)
      .get(row.id) as { line: number; seq: number };
    return {
      jobId: row.id,
      filePath: row.filePath,
      format: row.format,
      delimiter: row.delimiter,
      mapping: JSON.parse(row.mapping) as TColumnMapping,
      createdAt: new Date(row.createdAt),
      resumeAfterLine: done.line,
      nextSeq: done.seq + 1,
    };
  }

  async writeParsedChunk(claim: ParseClaim, owner: string, leaseMs: number, seq: number, batch: ParsedBatch, finished: boolean, error: string | null = null): Promise<void> {
    this.conn
      .transaction(() => {
        const now = new Date();
        let rejected = 0;
        const insertRejection = this.conn.prepare(`INSERT OR IGNORE INTO "IngestRejection" ("jobId", "line", "reason", "excerpt") VALUES (?, ?, ?, ?)`);
        for (const r of batch.rejections) rejected += insertRejection.run(claim.jobId, r.line, r.reason, r.excerpt).changes;
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

  private finishIfComplete(jobId: string, now: Date): void {
    this.conn
      .prepare(
        `UPDATE "IngestJob" SET "status" = CASE WHEN "error" IS NULL THEN 'done' ELSE 'failed' END, "finishedAt" = ?, "updatedAt" = ?
         WHERE "id" = ? AND "parseDone" = 1 AND "chunksDone" = "chunksTotal" AND "status" = 'running'`,
      )
      .run(sqlTime(now), sqlTime(now), jobId);
  }

  async failParse(claim: ParseClaim, owner: string, error: string, bytesParsed: number): Promise<void> {
    return this.writeParsedChunk(claim, owner, 0, -1, { rows: [], rejections: [], bytesParsed }, true, error);
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
    const job = this.conn.prepare(`SELECT "modelIds" FROM "IngestJob" WHERE "id" = ?`).get(row.jobId) as { modelIds: string } | undefined;
    return { id: row.id, jobId: row.jobId, seq: row.seq, rows: ZRows.parse(JSON.parse(row.rows)), modelIds: z.array(z.number()).parse(JSON.parse(job?.modelIds ?? '[]')) };
  }

  async releaseChunk(id: number, owner: string): Promise<void> {
    this.conn.prepare(`UPDATE "IngestChunk" SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL WHERE "id" = ? AND "leaseOwner" = ? AND "status" = 'pending'`).run(id, owner);
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
      `INSERT OR IGNORE INTO "Transcript" ("externalId", "contentHash", "text", "channel", "agent", "queue", "customerId", "language", "metadata", "occurredAt", "day", "createdAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertPrediction = this.conn.prepare(
      `INSERT OR IGNORE INTO "Prediction" ("transcriptId", "modelId", "modelVersionId", "label", "score", "scores", "day", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return this.conn
      .transaction(() => {
        const now = sqlTime();
        const mark = this.conn.prepare(`UPDATE "IngestChunk" SET "status" = 'done', "doneAt" = ?, "rows" = '[]', "leaseOwner" = NULL WHERE "id" = ? AND "status" = 'pending'`).run(now, chunk.id);
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
          );
          if (!r.changes) continue;
          inserted++;
          const id = r.lastInsertRowid;
          for (const p of classified.predictions) insertPrediction.run(id, p.modelId, p.modelVersionId, p.label, p.score, p.scores, day, now);
        }
        const duplicates = chunk.rows.length - inserted;
        this.conn.prepare(`UPDATE "IngestChunk" SET "inserted" = ?, "duplicates" = ? WHERE "id" = ?`).run(inserted, duplicates, chunk.id);
        this.conn
          .prepare(
            `UPDATE "IngestJob" SET "rowsInserted" = "rowsInserted" + ?, "rowsDuplicate" = "rowsDuplicate" + ?, "chunksDone" = "chunksDone" + 1, "updatedAt" = ? WHERE "id" = ?`,
          )
          .run(inserted, duplicates, now, chunk.jobId);
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
        const mark = this.conn.prepare(`UPDATE "IngestChunk" SET "status" = 'done', "doneAt" = ?, "leaseOwner" = NULL WHERE "id" = ? AND "status" = 'pending'`).run(now, chunk.id);
        if (!mark.changes) return;
        const ins = this.conn.prepare(`INSERT OR IGNORE INTO "IngestRejection" ("jobId", "line", "reason", "excerpt") VALUES (?, ?, ?, ?)`);
        let n = 0;
        for (const r of chunk.rows) n += ins.run(chunk.jobId, r.line, reason, r.text.slice(0, 200)).changes;
        this.conn
          .prepare(`UPDATE "IngestJob" SET "rowsRejected" = "rowsRejected" + ?, "rowsParsed" = "rowsParsed" - ?, "chunksDone" = "chunksDone" + 1, "updatedAt" = ? WHERE "id" = ?`)
          .run(n, chunk.rows.length, now, chunk.jobId);
        this.finishIfComplete(chunk.jobId, new Date());
      })
      .immediate();
  }

  async attemptsOf(chunkId: number): Promise<number> {
    return (this.conn.prepare(`SELECT "attempts" FROM "IngestChunk" WHERE "id" = ?`).get(chunkId) as { attempts: number } | undefined)?.attempts ?? 0;
  }
}
