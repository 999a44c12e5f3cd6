import { beforeAll, describe, expect, it } from 'vitest';
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { parseTranscriptListParams } from '@/lib/schemas/transcript-list';

// Previous/next on the transcript page against a real migrated database
// (lib/testing/setup-db.ts): the neighbours must walk exactly the drill-down's
// list, whatever its filters and sort, ties and missing predictions included.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { getFactIndex } = await import('./fact-index');
const { findTranscripts } = await import('./find-transcripts');
const { getTranscriptNeighbors } = await import('./transcript-neighbors');

const NOW = new Date('2026-11-28T12:00:00Z');
const f = (q: string) => parseDashboardFilters(q, NOW);
const list = (q: string) => parseTranscriptListParams(new URLSearchParams(q));

const SENTIMENT = { id: 201, name: 'Sentiment', labels: ['Angry', 'Neutral', 'Satisfied'] };

// `at` repeats on purpose (ties broken by id); `score: null` has no Sentiment prediction.
const ROWS: { key: string; at: string; channel: string; label: string; score: number | null }[] = [
  { key: 'a', at: '2026-11-20T09:00:00Z', channel: 'call', label: 'Angry', score: 0.9 },
  { key: 'b', at: '2026-11-21T09:00:00Z', channel: 'chat', label: 'Neutral', score: 0.6 },
  { key: 'c', at: '2026-11-21T09:00:00Z', channel: 'call', label: 'Angry', score: 0.6 },
  { key: 'd', at: '2026-11-22T09:00:00Z', channel: 'call', label: 'Satisfied', score: 0.3 },
  { key: 'e', at: '2026-11-23T09:00:00Z', channel: 'chat', label: 'Angry', score: null },
  { key: 'f', at: '2026-11-24T09:00:00Z', channel: 'call', label: 'Neutral', score: 0.95 },
  { key: 'g', at: '2026-10-01T09:00:00Z', channel: 'call', label: 'Angry', score: 0.7 },
];
const ids = new Map<string, number>();
const keyOf = (id: number | null) => (id === null ? null : [...ids].find(([, v]) => v === id)?.[0]);

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  await db.model.create({ data: { id: SENTIMENT.id, name: SENTIMENT.name, labels: { create: SENTIMENT.labels.map((name, position) => ({ name, position })) } } });
  for (const r of ROWS) {
    const day = r.at.slice(0, 10);
    const t = await db.transcript.create({
      data: {
        externalId: `n-${r.key}`,
        contentHash: `n-${r.key}`,
        text: `transcript ${r.key}`,
        channel: r.channel,
        occurredAt: new Date(r.at),
        day,
        predictions: r.score === null ? undefined : { create: [{ modelId: SENTIMENT.id, label: r.label, score: r.score, scores: '[]', day }] },
      },
    });
    ids.set(r.key, t.id);
  }
  await (await getFactIndex(db)).refresh(0);
});

/** Every transcript's neighbours, as keys: `key: previous<next @position`. */
async function walk(filters: string, params: string): Promise<string[]> {
  const out: string[] = [];
  for (const [key, id] of ids) {
    const n = await getTranscriptNeighbors(db, f(filters), list(params), id);
    if (n.position !== null) out[n.position - 1] = `${key}: ${keyOf(n.previous) ?? '-'}<${keyOf(n.next) ?? '-'}`;
  }
  return out;
}

describe('getTranscriptNeighbors', () => {
  it('walks the list newest first, ties by the later id, and oldest first reversed whole', async () => {
    expect(await walk('range=all', '')).toEqual(['f: -<e', 'e: f<d', 'd: e<c', 'c: d<b', 'b: c<a', 'a: b<g', 'g: a<-']);
    expect(await walk('range=all', 'dir=asc')).toEqual(['g: -<a', 'a: g<b', 'b: a<c', 'c: b<d', 'd: c<e', 'e: d<f', 'f: e<-']);
  });

  it('walks a score sort best first, ties newest first, transcripts without the prediction last', async () => {
    expect(await walk('range=all', 'sort=score&model=201')).toEqual(['f: -<a', 'a: f<g', 'g: a<c', 'c: g<b', 'b: c<d', 'd: b<e', 'e: d<-']);
    expect(await walk('range=all', 'sort=score&model=201&dir=asc')).toEqual(['d: -<c', 'c: d<b', 'b: c<g', 'g: b<a', 'a: g<f', 'f: a<e', 'e: f<-']);
  });

  it('keeps to the filters, and counts the place and total', async () => {
    expect(await walk('channel=call', '')).toEqual(['f: -<d', 'd: f<c', 'c: d<a', 'a: c<-']);
    const n = await getTranscriptNeighbors(db, f('channel=call'), list(''), ids.get('d')!);
    expect(n).toEqual({ previous: ids.get('f'), next: ids.get('c'), position: 2, total: 4 });
  });

  it('gives a transcript the filters do not keep the neighbours it would have, without a place', async () => {
    const n = await getTranscriptNeighbors(db, f('channel=call'), list(''), ids.get('e')!);
    expect(n).toEqual({ previous: ids.get('f'), next: ids.get('d'), position: null, total: 4 });
    const gone = await getTranscriptNeighbors(db, f('channel=call'), list(''), 999_999);
    expect(gone).toEqual({ previous: null, next: null, position: null, total: 4 });
  });

  it('sorts a score list without a model by the first label filter’s model, else the first model, like the drill-down', async () => {
    expect(await walk('range=all&label=201:Angry', 'sort=score')).toEqual(['a: -<g', 'g: a<c', 'c: g<-']);
    expect(await walk('range=all', 'sort=score&dir=asc')).toEqual(await walk('range=all', 'sort=score&model=201&dir=asc'));
  });

  it('agrees with the drill-down page by page, for every sort', async () => {
    for (const [filters, params] of [
      ['range=all', ''],
      ['range=all', 'dir=asc'],
      ['range=all', 'sort=score&model=201'],
      ['range=all', 'sort=score&model=201&dir=asc'],
      ['range=all&channel=chat', 'sort=score&model=201'],
      ['range=all', 'sort=score'],
      ['range=all', 'sort=score&model=999'],
    ] as const) {
      const listed = (await findTranscripts(db, f(filters), list(`${params}&size=200`))).rows.map((r) => r.id);
      for (const [i, id] of listed.entries()) {
        const n = await getTranscriptNeighbors(db, f(filters), list(params), id);
        expect(n, `${filters} ${params} #${i}`).toEqual({ previous: listed[i - 1] ?? null, next: listed[i + 1] ?? null, position: i + 1, total: listed.length });
      }
    }
  });
});
