import type pg from 'pg';
import { inTransaction, pgTime, storableText } from './postgres-pool';
import type { ReclassifiedRow, ReclassifyClaim, StudioQueue, TrainingClaim } from './queue';

/**
 * The model studio's background work on PostgreSQL: the same methods and
 * effects as studio-queue.ts (SQLite), claims with `FOR UPDATE SKIP LOCKED`.
 */
export class PostgresStudioQueue implements StudioQueue {
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
   * Progress of a training version; also renews its lease. False when the
   * lease was lost. The worker calls it from a heartbeat while training
   * yields to the event loop (lib/classify trainAsync), and only the lease
   * holder's result is stored (trainVersion checks the owner).
   */
  async trainingProgress(versionId: number, owner: string, progress: number, leaseMs: number): Promise<boolean> {
    const r = await this.pool.query(`UPDATE "ModelVersion" SET "progress" = $1, "leaseExpiresAt" = $2 WHERE "id" = $3 AND "leaseOwner" = $4 AND "status" = 'training'`, [
      progress,
      pgTime(new Date(Date.now() + leaseMs)),
      versionId,
      owner,
    ]);
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
    const { rows } = await this.pool.query<{ id: number; text: string; label: string | null }>(
      `SELECT t."id", t."text", p."label" FROM "Transcript" t LEFT JOIN "Prediction" p ON p."transcriptId" = t."id" AND p."modelId" = $1
       WHERE t."id" > $2 AND t."id" <= $3 ORDER BY t."id" LIMIT $4`,
      [claim.modelId, after, claim.maxTranscriptId, limit],
    );
    return rows;
  }

  async completeReclassifyBatch(claim: ReclassifyClaim, owner: string, leaseMs: number, rows: ReclassifiedRow[], cursor: number): Promise<boolean> {
    return inTransaction(this.pool, async (c) => {
      const now = pgTime();
      const held = await c.query(`UPDATE "ReclassifyJob" SET "leaseExpiresAt" = $1 WHERE "id" = $2 AND "leaseOwner" = $3 AND "status" = 'running' AND "cursor" < $4`, [
        pgTime(new Date(Date.now() + leaseMs)),
        claim.id,
        owner,
        cursor,
      ]);
      if (!held.rowCount) return false;
      if (rows.length) {
        // One statement for the batch (SQLite: one a row); a transcript deleted meanwhile is skipped by the join, as there.
        await c.query(
          `INSERT INTO "Prediction" ("transcriptId", "modelId", "modelVersionId", "label", "score", "scores", "day", "createdAt")
           SELECT t."id", $1::int, $2::int, r."label", r."score", r."scores", t."day", $3::timestamp(3)
             FROM unnest($4::int[], $5::text[], $6::float8[], $7::text[]) AS r("transcriptId", "label", "score", "scores")
             JOIN "Transcript" t ON t."id" = r."transcriptId"
           ON CONFLICT ("transcriptId", "modelId") DO UPDATE SET "modelVersionId" = excluded."modelVersionId", "label" = excluded."label", "score" = excluded."score", "scores" = excluded."scores"`,
          [claim.modelId, claim.versionId, now, rows.map((r) => r.transcriptId), rows.map((r) => r.label), rows.map((r) => r.score), rows.map((r) => r.scores)],
        );
      }
      const changed = rows.filter((r) => r.changed).length;
      await c.query(`UPDATE "ReclassifyJob" SET "cursor" = $1, "done" = "done" + $2, "changed" = "changed" + $3 WHERE "id" = $4`, [cursor, rows.length, changed, claim.id]);
      return true;
    });
  }

  async finishReclassify(claim: ReclassifyClaim, owner: string, error: string | null): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      const r = await c.query(`UPDATE "ReclassifyJob" SET "status" = $1, "error" = $2, "finishedAt" = $3, "leaseOwner" = NULL, "leaseExpiresAt" = NULL WHERE "id" = $4 AND "leaseOwner" = $5`, [
        error ? 'failed' : 'done',
        error === null ? null : storableText(error),
        pgTime(),
        claim.id,
        owner,
      ]);
      if (r.rowCount) await c.query(`UPDATE "AnalyticsState" SET "epoch" = "epoch" + 1 WHERE "id" = 1`);
    });
  }
}
