import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { ReclassifiedRow, ReclassifyClaim, StudioQueue, TrainingClaim } from './queue';
import { inTransaction, openSqlite, pgTime, sameOnBoth, sqlTime, storableText } from './queue-sql';

/**
 * The model studio's background work, once per dialect, side by side:
 * training versions and reclassification jobs, claimed with one
 * `UPDATE … RETURNING` under a lease that expires if the worker dies (like
 * the ingest queue, ingest-queue.ts, whose header says how the dialects
 * differ). SqliteStudioQueue and PostgresStudioQueue have the same methods in
 * the same order; a statement the same on both but for its placeholders is
 * written once, below. On PostgreSQL, claims take `FOR UPDATE SKIP LOCKED`
 * and a reclassified batch's predictions go in as one statement.
 */
const RENEW_TRAINING = sameOnBoth(`UPDATE "ModelVersion" SET "progress" = ?, "leaseExpiresAt" = ? WHERE "id" = ? AND "leaseOwner" = ? AND "status" = 'training'`);
const RECLASSIFY_BATCH = sameOnBoth(
  `SELECT t."id", t."text", p."label" FROM "Transcript" t LEFT JOIN "Prediction" p ON p."transcriptId" = t."id" AND p."modelId" = ?
   WHERE t."id" > ? AND t."id" <= ? ORDER BY t."id" LIMIT ?`,
);
const RENEW_RECLASSIFY = sameOnBoth(`UPDATE "ReclassifyJob" SET "leaseExpiresAt" = ? WHERE "id" = ? AND "leaseOwner" = ? AND "status" = 'running' AND "cursor" < ?`);
const ADVANCE_RECLASSIFY = sameOnBoth(`UPDATE "ReclassifyJob" SET "cursor" = ?, "done" = "done" + ?, "changed" = "changed" + ? WHERE "id" = ?`);
const FINISH_RECLASSIFY = sameOnBoth(
  `UPDATE "ReclassifyJob" SET "status" = ?, "error" = ?, "finishedAt" = ?, "leaseOwner" = NULL, "leaseExpiresAt" = NULL WHERE "id" = ? AND "leaseOwner" = ?`,
);
const BUMP_ANALYTICS_EPOCH = `UPDATE "AnalyticsState" SET "epoch" = "epoch" + 1 WHERE "id" = 1`;

// -------------------------------------------------------------------- SQLite

export class SqliteStudioQueue implements StudioQueue {
  private readonly conn: Database.Database;

  constructor(url: string) {
    this.conn = openSqlite(url);
  }

  close(): void {
    this.conn.close();
  }

  async claimTraining(owner: string, leaseMs: number, now = new Date()): Promise<TrainingClaim | null> {
    const row = this.conn
      .prepare(
        `UPDATE "ModelVersion" SET "status" = 'training', "leaseOwner" = ?, "leaseExpiresAt" = ?, "attempts" = "attempts" + 1, "startedAt" = coalesce("startedAt", ?), "progress" = 0
         WHERE "id" = (SELECT "id" FROM "ModelVersion" WHERE "status" = 'queued' OR ("status" = 'training' AND "leaseExpiresAt" < ?) ORDER BY "id" LIMIT 1)
         RETURNING "id", "modelId", "options", "attempts"`,
      )
      .get(owner, sqlTime(new Date(now.getTime() + leaseMs)), sqlTime(now), sqlTime(now)) as
      | { id: number; modelId: number; options: string; attempts: number }
      | undefined;
    return row ? { versionId: row.id, modelId: row.modelId, options: row.options, attempts: row.attempts } : null;
  }

  /** Progress of a training version; also renews its lease. False when the lease was lost. Synchronous, so a lost lease stops training at once. */
  trainingProgress(versionId: number, owner: string, progress: number, leaseMs: number): boolean {
    const r = this.conn.prepare(RENEW_TRAINING.sqlite).run(progress, sqlTime(new Date(Date.now() + leaseMs)), versionId, owner);
    return r.changes > 0;
  }

  async releaseTraining(versionId: number, owner: string, error: string, failed: boolean): Promise<void> {
    this.conn
      .prepare(
        `UPDATE "ModelVersion" SET "status" = ?, "error" = ?, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "finishedAt" = CASE WHEN ? THEN ? ELSE NULL END WHERE "id" = ? AND "leaseOwner" = ?`,
      )
      .run(failed ? 'failed' : 'queued', error, failed ? 1 : 0, sqlTime(), versionId, owner);
  }

  async claimReclassify(owner: string, leaseMs: number, now = new Date()): Promise<ReclassifyClaim | null> {
    const row = this.conn
      .prepare(
        `UPDATE "ReclassifyJob" SET "status" = 'running', "leaseOwner" = ?, "leaseExpiresAt" = ?, "startedAt" = coalesce("startedAt", ?)
         WHERE "id" = (SELECT "id" FROM "ReclassifyJob" WHERE "status" = 'queued' OR ("status" = 'running' AND "leaseExpiresAt" < ?) ORDER BY "createdAt" LIMIT 1)
         RETURNING "id", "modelId", "versionId", "cursor", "maxTranscriptId"`,
      )
      .get(owner, sqlTime(new Date(now.getTime() + leaseMs)), sqlTime(now), sqlTime(now)) as ReclassifyClaim | undefined;
    return row ?? null;
  }

  /** The next transcripts after the cursor, up to the job's last id. */
  async reclassifyBatch(claim: ReclassifyClaim, after: number, limit: number): Promise<{ id: number; text: string; label: string | null }[]> {
    return this.conn.prepare(RECLASSIFY_BATCH.sqlite).all(claim.modelId, after, claim.maxTranscriptId, limit) as { id: number; text: string; label: string | null }[];
  }

  /**
   * Writes one batch's predictions, the cursor and the counters in one
   * transaction, if this worker still holds the lease (else nothing: the
   * worker that took over redoes the batch, and the writes are idempotent).
   */
  async completeReclassifyBatch(claim: ReclassifyClaim, owner: string, leaseMs: number, rows: ReclassifiedRow[], cursor: number): Promise<boolean> {
    const upsert = this.conn.prepare(
      `INSERT INTO "Prediction" ("transcriptId", "modelId", "modelVersionId", "label", "score", "scores", "outOfScope", "day", "createdAt")
       SELECT ?, ?, ?, ?, ?, ?, ?, t."day", ? FROM "Transcript" t WHERE t."id" = ?
       ON CONFLICT ("transcriptId", "modelId") DO UPDATE SET "modelVersionId" = excluded."modelVersionId", "label" = excluded."label", "score" = excluded."score", "scores" = excluded."scores", "outOfScope" = excluded."outOfScope"`,
    );
    return this.conn
      .transaction(() => {
        const now = sqlTime();
        const held = this.conn.prepare(RENEW_RECLASSIFY.sqlite).run(sqlTime(new Date(Date.now() + leaseMs)), claim.id, owner, cursor);
        if (!held.changes) return false;
        let changed = 0;
        for (const r of rows) {
          upsert.run(r.transcriptId, claim.modelId, claim.versionId, r.label, r.score, r.scores, r.outOfScope === null ? null : r.outOfScope ? 1 : 0, now, r.transcriptId);
          if (r.changed) changed++;
        }
        this.conn.prepare(ADVANCE_RECLASSIFY.sqlite).run(cursor, rows.length, changed, claim.id);
        return true;
      })
      .immediate();
  }

  /** Marks the job done and bumps the analytics epoch in one transaction, so every dashboard reloads the new predictions. */
  async finishReclassify(claim: ReclassifyClaim, owner: string, error: string | null): Promise<void> {
    this.conn
      .transaction(() => {
        const r = this.conn.prepare(FINISH_RECLASSIFY.sqlite).run(error ? 'failed' : 'done', error, sqlTime(), claim.id, owner);
        if (r.changes) this.conn.prepare(BUMP_ANALYTICS_EPOCH).run();
      })
      .immediate();
  }
}

// ---------------------------------------------------------------- PostgreSQL

export class PostgresStudioQueue implements StudioQueue {
  /** The pool comes from openPool (postgres-pool.ts), loaded only for a PostgreSQL URL. */
  constructor(private readonly pool: pg.Pool) {}

  async claimTraining(owner: string, leaseMs: number, now = new Date()): Promise<TrainingClaim | null> {
    const { rows } = await this.pool.query<{ id: number; modelId: number; options: string; attempts: number }>(
      `UPDATE "ModelVersion" SET "status" = 'training', "leaseOwner" = $1, "leaseExpiresAt" = $2, "attempts" = "attempts" + 1, "startedAt" = coalesce("startedAt", $3), "progress" = 0
       WHERE "id" = (SELECT "id" FROM "ModelVersion" WHERE "status" = 'queued' OR ("status" = 'training' AND "leaseExpiresAt" < $3) ORDER BY "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING "id", "modelId", "options", "attempts"`,
      [owner, pgTime(new Date(now.getTime() + leaseMs)), pgTime(now)],
    );
    const row = rows[0];
    return row ? { versionId: row.id, modelId: row.modelId, options: row.options, attempts: row.attempts } : null;
  }

  /**
   * As on SQLite, but answered with a promise: the worker calls it from a
   * heartbeat while training yields to the event loop (lib/classify
   * trainAsync), and only the lease holder's result is stored (trainVersion
   * checks the owner).
   */
  async trainingProgress(versionId: number, owner: string, progress: number, leaseMs: number): Promise<boolean> {
    const r = await this.pool.query(RENEW_TRAINING.postgres, [progress, pgTime(new Date(Date.now() + leaseMs)), versionId, owner]);
    return (r.rowCount ?? 0) > 0;
  }

  async releaseTraining(versionId: number, owner: string, error: string, failed: boolean): Promise<void> {
    await this.pool.query(
      `UPDATE "ModelVersion" SET "status" = $1, "error" = $2, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "finishedAt" = CASE WHEN $3::boolean THEN $4::timestamp(3) ELSE NULL END WHERE "id" = $5 AND "leaseOwner" = $6`,
      [failed ? 'failed' : 'queued', storableText(error), failed, pgTime(), versionId, owner],
    );
  }

  async claimReclassify(owner: string, leaseMs: number, now = new Date()): Promise<ReclassifyClaim | null> {
    const { rows } = await this.pool.query<ReclassifyClaim>(
      `UPDATE "ReclassifyJob" SET "status" = 'running', "leaseOwner" = $1, "leaseExpiresAt" = $2, "startedAt" = coalesce("startedAt", $3)
       WHERE "id" = (SELECT "id" FROM "ReclassifyJob" WHERE "status" = 'queued' OR ("status" = 'running' AND "leaseExpiresAt" < $3) ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING "id", "modelId", "versionId", "cursor", "maxTranscriptId"`,
      [owner, pgTime(new Date(now.getTime() + leaseMs)), pgTime(now)],
    );
    return rows[0] ?? null;
  }

  async reclassifyBatch(claim: ReclassifyClaim, after: number, limit: number): Promise<{ id: number; text: string; label: string | null }[]> {
    const { rows } = await this.pool.query<{ id: number; text: string; label: string | null }>(RECLASSIFY_BATCH.postgres, [claim.modelId, after, claim.maxTranscriptId, limit]);
    return rows;
  }

  async completeReclassifyBatch(claim: ReclassifyClaim, owner: string, leaseMs: number, rows: ReclassifiedRow[], cursor: number): Promise<boolean> {
    return inTransaction(this.pool, async (c) => {
      const now = pgTime();
      const held = await c.query(RENEW_RECLASSIFY.postgres, [pgTime(new Date(Date.now() + leaseMs)), claim.id, owner, cursor]);
      if (!held.rowCount) return false;
      if (rows.length) {
        // One statement for the batch (SQLite: one a row); a transcript deleted meanwhile is skipped by the join, as there.
        await c.query(
          `INSERT INTO "Prediction" ("transcriptId", "modelId", "modelVersionId", "label", "score", "scores", "outOfScope", "day", "createdAt")
           SELECT t."id", $1::int, $2::int, r."label", r."score", r."scores", r."outOfScope", t."day", $3::timestamp(3)
             FROM unnest($4::int[], $5::text[], $6::float8[], $7::text[], $8::boolean[]) AS r("transcriptId", "label", "score", "scores", "outOfScope")
             JOIN "Transcript" t ON t."id" = r."transcriptId"
           ON CONFLICT ("transcriptId", "modelId") DO UPDATE SET "modelVersionId" = excluded."modelVersionId", "label" = excluded."label", "score" = excluded."score", "scores" = excluded."scores", "outOfScope" = excluded."outOfScope"`,
          [claim.modelId, claim.versionId, now, rows.map((r) => r.transcriptId), rows.map((r) => r.label), rows.map((r) => r.score), rows.map((r) => r.scores), rows.map((r) => r.outOfScope)],
        );
      }
      const changed = rows.filter((r) => r.changed).length;
      await c.query(ADVANCE_RECLASSIFY.postgres, [cursor, rows.length, changed, claim.id]);
      return true;
    });
  }

  async finishReclassify(claim: ReclassifyClaim, owner: string, error: string | null): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      const r = await c.query(FINISH_RECLASSIFY.postgres, [error ? 'failed' : 'done', error === null ? null : storableText(error), pgTime(), claim.id, owner]);
      if (r.rowCount) await c.query(BUMP_ANALYTICS_EPOCH);
    });
  }
}
