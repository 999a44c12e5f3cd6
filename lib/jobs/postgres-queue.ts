import type pg from 'pg';
import { z } from 'zod';
import type { FileFormat } from '@/lib/ingest/detect';
import { ZStagedRow, type TColumnMapping } from '@/lib/schemas/ingest';
import { inTransaction, pgTime, storableText } from './postgres-pool';
import { LeaseLostError, type ClaimedChunk, type IngestQueue, type ParseClaim, type ParsedBatch, type StoredRow } from './queue';

/**
 * Every SQL statement of the ingest queue, for PostgreSQL: the same methods,
 * in the same order and with the same effects, as sqlite-queue.ts. What
 * differs is the dialect:
 *
 * - claims lock the row they take with `FOR UPDATE SKIP LOCKED`, so
 *   concurrent workers each get a different row instead of waiting on one
 *   another (SQLite has one writer at a time and needs no such clause);
 * - each BEGIN IMMEDIATE transaction is BEGIN … COMMIT on one pooled
 *   connection; `INSERT OR IGNORE` is `ON CONFLICT DO NOTHING`; `MAX(a, b)`
 *   is `GREATEST(a, b)`; booleans are `true`/`false`, not 1/0;
 * - a chunk's rows and predictions go in as one multi-row statement each
 *   (`unnest` of array parameters) rather than one statement a row: a round
 *   trip to a server costs more than a call into SQLite.
 */
const ZRows = z.array(ZStagedRow);

export class PostgresIngestQueue implements IngestQueue {
  constructor(private readonly pool: pg.Pool) {}

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
    const { rows: done } = await this.pool.query<{ line: number; seq: number }>(
      `SELECT COALESCE(MAX("lastLine"), 0) AS line, COALESCE(MAX("seq"), -1) AS seq FROM "IngestChunk" WHERE "jobId" = $1`,
      [row.id],
    );
    return {
      jobId: row.id,
      filePath: row.filePath,
      format: row.format,
      delimiter: row.delimiter,
      mapping: JSON.parse(row.mapping) as TColumnMapping,
      createdAt: row.createdAt,
      resumeAfterLine: done[0]?.line ?? 0,
      nextSeq: (done[0]?.seq ?? -1) + 1,
    };
  }

  async writeParsedChunk(claim: ParseClaim, owner: string, leaseMs: number, seq: number, batch: ParsedBatch, finished: boolean, error: string | null = null): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      const now = new Date();
      const rejected = await insertRejections(c, claim.jobId, batch.rejections);
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
      if (finished) await finishIfComplete(c, claim.jobId, now);
    });
  }

  async failParse(claim: ParseClaim, owner: string, error: string, bytesParsed: number): Promise<void> {
    return this.writeParsedChunk(claim, owner, 0, -1, { rows: [], rejections: [], bytesParsed }, true, error);
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
    const { rows: jobs } = await this.pool.query<{ modelIds: string }>(`SELECT "modelIds" FROM "IngestJob" WHERE "id" = $1`, [row.jobId]);
    return { id: row.id, jobId: row.jobId, seq: row.seq, rows: ZRows.parse(JSON.parse(row.rows)), modelIds: z.array(z.number()).parse(JSON.parse(jobs[0]?.modelIds ?? '[]')) };
  }

  async releaseChunk(id: number, owner: string): Promise<void> {
    await this.pool.query(`UPDATE "IngestChunk" SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL WHERE "id" = $1 AND "leaseOwner" = $2 AND "status" = 'pending'`, [id, owner]);
  }

  /**
   * As on SQLite, one transaction; the done mark comes first, so a second
   * worker completing the same chunk (its lease had expired) waits on the
   * row lock, then finds it done and writes nothing.
   */
  async completeChunk(chunk: ClaimedChunk, stored: StoredRow[]): Promise<{ inserted: number; duplicates: number } | null> {
    return inTransaction(this.pool, async (c) => {
      const now = pgTime();
      const mark = await c.query(`UPDATE "IngestChunk" SET "status" = 'done', "doneAt" = $1, "rows" = '[]', "leaseOwner" = NULL WHERE "id" = $2 AND "status" = 'pending'`, [
        now,
        chunk.id,
      ]);
      if (!mark.rowCount) return null;
      // In file order (ORDINALITY), so ids follow the file as on SQLite; a row
      // whose content hash or external id is stored already is skipped.
      const { rows: added } = await c.query<{ id: number; contentHash: string; day: string }>(
        `INSERT INTO "Transcript" ("externalId", "contentHash", "text", "channel", "agent", "queue", "customerId", "language", "metadata", "occurredAt", "day", "createdAt")
         SELECT "externalId", "contentHash", "text", "channel", "agent", "queue", "customerId", "language", "metadata", "occurredAt", "day", $12::timestamp(3)
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
        ],
      );
      // A stored hash is one row of this chunk (the first with that text); its predictions are that text's.
      const byHash = new Map(added.map((a) => [a.contentHash, a]));
      const predictions: { transcriptId: number; modelId: number; modelVersionId: number | null; label: string; score: number; scores: string; day: string }[] = [];
      for (const { hash, classified } of stored) {
        const t = byHash.get(hash);
        if (!t) continue;
        byHash.delete(hash);
        for (const p of classified.predictions) predictions.push({ transcriptId: t.id, ...p, day: t.day });
      }
      if (predictions.length) {
        await c.query(
          `INSERT INTO "Prediction" ("transcriptId", "modelId", "modelVersionId", "label", "score", "scores", "day", "createdAt")
           SELECT *, $8::timestamp(3) FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::float8[], $6::text[], $7::text[])
           ON CONFLICT DO NOTHING`,
          [
            predictions.map((p) => p.transcriptId),
            predictions.map((p) => p.modelId),
            predictions.map((p) => p.modelVersionId),
            predictions.map((p) => p.label),
            predictions.map((p) => p.score),
            predictions.map((p) => p.scores),
            predictions.map((p) => p.day),
            now,
          ],
        );
      }
      const inserted = added.length;
      const duplicates = chunk.rows.length - inserted;
      await c.query(`UPDATE "IngestChunk" SET "inserted" = $1, "duplicates" = $2 WHERE "id" = $3`, [inserted, duplicates, chunk.id]);
      // The job's row is the one every worker writes: locked last, held only until COMMIT.
      await c.query(`UPDATE "IngestJob" SET "rowsInserted" = "rowsInserted" + $1, "rowsDuplicate" = "rowsDuplicate" + $2, "chunksDone" = "chunksDone" + 1, "updatedAt" = $3 WHERE "id" = $4`, [
        inserted,
        duplicates,
        now,
        chunk.jobId,
      ]);
      await finishIfComplete(c, chunk.jobId, new Date());
      return { inserted, duplicates };
    });
  }

  async rejectChunk(chunk: ClaimedChunk, reason: string): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      const now = pgTime();
      const mark = await c.query(`UPDATE "IngestChunk" SET "status" = 'done', "doneAt" = $1, "leaseOwner" = NULL WHERE "id" = $2 AND "status" = 'pending'`, [now, chunk.id]);
      if (!mark.rowCount) return;
      const n = await insertRejections(
        c,
        chunk.jobId,
        chunk.rows.map((r) => ({ line: r.line, reason, excerpt: r.text.slice(0, 200) })),
      );
      await c.query(`UPDATE "IngestJob" SET "rowsRejected" = "rowsRejected" + $1, "rowsParsed" = "rowsParsed" - $2, "chunksDone" = "chunksDone" + 1, "updatedAt" = $3 WHERE "id" = $4`, [
        n,
        chunk.rows.length,
        now,
        chunk.jobId,
      ]);
      await finishIfComplete(c, chunk.jobId, new Date());
    });
  }

  async attemptsOf(chunkId: number): Promise<number> {
    const { rows } = await this.pool.query<{ attempts: number }>(`SELECT "attempts" FROM "IngestChunk" WHERE "id" = $1`, [chunkId]);
    return rows[0]?.attempts ?? 0;
  }
}

async function finishIfComplete(c: pg.PoolClient, jobId: string, now: Date): Promise<void> {
  await c.query(
    `UPDATE "IngestJob" SET "status" = CASE WHEN "error" IS NULL THEN 'done' ELSE 'failed' END, "finishedAt" = $1, "updatedAt" = $1
     WHERE "id" = $2 AND "parseDone" = true AND "chunksDone" = "chunksTotal" AND "status" = 'running'`,
    [pgTime(now), jobId],
  );
}

/** Rejections already stored for a line (a re-run after a crash) are skipped; returns how many were new. */
async function insertRejections(c: pg.PoolClient, jobId: string, rejections: ParsedBatch['rejections']): Promise<number> {
  if (!rejections.length) return 0;
  const r = await c.query(
    `INSERT INTO "IngestRejection" ("jobId", "line", "reason", "excerpt")
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
    [jobId, rejections.map((x) => x.line), rejections.map((x) => storableText(x.reason)), rejections.map((x) => storableText(x.excerpt))],
  );
  return r.rowCount ?? 0;
}
