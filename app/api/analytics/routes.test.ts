import { beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '@/lib/testing/session';
import { fixtureTranscripts, seedFixture } from '@/lib/testing/transcript-fixtures';
import type { Breakdown, CrossTab, FilterOptions, Kpis, TranscriptPage, Trend } from '@/lib/server/analytics/types';

// Integration: the dashboard's JSON routes (what the overview and drill-down
// fetch) against a real migrated SQLite database with known transcripts.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const kpis = await import('./kpis/route');
const breakdown = await import('./breakdown/route');
const trend = await import('./trend/route');
const crossTab = await import('./cross-tab/route');
const filterOptions = await import('./filter-options/route');
const transcripts = await import('../transcripts/route');

const FIXTURE = fixtureTranscripts(90);
const noParams = { params: Promise.resolve({}) };
type Handler = (request: Request, ctx: { params: Promise<object> }) => Promise<Response>;

async function get<T>(handler: Handler, path: string): Promise<{ status: number; body: T }> {
  const res = await handler(session.as(new Request(`http://localhost${path}`)), noParams);
  expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  return { status: res.status, body: (await res.json()) as T };
}

type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };

let session: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  session = await signIn(db, 'viewer');
  await seedFixture(db, FIXTURE);
});

describe('dashboard JSON routes', () => {
  it('agree on the count of the same filters', async () => {
    const q = 'range=all&label=201:Angry';
    const [k, b, p] = await Promise.all([
      get<Kpis>(kpis.GET, `/api/analytics/kpis?${q}`),
      get<Breakdown>(breakdown.GET, `/api/analytics/breakdown?model=42&${q}`),
      get<TranscriptPage>(transcripts.GET, `/api/transcripts?${q}&size=10`),
    ]);
    expect([k.status, b.status, p.status]).toEqual([200, 200, 200]);
    const angry = FIXTURE.filter((t) => t.sentiment === 'Angry').length;
    expect(k.body.transcripts.value).toBe(angry);
    expect(b.body.total).toBe(angry);
    expect(b.body.labels.reduce((a, l) => a + l.count, 0)).toBe(angry);
    expect(p.body.total).toBe(angry);
    expect(p.body.rows).toHaveLength(10);
    expect(Object.values(p.body.rows[0]?.predictions ?? {}).length).toBeGreaterThan(0);
  });

  it('answers the trend, the cross-tab and the filter options', async () => {
    const t = await get<Trend>(trend.GET, '/api/analytics/trend?model=201&interval=week&range=90d');
    expect(t.status).toBe(200);
    expect(t.body.interval).toBe('week');
    expect(t.body.points.reduce((a, p) => a + p.total, 0)).toBe(FIXTURE.length);
    expect(t.body.points.reduce((a, p) => a + Object.values(p.counts).reduce((s, n) => s + n, 0), 0)).toBe(FIXTURE.filter((x) => x.sentiment).length);
    const x = await get<CrossTab>(crossTab.GET, '/api/analytics/cross-tab?rows=42&cols=201&range=all');
    expect(x.status).toBe(200);
    expect(x.body.cells.flat().reduce((a, n) => a + n, 0)).toBe(FIXTURE.filter((f) => f.sentiment).length);
    const o = await get<FilterOptions>(filterOptions.GET, '/api/analytics/filter-options');
    expect(o.body.models.map((m) => m.id)).toEqual([42, 201]);
    expect(o.body.channel.map((c) => c.value).sort()).toEqual(['chat', 'email', 'phone']);
  });

  it('turns a bad query parameter into a 400 naming it', async () => {
    const cases: [Handler, string, string][] = [
      [breakdown.GET, '/api/analytics/breakdown?model=abc', 'model'],
      [breakdown.GET, '/api/analytics/breakdown', 'dimension'],
      [breakdown.GET, '/api/analytics/breakdown?dimension=flow', 'dimension'],
      [breakdown.GET, '/api/analytics/breakdown?dimension=meta.flow&meta.=x', 'meta[""]'],
      [kpis.GET, '/api/analytics/kpis?import=42', 'import[0]'],
      [trend.GET, '/api/analytics/trend?model=201&interval=month', 'interval'],
      [crossTab.GET, '/api/analytics/cross-tab?rows=-1', 'rows'],
      [kpis.GET, '/api/analytics/kpis?from=2026-02-30', 'from'],
      [kpis.GET, '/api/analytics/kpis?label=Mobile', 'label[0]'],
      [transcripts.GET, '/api/transcripts?size=7', 'size'],
      [transcripts.GET, '/api/transcripts?min=2', 'min'],
    ];
    for (const [handler, path, param] of cases) {
      const res = await get<ErrorBody>(handler, path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.message).toMatch(/^Invalid query parameters/);
      expect(res.body.error.details[0]?.path).toBe(param);
    }
  });
});
