import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters';

// Metadata keys as dimensions, at their limits, on a real SQLite database:
// a key with too many different values is refused with a message (not
// silently miscounted), and a warm start from the index snapshot keeps every
// key's codes and the imports.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { getFactIndex, openFactIndex, MAX_META_DISTINCT, MetaKeyNotIndexedError } = await import('./fact-index');
const { openIndexReader } = await import('./index-reader');
const { getBreakdown } = await import('./get-breakdown');
const { getFilterOptions } = await import('./get-filter-options');
const { findTranscripts } = await import('./find-transcripts');
const { parseTranscriptListParams } = await import('@/lib/schemas/transcript-list');

const ROWS = Math.ceil(MAX_META_DISTINCT * 1.2); // 90 % carry a ticket: more tickets than MAX_META_DISTINCT
const f = (q: string) => parseDashboardFilters(q);

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  const conn = new Database(env.DATABASE_URL.replace(/^file:/, ''));
  const insert = conn.prepare(`INSERT INTO "Transcript" ("contentHash", "text", "metadata", "occurredAt", "day", "importJobId") VALUES (?, ?, ?, ?, ?, ?)`);
  const now = Date.now();
  conn.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      // ticket: a different value on every row (too many to be a dimension); tier: three values; some rows have no metadata
      const metadata = i % 10 === 9 ? '{}' : JSON.stringify({ ticket: `T-${i}`, tier: ['gold', 'silver', 'bronze'][i % 3] });
      const day = new Date(now - (i % 20) * 86_400_000).toISOString();
      insert.run(`h${i}`, `text ${i}`, metadata, day, day.slice(0, 10), i < 100 ? 'ij_small' : null);
    }
  })();
  conn.close();
});

describe('metadata dimensions at their limits', () => {
  it('refuses a key with too many different values, naming it, and keeps serving the others', async () => {
    await expect(getBreakdown(db, f('range=all'), { dimension: 'meta.ticket' })).rejects.toBeInstanceOf(MetaKeyNotIndexedError);
    await expect(findTranscripts(db, f('range=all&meta.ticket=T-1'), parseTranscriptListParams(new URLSearchParams()))).rejects.toMatchObject({ status: 400, details: [{ path: 'meta.ticket' }] });
    const tier = await getBreakdown(db, f('range=all'), { dimension: 'meta.tier' });
    expect(tier.total).toBe(ROWS - Math.floor(ROWS / 10));
    expect(tier.labels.map((l) => l.label).sort()).toEqual(['bronze', 'gold', 'silver']);
    const options = await getFilterOptions(db);
    expect(options.meta.map((m) => m.key)).toEqual(['tier']);
  });

  it('starts warm from the snapshot with every key and import', async () => {
    const index = await (await getFactIndex(db)).refresh(0);
    const reader = openIndexReader(env.DATABASE_URL);
    const path = reader.snapshotPath(index.instance);
    await reader.close();
    expect(index.writeSnapshot(path)).toBe(true);
    const warm = await openFactIndex(env.DATABASE_URL);
    try {
      expect(warm.n).toBe(ROWS);
      const tier = warm.metaDims.get('tier')!;
      const original = index.metaDims.get('tier')!;
      expect(tier.dict.values).toEqual(original.dict.values);
      expect([...tier.codes.subarray(0, ROWS)]).toEqual([...original.codes.subarray(0, ROWS)]);
      expect(warm.unindexedMeta.has('ticket')).toBe(true);
      expect((await warm.select(f('range=all&import=ij_small'))).length).toBe(100);
    } finally {
      await warm.close();
    }
  });
});
