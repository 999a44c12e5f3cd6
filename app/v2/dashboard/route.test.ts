import { beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '@/lib/testing/session';

// Integration: the workspace's overview layout and saved views, over the
// public routes, against a real migrated database, as a browser session and
// as an API key (one handler each).
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { createApiKey } = await import('@/lib/server/keys/create-api-key');
const dashboard = await import('./route');
const views = await import('../views/route');
const view = await import('../views/[id]/route');

const noParams = { params: Promise.resolve({}) };
const json = (method: string, path: string, body: unknown) =>
  new Request(`http://localhost${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const get = (path: string) => new Request(`http://localhost${path}`);

type Session = Awaited<ReturnType<typeof signIn>>;
let admin: Session;
let analyst: Session;
let viewer: Session;
let readKey = '';

const VALID = {
  kpis: [
    { kind: 'volume', title: 'Chats' },
    { kind: 'share', title: 'Disputes', model_id: 7001, labels: ['Dispute'], up_is: 'bad' },
  ],
  breakdowns: [
    { dimension: '7001', chart: 'donut' },
    { dimension: 'meta.flow', title: 'Flow', limit: 5 },
  ],
  trend: { models: [7001] },
  cross_tab: { rows: '7001', cols: 'meta.flow' },
  filters: ['7001', 'meta.flow'],
  columns: ['7001', 'meta.subflow'],
};

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string; details: { path: string; message: string }[] } }).error;
}

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  await db.model.create({ data: { id: 7001, name: 'Support flow', labels: { create: ['Purchase', 'Dispute', 'Refund'].map((name, position) => ({ name, position })) } } });
  admin = await signIn(db, 'admin');
  analyst = await signIn(db, 'analyst');
  viewer = await signIn(db, 'viewer');
  readKey = (await createApiKey(db, { name: 'read only', scopes: ['read'] })).key;
});

describe('GET/PUT /v2/dashboard', () => {
  it('a new workspace shows the volume and nothing else until someone adds a card', async () => {
    const res = await dashboard.GET(viewer.as(get('/v2/dashboard')), noParams);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { layout: unknown; updated_at: string | null };
    expect(body.layout).toEqual({ kpis: [{ kind: 'volume', title: 'Transcripts' }], breakdowns: [], trend: { models: [] }, cross_tab: null, filters: [], columns: [] });
    expect(body.updated_at).toBeNull();
  });

  it('an admin replaces the layout; anyone who reads the dashboard, person or key, gets it back', async () => {
    const res = await dashboard.PUT(admin.as(json('PUT', '/v2/dashboard', VALID)), noParams);
    expect(res.status).toBe(200);
    const byKey = await dashboard.GET(new Request('http://localhost/v2/dashboard', { headers: { Authorization: `Bearer ${readKey}` } }), noParams);
    const body = (await byKey.json()) as { layout: { breakdowns: unknown[] }; updated_by: string };
    expect(body.layout.breakdowns).toEqual([
      { dimension: '7001', chart: 'donut' },
      { dimension: 'meta.flow', title: 'Flow', chart: 'bars', limit: 5 },
    ]);
    expect(body.updated_by).toBe(admin.email);
    const audit = await db.auditEvent.findFirst({ where: { action: 'dashboard.update' } });
    expect(audit?.actor).toBe(admin.email);
  });

  it('refuses a layout naming a model or label that does not exist, with a message per wrong field', async () => {
    const bad = {
      ...VALID,
      kpis: [{ kind: 'share', title: 'Angry', model_id: 7001, labels: ['Dispute', 'Furious'] }],
      breakdowns: [{ dimension: '9999' }, { dimension: 'flow' }],
      trend: { models: [7001, 7001] },
    };
    const res = await dashboard.PUT(admin.as(json('PUT', '/v2/dashboard', bad)), noParams);
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    // structure first: "flow" is not a dimension
    expect(err.details).toEqual([{ path: 'breakdowns[1].dimension', message: expect.stringContaining('meta.flow') }]);
    const res2 = await dashboard.PUT(admin.as(json('PUT', '/v2/dashboard', { ...bad, breakdowns: [{ dimension: '9999' }] })), noParams);
    const err2 = await errorOf(res2);
    expect(err2.details).toEqual([
      { path: 'kpis[0].labels[1]', message: '"Furious" is not a label of Support flow (Purchase, Dispute, Refund)' },
      { path: 'breakdowns[0].dimension', message: expect.stringMatching(/^no model 9999/) },
      { path: 'trend.models[1]', message: '"7001" is listed twice' },
    ]);
    const unknownField = await dashboard.PUT(admin.as(json('PUT', '/v2/dashboard', { ...VALID, kpi: [] })), noParams);
    expect((await errorOf(unknownField)).details).toEqual([{ path: 'kpi', message: 'unknown field; did you mean "kpis"?' }]);
  });

  it('only an admin (or a key with the admin scope) may change the layout', async () => {
    expect((await dashboard.PUT(analyst.as(json('PUT', '/v2/dashboard', VALID)), noParams)).status).toBe(403);
    const byKey = await dashboard.PUT(new Request('http://localhost/v2/dashboard', { method: 'PUT', headers: { Authorization: `Bearer ${readKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(VALID) }), noParams);
    expect(byKey.status).toBe(403);
    expect((await errorOf(byKey)).message).toContain('admin');
  });
});

describe('/v2/views', () => {
  it('saves a view in canonical form, lists it for everyone, and makes it its owner\'s default', async () => {
    const res = await views.POST(analyst.as(json('POST', '/v2/views', { name: 'Refund disputes', query: '?meta.flow=refund&label=7001:Dispute&range=90d&trend=7001&rows=meta.flow&page=3&junk=1', is_default: true })), noParams);
    expect(res.status).toBe(201);
    const saved = (await res.json()) as { id: string; query: string; href: string; url: string; is_default: boolean; mine: boolean };
    expect(saved).toMatchObject({ query: 'range=90d&label=7001%3ADispute&meta.flow=refund&trend=7001&rows=meta.flow', is_default: true, mine: true, url: `/views/${saved.id}` });
    expect(saved.href).toBe(`/?${saved.query}`);

    const list = (await (await views.GET(viewer.as(get('/v2/views')), noParams)).json()) as { views: { id: string; mine: boolean; owner: { email: string } }[] };
    expect(list.views.find((v) => v.id === saved.id)).toMatchObject({ mine: false, owner: { email: analyst.email } });

    // a second default replaces the first
    const second = (await (await views.POST(analyst.as(json('POST', '/v2/views', { name: 'Everything', query: 'range=all', is_default: true })), noParams)).json()) as { id: string };
    const first = await view.GET(analyst.as(get(`/v2/views/${saved.id}`)), { params: Promise.resolve({ id: saved.id }) });
    expect(((await first.json()) as { is_default: boolean }).is_default).toBe(false);
    expect((await db.savedView.count({ where: { isDefault: true } }))).toBe(1);
    expect(second.id).toMatch(/^vw_/);
  });

  it('refuses a view named with a NUL character, which PostgreSQL cannot store (found by the fuzzer: a 500 there)', async () => {
    const res = await views.POST(analyst.as(json('POST', '/v2/views', { name: '\u0000', query: '' })), noParams);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details).toEqual([{ path: 'name', message: expect.stringContaining('NUL') }]);
  });

  it('refuses a view whose filters the dashboard would refuse, naming the parameter', async () => {
    const res = await views.POST(analyst.as(json('POST', '/v2/views', { name: 'Bad', query: 'range=13d&rows=flow' })), noParams);
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.details.map((d) => d.path)).toEqual(['query.range']);
    expect((await views.POST(analyst.as(json('POST', '/v2/views', { name: '' })), noParams)).status).toBe(400);
  });

  it('only its owner or an admin renames or deletes a view', async () => {
    const created = (await (await views.POST(analyst.as(json('POST', '/v2/views', { name: 'Mine', query: 'range=7d' })), noParams)).json()) as { id: string };
    const params = { params: Promise.resolve({ id: created.id }) };
    expect((await view.PATCH(viewer.as(json('PATCH', `/v2/views/${created.id}`, { name: 'Theirs' })), params)).status).toBe(403);
    expect((await view.DELETE(viewer.as(new Request(`http://localhost/v2/views/${created.id}`, { method: 'DELETE' })), params)).status).toBe(403);
    const renamed = await view.PATCH(analyst.as(json('PATCH', `/v2/views/${created.id}`, { name: 'Last week' })), params);
    expect(((await renamed.json()) as { name: string }).name).toBe('Last week');
    expect((await view.DELETE(admin.as(new Request(`http://localhost/v2/views/${created.id}`, { method: 'DELETE' })), params)).status).toBe(204);
    expect((await view.GET(analyst.as(get(`/v2/views/${created.id}`)), params)).status).toBe(404);
  });
});
