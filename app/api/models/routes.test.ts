import { beforeAll, describe, expect, it } from 'vitest';

// Integration: the studio's dashboard routes called directly, against a real
// migrated SQLite database: validation at the edge, the core's errors mapped.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const models = await import('./route');
const model = await import('./[id]/route');
const examples = await import('./[id]/examples/route');
const versions = await import('./[id]/versions/route');
const queue = await import('./[id]/queue/route');
const labels = await import('./[id]/transcripts/[transcriptId]/labels/route');
const correction = await import('./[id]/transcripts/[transcriptId]/correction/route');

const { signIn } = await import('@/lib/testing/session');
let session: Awaited<ReturnType<typeof signIn>>;
// Every request of this file comes from a signed-in analyst's browser (cookie and Origin).
const Request = class extends globalThis.Request {
  constructor(input: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set('Cookie', session.cookie);
    headers.set('Origin', 'http://localhost');
    super(input, { ...init, headers });
  }
};

type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };
const params = <P,>(p: P) => ({ params: Promise.resolve(p) });
const json = (method: string, body: unknown) => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const url = (path: string) => `http://localhost${path}`;

let modelId = 0;

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  session = await signIn(db, 'analyst');
  const res = await models.POST(
    new Request(url('/api/models'), json('POST', { name: 'Route test', labels: [{ name: 'Billing', description: 'money' }, { name: 'Technical' }, { name: 'Cancellation' }] })),
    params({}),
  );
  expect(res.status).toBe(201);
  modelId = ((await res.json()) as { id: number }).id;
});

describe('studio routes', () => {
  it('refuses a bad model with every problem and its path', async () => {
    const res = await models.POST(new Request(url('/api/models'), json('POST', { name: '', labels: [{ name: 'A' }, { name: 'A' }] })), params({}));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.details.map((d) => d.path)).toEqual(['name', 'labels[1].name']);
    const parent = await models.POST(new Request(url('/api/models'), json('POST', { name: 'Child', parentModelId: modelId, labels: [{ name: 'A', parentLabel: 'Nope' }, { name: 'B' }] })), params({}));
    expect(parent.status).toBe(400);
    expect(((await parent.json()) as ErrorBody).error.details[0]?.path).toBe('labels[0].parentLabel');
    // A NUL character is refused before the database sees it (PostgreSQL could not store it; SQLite could).
    const nul = await models.POST(new Request(url('/api/models'), json('POST', { name: 'Bad\u0000name', labels: [{ name: 'A' }, { name: 'B\u0000' }] })), params({}));
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as ErrorBody).error.details).toEqual([
      { path: 'name', message: expect.stringMatching(/NUL character/) },
      { path: 'labels[1].name', message: expect.stringMatching(/NUL character/) },
    ]);
  });

  it('imports a labeled file and lists the rejected rows by line', async () => {
    const csv = 'text,label\n"my invoice is wrong",Billing\n"no signal at home",Technical\n"please cancel my plan",Cancellation\n"hello",Sales\n';
    const res = await examples.POST(new Request(url(`/api/models/${modelId}/examples?file_name=ex.csv`), { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: csv }), params({ id: String(modelId) }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { added: number; rows: number; rejected: { line: number; reason: string }[] };
    expect(body).toMatchObject({ added: 3, rows: 4 });
    expect(body.rejected).toEqual([{ line: 5, reason: expect.stringMatching(/unknown label "Sales"/) }]);
  });

  it('sets the threshold within 0–1 only', async () => {
    const ok = await model.PATCH(new Request(url(`/api/models/${modelId}`), json('PATCH', { threshold: 0.35 })), params({ id: String(modelId) }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { threshold: number }).threshold).toBe(0.35);
    const bad = await model.PATCH(new Request(url(`/api/models/${modelId}`), json('PATCH', { threshold: 2 })), params({ id: String(modelId) }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.details[0]?.path).toBe('threshold');
  });

  it('says why a model cannot be trained yet (409), and answers 400 on a bad id', async () => {
    const res = await versions.POST(new Request(url(`/api/models/${modelId}/versions`), json('POST', {})), params({ id: String(modelId) }));
    const err = (await res.json()) as ErrorBody;
    expect([res.status, err.error.message]).toEqual([409, expect.stringMatching(/label at least/)]);
    const bad = await model.GET(new Request(url('/api/models/abc')), params({ id: 'abc' }));
    expect(bad.status).toBe(400);
    const missing = await model.GET(new Request(url('/api/models/999999')), params({ id: '999999' }));
    expect(missing.status).toBe(404);
  });

  it('validates the queue parameters and the labels given', async () => {
    const q = await queue.GET(new Request(url(`/api/models/${modelId}/queue?strategy=entropy&exclude=1,2`)), params({ id: String(modelId) }));
    expect(q.status).toBe(200);
    expect(await q.json()).toMatchObject({ items: [] });
    const badQ = await queue.GET(new Request(url(`/api/models/${modelId}/queue?strategy=random`)), params({ id: String(modelId) }));
    expect(badQ.status).toBe(400);
    const badExclude = await queue.GET(new Request(url(`/api/models/${modelId}/queue?exclude=1;drop`)), params({ id: String(modelId) }));
    expect(badExclude.status).toBe(400);
    const noLabel = await labels.POST(new Request(url(`/api/models/${modelId}/transcripts/1/labels`), json('POST', { labels: [] })), params({ id: String(modelId), transcriptId: '1' }));
    expect(noLabel.status).toBe(400);
    const notJson = await correction.POST(new Request(url(`/api/models/${modelId}/transcripts/1/correction`), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' }), params({ id: String(modelId), transcriptId: '1' }));
    expect(notJson.status).toBe(400);
    // what a cross-site form can send (text/plain) is refused before the body is read
    const plain = await correction.POST(new Request(url(`/api/models/${modelId}/transcripts/1/correction`), { method: 'POST', body: '{"label":"Billing"}' }), params({ id: String(modelId), transcriptId: '1' }));
    expect(plain.status).toBe(415);
    const unknown = await correction.POST(new Request(url(`/api/models/${modelId}/transcripts/99999999/correction`), json('POST', { label: 'Billing' })), params({ id: String(modelId), transcriptId: '99999999' }));
    expect(unknown.status).toBe(404);
  });
});
