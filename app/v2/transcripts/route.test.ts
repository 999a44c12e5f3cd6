import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZApiTranscriptDetail, ZApiTranscriptList } from '@/lib/schemas/transcript-api';
import { fixtureTranscripts, seedFixture } from '@/lib/testing/transcript-fixtures';

// Integration: the public transcripts API (list, detail, export) against a
// real, migrated SQLite database, called through the exported handlers.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { createApiKey } = await import('@/lib/server/keys/create-api-key');
const list = await import('./route');
const detail = await import('./[id]/route');
const exportRoute = await import('./export/route');

const FIXTURE = fixtureTranscripts(60);
let key = '';
const noParams = { params: Promise.resolve({}) };

const req = (path: string, auth: string | null = `Bearer ${key}`) => new Request(`http://localhost${path}`, { headers: auth ? { Authorization: auth } : {} });
const getList = (query: string, auth?: string | null) => list.GET(req(`/v2/transcripts?${query}`, auth), noParams);
const getDetail = (id: string, auth?: string | null) => detail.GET(req(`/v2/transcripts/${id}`, auth), { params: Promise.resolve({ id }) });
const getExport = (query: string, auth?: string | null) => exportRoute.GET(req(`/v2/transcripts/export?${query}`, auth), noParams);

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string; details: { path: string; message: string }[] }; request_id: string };
  expect(body.request_id).toMatch(/^req_/);
  return body.error;
}

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  await seedFixture(db, FIXTURE);
  key = (await createApiKey(db, { name: 'transcripts test' })).key;
});

describe('GET /v2/transcripts', () => {
  it('pages the filtered transcripts in snake_case, newest first', async () => {
    const res = await getList('range=all&size=10&page=2');
    expect(res.status).toBe(200);
    const body = ZApiTranscriptList.parse(await res.json());
    expect(body).toMatchObject({ total: FIXTURE.length, page: 2, size: 10, period: { from: null, to: null } });
    expect(body.models.map((m) => [m.id, m.name, m.multi_label])).toEqual([
      [42, 'Product', false],
      [201, 'Sentiment', false],
    ]);
    expect(body.transcripts).toHaveLength(10);
    const newestFirst = [...FIXTURE].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime());
    expect(body.transcripts.map((t) => t.external_id)).toEqual(newestFirst.slice(10, 20).map((t) => t.externalId));
    const first = body.transcripts[0]!;
    expect(first.predictions.map((p) => p.model_id)).toEqual([42, 201]);
    expect(Object.keys(first)).toEqual(['id', 'external_id', 'occurred_at', 'channel', 'agent', 'queue', 'language', 'excerpt', 'metadata', 'import_job_id', 'predictions']);
  });

  it('filters like the dashboard and sorts by a model score', async () => {
    const res = await getList('range=all&label=201:Angry&channel=chat&sort=score&model=201&dir=desc&size=100');
    const body = ZApiTranscriptList.parse(await res.json());
    expect(body.total).toBe(FIXTURE.filter((t) => t.sentiment === 'Angry' && t.channel === 'chat').length);
    const scores = body.transcripts.map((t) => t.predictions.find((p) => p.model_id === 201)?.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const days = ZApiTranscriptList.parse(await (await getList('range=7d')).json()).period;
    expect(days.to).toBe(new Date().toISOString().slice(0, 10));
  });

  it('400 listing every bad parameter by name', async () => {
    const res = await getList('size=7&page=0&label=oops');
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_request');
    expect(error.details.map((d) => d.path).sort()).toEqual(['label[0]', 'page', 'size']);
    expect(error.message).toMatch(/query parameters: 3 problems/);
  });
});

describe('GET /v2/transcripts/{id}', () => {
  it('answers the whole transcript with metadata and every score', async () => {
    const stored = await db.transcript.findUniqueOrThrow({ where: { externalId: 'fx-0' }, select: { id: true } });
    const res = await getDetail(String(stored.id));
    expect(res.status).toBe(200);
    const body = ZApiTranscriptDetail.parse(await res.json());
    expect(body).toMatchObject({ id: stored.id, external_id: 'fx-0', text: FIXTURE[0]!.text, metadata: FIXTURE[0]!.metadata, channel: 'phone' });
    const sentiment = body.predictions.find((p) => p.model_id === 201)!;
    expect(sentiment).toMatchObject({ model_name: 'Sentiment', label: FIXTURE[0]!.sentiment });
    expect(sentiment.scores.map((s) => s.label).sort()).toEqual(['Angry', 'Frustrated', 'Neutral', 'Satisfied']);
  });

  it('404 in the error format for an unknown id, 400 for one that is not an id', async () => {
    const missing = await getDetail('999999');
    expect(missing.status).toBe(404);
    const error = await errorOf(missing);
    expect(error).toMatchObject({ code: 'not_found', details: [{ path: 'id', message: 'no transcript with id 999999' }] });
    const bad = await getDetail('abc');
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).details).toEqual([{ path: 'id', message: 'must be a positive integer transcript id' }]);
  });
});

describe('GET /v2/transcripts/export', () => {
  it('streams the same rows the list counts, without a BOM unless asked', async () => {
    const query = 'range=all&label=42:Mobile';
    const total = ZApiTranscriptList.parse(await (await getList(query)).json()).total;
    const res = await getExport(query);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('x-total-count')).toBe(String(total));
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(0, 3))).toBe('id,');
    const [header, ...rows] = parse(new TextDecoder().decode(bytes)) as string[][];
    expect(header?.[8]).toBe('Product');
    expect(rows).toHaveLength(total);
    expect(rows.every((r) => r[8] === 'Mobile')).toBe(true);
    const withBom = new Uint8Array(await (await getExport(`${query}&bom=true`)).arrayBuffer());
    expect([...withBom.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('400 naming a bad filter', async () => {
    const res = await getExport('to=2026-13-01');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details.map((d) => d.path)).toEqual(['to']);
  });
});

describe('authentication', () => {
  it('401 without a key, with a malformed one and with an unknown one, on every route', async () => {
    for (const auth of [null, 'Basic abc', 'Bearer cs_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB']) {
      for (const res of [await getList('range=all', auth), await getDetail('1', auth), await getExport('range=all', auth)]) {
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect((await errorOf(res)).code).toBe('unauthorized');
      }
    }
  });
});
