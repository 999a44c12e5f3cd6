import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

// The dashboard's data layer on PostgreSQL: the same suite as
// analytics.test.ts (SQLite), on a fresh database in the cluster
// TEST_POSTGRES_URL points at (scripts/test.sh starts a throw-away one with
// scripts/pg-cluster.sh), then what only PostgreSQL does: ids that become
// visible out of order, and the snapshot kept in ANALYTICS_CACHE_DIR.
const ADMIN_URL = process.env.TEST_POSTGRES_URL;
const SKIP = 'Analytics on PostgreSQL (skipped: TEST_POSTGRES_URL is not set; `scripts/pg-cluster.sh start` prints one, `npm test` sets it)';

if (!ADMIN_URL) {
  console.warn(SKIP);
  describe.skip(SKIP, () => {
    it('runs the analytics suite on PostgreSQL', () => undefined);
  });
} else {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = `callsight_analytics_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  const cacheDir = mkdtempSync(join(tmpdir(), 'callsight-analytics-cache-'));
  // Before lib/env is first imported (by the suite): it reads these once.
  process.env.DATABASE_URL = url;
  process.env.ANALYTICS_CACHE_DIR = cacheDir;

  await import('./analytics.suite');
  const { db } = await import('@/lib/db');
  const { getFactIndex, openFactIndex, CORRECTED_SCORE } = await import('./fact-index');
  const { findTranscripts } = await import('./find-transcripts');
  const { parseDashboardFilters } = await import('@/lib/schemas/dashboard-filters');
  const { parseTranscriptListParams } = await import('@/lib/schemas/transcript-list');
  const search = async (word: string) => (await findTranscripts(db, parseDashboardFilters(`q=${word}&range=all`), parseTranscriptListParams(new URLSearchParams('size=50')))).total;

  const clients: pg.Client[] = [];
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    clients.push(c);
    return c;
  };
  let seq = 0;
  /** A transcript (with a Product prediction) inserted on `c`, in whatever transaction `c` is in; returns its id. */
  const insertTranscript = async (c: pg.Client, text: string) => {
    seq++;
    const { rows } = await c.query<{ id: number }>(
      `INSERT INTO "Transcript" ("contentHash", "text", "channel", "occurredAt", "day") VALUES ($1, $2, 'call', '2026-11-28 09:00:00', '2026-11-28') RETURNING "id"`,
      [`pg-late-${seq}`, text],
    );
    const id = rows[0]!.id;
    await c.query(`INSERT INTO "Prediction" ("transcriptId", "modelId", "label", "score", "scores", "day") VALUES ($1, 42, 'TV', 0.9, '[]', '2026-11-28')`, [id]);
    return id;
  };
  const insertCorrection = async (c: pg.Client, transcriptId: number, modelId: number, label: string) => {
    const { rows } = await c.query<{ id: number }>(
      `INSERT INTO "PredictionCorrection" ("transcriptId", "modelId", "label", "previousLabel") VALUES ($1, $2, $3, '') RETURNING "id"`,
      [transcriptId, modelId, label],
    );
    return rows[0]!.id;
  };
  const covers = (ranges: { lo: number; hi: number }[], id: number) => ranges.some((r) => r.lo <= id && id <= r.hi);

  describe('analytics index on PostgreSQL: ids visible out of order', () => {
    it('loads a transcript whose transaction commits after a higher id was already indexed', async () => {
      const a = await connect();
      const b = await connect();
      await a.query('BEGIN');
      const early = await insertTranscript(a, 'slowpoke chunk');
      const later = await insertTranscript(b, 'quickstep chunk'); // autocommit: visible first
      expect(later).toBeGreaterThan(early);

      let index = await (await getFactIndex(db)).refresh(0);
      expect(index.rowOf(later)).toBeGreaterThanOrEqual(0);
      expect(index.rowOf(early)).toBe(-1);
      expect(index.maxId).toBeGreaterThanOrEqual(later);
      expect(covers(index.pendingIds, early)).toBe(true);
      expect(await search('quickstep')).toBe(1);
      expect(await search('slowpoke')).toBe(0);

      await a.query('COMMIT');
      index = await index.refresh(0);
      expect(index.rowOf(early)).toBeGreaterThanOrEqual(0);
      expect(covers(index.pendingIds, early)).toBe(false);
      // Rows stay in id order, so lookups and the search's moving pointer still work.
      expect(Array.from(index.ids.subarray(0, index.n))).toEqual(Array.from(index.ids.subarray(0, index.n)).sort((x, y) => x - y));
      expect(index.byTime().length).toBe(index.n);
      expect(await search('slowpoke')).toBe(1);
      expect(await search('chunk')).toBe(2);
      const col = index.models.get(42)!;
      expect(col.dict.values[col.label[index.rowOf(early)]! - 1]).toBe('TV');
    });

    it('gives up a missing id only once every transaction that could hold it has ended', async () => {
      const r = await connect();
      const a = await connect();
      await r.query('BEGIN');
      const rolledBack = await insertTranscript(r, 'never committed');
      await r.query('ROLLBACK');
      await a.query('BEGIN');
      const open = await insertTranscript(a, 'longrunner');
      const visible = await insertTranscript(await connect(), 'visible');

      let index = await (await getFactIndex(db)).refresh(0);
      expect(index.rowOf(visible)).toBeGreaterThanOrEqual(0);
      // Just seen: no horizon yet (the settle time has not passed).
      expect(index.pendingIds.filter((p) => p.lo <= rolledBack && rolledBack <= p.hi)).toEqual([expect.objectContaining({ horizon: null })]);
      index.pendingSettleMs = 0;
      index = await index.refresh(0);
      // A transaction that began before the horizon is still open: both ids stay pending.
      expect(covers(index.pendingIds, rolledBack)).toBe(true);
      expect(covers(index.pendingIds, open)).toBe(true);

      await a.query('COMMIT');
      index = await index.refresh(0);
      expect(index.rowOf(open)).toBeGreaterThanOrEqual(0);
      expect(covers(index.pendingIds, rolledBack)).toBe(false);
      expect(index.pendingIds).toEqual([]);
      expect(index.rowOf(rolledBack)).toBe(-1);
      index.pendingSettleMs = 10_000;
    });

    it('applies a correction that commits late only where it is the newest for its transcript and model', async () => {
      const [t1, t2] = (await db.transcript.findMany({ orderBy: { id: 'asc' }, take: 2, select: { id: true } })).map((t) => t.id);
      const a = await connect();
      await a.query('BEGIN');
      const older = await insertCorrection(a, t1!, 42, 'TV');
      await insertCorrection(a, t2!, 87, 'Technical');
      const newer = await insertCorrection(await connect(), t1!, 42, 'Fiber');
      expect(newer).toBeGreaterThan(older);

      const label = (index: Awaited<ReturnType<typeof getFactIndex>>, t: number, model: number) => {
        const col = index.models.get(model)!;
        const r = index.rowOf(t);
        return { label: col.dict.values[col.label[r]! - 1], corrected: col.score[r] === CORRECTED_SCORE };
      };
      let index = await (await getFactIndex(db)).refresh(0);
      expect(label(index, t1!, 42)).toEqual({ label: 'Fiber', corrected: true });
      expect(label(index, t2!, 87).corrected).toBe(false);
      expect(covers(index.pendingCorrectionIds, older)).toBe(true);

      await a.query('COMMIT');
      index = await index.refresh(0);
      expect(label(index, t1!, 42)).toEqual({ label: 'Fiber', corrected: true });
      expect(label(index, t2!, 87)).toEqual({ label: 'Technical', corrected: true });
      expect(covers(index.pendingCorrectionIds, older)).toBe(false);
    });
  });

  describe('analytics snapshot on PostgreSQL', () => {
    it('lives in ANALYTICS_CACHE_DIR under the database instance, and a new process starts from it', async () => {
      const index = await (await getFactIndex(db)).refresh(0);
      const path = join(cacheDir, `${index.instance}.analytics`);
      expect(index.instance).toMatch(/^[0-9a-f]{32}$/);
      expect(index.writeSnapshot(path)).toBe(true);
      expect(existsSync(path)).toBe(true);

      // A change the index only learns by a reload (no epoch bump): a warm start shows the snapshot's view.
      const t = index.ids[0]!;
      const before = index.models.get(201)!;
      const stored = before.dict.values[before.label[0]! - 1];
      await db.prediction.update({ where: { transcriptId_modelId: { transcriptId: t, modelId: 201 } }, data: { label: 'Unheard' } });
      const warm = await openFactIndex(url);
      const cold = await openFactIndex(url, { snapshots: false });
      try {
        expect([warm.n, cold.n]).toEqual([index.n, index.n]);
        const labelOf = (i: typeof warm) => {
          const col = i.models.get(201)!;
          return col.dict.values[col.label[i.rowOf(t)]! - 1];
        };
        expect(labelOf(warm)).toBe(stored);
        expect(labelOf(cold)).toBe('Unheard');
      } finally {
        await warm.close();
        await cold.close();
      }
    });
  });

  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => undefined);
    await (await getFactIndex(db)).close();
    await db.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
}
