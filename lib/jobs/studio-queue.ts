import Database from 'better-sqlite3';
import { sqlitePath } from '@/lib/db';
import type { ReclassifiedRow, ReclassifyClaim, StudioQueue, TrainingClaim } from './queue';
import { sqlTime } from './sqlite-queue';

/**
 * The model studio's background work on SQLite: training versions and
 * reclassification jobs, claimed with one `UPDATE … RETURNING` under a lease
 * that expires if the worker dies (like the ingest queue beside it). The
 * PostgreSQL version is postgres-studio-queue.ts, with the same methods.
 */
export class SqliteStudioQueue implements StudioQueue {
  private readonly conn: Database.Database;

  constructor(url: string) {
    this.conn = new Database(sqlitePath(url), { timeout: 30_000 });
    this.conn.pragma('journal_mode = WAL');
    this.conn.pragma('synchronous = NORMAL');
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

  /** Progress of a training version; also renews its lease. False when the lease was lost. */
  trainingProgress(versionId: number, owner: string, progress: number, leaseMs: number): boolean {
    const r = this.conn
      .prepare(`UPDATE "ModelVersion" SET "progress" = ?, "leaseExpiresAt" = ? WHERE "id" = ? AND "leaseOwner" = ? AND "status" = 'training'`)
      .run(progress, sqlTime(new Date(Date.now() + leaseMs)), versionId, owner);
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
    return this.conn
      .prepare(
        `SELECT t."id", t."text", p."label" FROM "Transcript" t LEFT JOIN "Prediction" p ON p."transcriptId" = t."id" AND p."modelId" = ?
         WHERE t."id" > ? AND t."id" <= ? ORDER BY t."id" LIMIT ?`,
      )
      .all(claim.modelId, after, claim.maxTranscriptId, limit) as { id: number; text: string; label: string | null }[];
  }

  /**
   * Writes one batch's predictions, the cursor and the counters in one
   * transaction, if this worker still holds the lease (else nothing: the
   * worker that took over redoes the batch, and the writes are idempotent).
   */
  async completeReclassifyBatch(claim: ReclassifyClaim, owner: string, leaseMs: number, rows: ReclassifiedRow[], cursor: number): Promise<boolean> {
    const upsert = this.conn.prepare(
      `INSERT INTO "Prediction" ("transcriptId", "modelId", "modelVersionId", "label", "score", "scores", "day", "createdAt")
       SELECT ?, ?, ?, ?, ?, ?, t."day", ? FROM "Transcript" t WHERE t."id" = ?
       ON CONFLICT ("transcriptId", "modelId") DO UPDATE SET "modelVersionId" = excluded."modelVersionId", "label" = excluded."label", "score" = excluded."score", "scores" = excluded."scores"`,
    );
    return this.conn
      .transaction(() => {
        const now = sqlTime();
        const held = this.conn
          .prepare(`UPDATE "ReclassifyJob" SET "leaseExpiresAt" = ? WHERE "id" = ? AND "leaseOwner" = ? AND "status" = 'running' AND "cursor" < ?`)
          .run(sqlTime(new Date(Date.now() + leaseMs)), claim.id, owner, cursor);
        if (!held.changes) return false;
        let changed = 0;
        for (const r of rows) {
          upsert.run(r.transcriptId, claim.modelId, claim.versionId, r.label, r.score, r.scores, now, r.transcriptId);
          if (r.changed) changed++;
        }
        this.conn.prepare(`UPDATE "ReclassifyJob" SET "cursor" = ?, "done" = "done" + ?, "changed" = "changed" + ? WHERE "id" = ?`).run(cursor, rows.length, changed, claim.id);
        return true;
      })
      .immediate();
  }

  /** Marks the job done and bumps the analytics epoch in one transaction, so every dashboard reloads the new predictions. */
  async finishReclassify(claim: ReclassifyClaim, owner: string, error: string | null): Promise<void> {
    this.conn
      .transaction(() => {
        const r = this.conn
          .prepare(`UPDATE "ReclassifyJob" SET "status" = ?, "error" = ?, "finishedAt" = ?, "leaseOwner" = NULL, "leaseExpiresAt" = NULL WHERE "id" = ? AND "leaseOwner" = ?`)
          .run(error ? 'failed' : 'done', error, sqlTime(), claim.id, owner);
        if (r.changes) this.conn.prepare(`UPDATE "AnalyticsState" SET "epoch" = "epoch" + 1 WHERE "id" = 1`).run();
      })
      .immediate();
  }
}
