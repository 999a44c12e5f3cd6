import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';

// The boot's warm-up (instrumentation.ts): it loads the index the routes then
// use, and a database it cannot read is logged, never thrown.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { getFactIndex } = await import('./fact-index');
const { warmAnalytics } = await import('./warm-analytics');

function recorder() {
  const lines: string[] = [];
  return { lines, log: { log: (s: string) => lines.push(`log: ${s}`), warn: (s: string) => lines.push(`warn: ${s}`) } };
}

describe('warmAnalytics', () => {
  it('logs, and does not throw, when there is no database to read', async () => {
    const r = recorder();
    const outcome = await warmAnalytics({ url: `file:${join(tmpdir(), `callsight-missing-${process.pid}`, 'none.db')}`, log: r.log });
    expect(outcome.kind).toBe('failed');
    expect(r.lines).toEqual([expect.stringMatching(/^warn: \[callsight\] analytics index not loaded at start \(No database at .*none\.db/)]);
  });

  it('loads an empty database, and the routes get the index it loaded', async () => {
    await migrate(env.DATABASE_URL);
    const r = recorder();
    const outcome = await warmAnalytics({ log: r.log });
    expect(outcome).toMatchObject({ kind: 'ready', transcripts: 0 });
    expect(r.lines).toEqual([expect.stringMatching(/^log: \[callsight\] analytics index ready: 0 transcripts in \d+ ms$/)]);
    const before = await getFactIndex(db);
    // the same process-wide index, not a second load
    expect(await getFactIndex(db)).toBe(before);
    expect(before.n).toBe(0);
  });

});
