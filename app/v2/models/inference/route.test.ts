import { beforeAll, describe, expect, it } from 'vitest';
import { ZInferenceResponse } from '@/lib/schemas/inference';

// Integration: the exported route handler against a real, migrated SQLite
// database with the demo models trained on a smaller generated corpus.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { seedDemo } = await import('@/prisma/seed/seed-demo');
const { createApiKey } = await import('@/lib/server/keys/create-api-key');
const { revokeApiKey } = await import('@/lib/server/keys/revoke-api-keys');
const { POST } = await import('./route');
const models = await import('../route');
const model = await import('../[id]/route');

let key = '';
const noParams = { params: Promise.resolve({}) };

function post(body: unknown, headers: Record<string, string> = {}) {
  return POST(
    new Request('http://localhost/v2/models/inference', {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    noParams,
  );
}

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string; details: { path: string; message: string }[] }; request_id: string };
  expect(body.request_id).toMatch(/^req_/);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error;
}

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  await seedDemo(db, () => {}, { trainingCount: 3000, sampleCount: 0 });
  key = (await createApiKey(db, { name: 'test' })).key;
}, 300_000);

const BILLING =
  "Hi, I'm calling about my mobile broadband. I was charged 349 kr this month but my plan is supposed to be 199 kr. This has happened two months in a row and I'm really frustrated.";

describe('POST /v2/models/inference', () => {
  it('answers one result per model_settings entry, in order, one prediction list per text', async () => {
    const res = await post({
      texts: [BILLING, 'Thanks so much, the technician fixed the fiber box and everything works great now!'],
      model_settings: [{ model_id: 201 }, { model_id: 42, max_predictions: 2 }, { model_id: 87, max_predictions: 1 }],
    });
    expect(res.status).toBe(200);
    const body = ZInferenceResponse.parse(await res.json());
    expect(body.results.map((r) => [r.model_id, r.model_name])).toEqual([
      [201, 'Sentiment'],
      [42, 'Product'],
      [87, 'Issue Type'],
    ]);
    for (const r of body.results) expect(r.predictions).toHaveLength(2);
    const [sentiment, product, issue] = body.results;
    // single-label: all labels, softmax sums to 1, sorted by score
    for (const perText of sentiment!.predictions) {
      expect(perText.map((p) => p.label).sort()).toEqual(['Angry', 'Frustrated', 'Neutral', 'Satisfied']);
      expect(perText.reduce((a, p) => a + p.score, 0)).toBeCloseTo(1, 4);
      expect(perText.map((p) => p.score)).toEqual([...perText.map((p) => p.score)].sort((a, b) => b - a));
    }
    expect(product!.predictions[0]).toHaveLength(2);
    expect(product!.predictions[0]![0]!.label).toBe('Mobile Broadband');
    expect(issue!.predictions[0]).toEqual([expect.objectContaining({ label: 'Billing' })]);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('applies label_filter first, then max_predictions', async () => {
    const res = await post({ texts: [BILLING], model_settings: [{ model_id: 201, label_filter: ['Neutral', 'Satisfied', 'Angry'], max_predictions: 2 }] });
    const body = ZInferenceResponse.parse(await res.json());
    const preds = body.results[0]!.predictions[0]!;
    expect(preds).toHaveLength(2);
    for (const p of preds) expect(['Neutral', 'Satisfied', 'Angry']).toContain(p.label);
  });

  it('scores a multi-label model with independent sigmoids', async () => {
    const texts = [BILLING, 'hello', 'My fiber has been down since Monday and on top of that you charged me twice, so I want to cancel.'];
    const res = await post({ texts, model_settings: [{ model_id: 87 }, { model_id: 87 + 69 }] });
    const results = ZInferenceResponse.parse(await res.json()).results;
    expect(results[0]!.predictions.every((p) => p.length === 6)).toBe(true);
    // softmax would force every sum to 1; independent sigmoids do not
    const sums = results.flatMap((r) => r.predictions.map((perText) => perText.reduce((a, p) => a + p.score, 0)));
    expect(sums.some((s) => Math.abs(s - 1) > 0.05)).toBe(true);
    // a label filter returns the model's own scores, not renormalised ones
    const filtered = await post({ texts: [BILLING], model_settings: [{ model_id: 87, label_filter: ['Technical'] }] });
    const technical = results[0]!.predictions[0]!.find((p) => p.label === 'Technical')!.score;
    expect(ZInferenceResponse.parse(await filtered.json()).results[0]!.predictions[0]).toEqual([{ label: 'Technical', score: technical }]);
  });

  it('runs the pretrained language model', async () => {
    const res = await post({ texts: ['Hej, jag ringer om min faktura som är alldeles för hög den här månaden.'], model_settings: [{ model_id: 230, max_predictions: 1 }] });
    const body = ZInferenceResponse.parse(await res.json());
    expect(body.results[0]!.predictions[0]![0]!.label).toBe('Swedish');
  });

  it('400: body is not JSON', async () => {
    const res = await post('{"texts": [');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/not valid JSON/);
  });

  it('400: every broken rule listed with its path', async () => {
    const res = await post({ texts: ['ok', ''], model_settings: [{ model_id: 42, max_predictions: 0 }, { model_id: 42 }] });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid_request');
    expect(error.details.map((d) => d.path).sort()).toEqual(['model_settings[0].max_predictions', 'model_settings[1].model_id', 'texts[1]'].sort());
  });

  it('400: a label_filter label the model does not have, with its path and the labels it has', async () => {
    const res = await post({ texts: ['hi'], model_settings: [{ model_id: 42 }, { model_id: 201, label_filter: ['Frustrated', 'Furious'] }] });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.details).toEqual([{ path: 'model_settings[1].label_filter[1]', message: expect.stringContaining('Frustrated, Angry, Neutral, Satisfied') }]);
  });

  it('400: more than 8 texts, or a text over 10,000 characters', async () => {
    expect((await post({ texts: Array(9).fill('hi'), model_settings: [{ model_id: 42 }] })).status).toBe(400);
    expect((await post({ texts: ['x'.repeat(10_001)], model_settings: [{ model_id: 42 }] })).status).toBe(400);
    expect((await post({ texts: ['x'.repeat(10_000)], model_settings: [{ model_id: 42 }] })).status).toBe(200);
  });

  it('401: no key, malformed header, unknown key, revoked key', async () => {
    const body = { texts: ['hi'], model_settings: [{ model_id: 42 }] };
    const noKey = await POST(new Request('http://localhost/v2/models/inference', { method: 'POST', body: JSON.stringify(body) }), noParams);
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect((await errorOf(noKey)).message).toMatch(/Missing API key/);
    expect((await post(body, { Authorization: 'Basic abc' })).status).toBe(401);
    expect((await post(body, { Authorization: `Bearer ${key.slice(0, -1)}x` })).status).toBe(401);
    const revoked = await createApiKey(db, { name: 'to revoke' });
    await revokeApiKey(db, revoked.id);
    const res = await post(body, { Authorization: `Bearer ${revoked.key}` });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).message).toMatch(/revoked/);
  });

  it('404: a model_id that does not exist', async () => {
    const res = await post({ texts: ['hi'], model_settings: [{ model_id: 42 }, { model_id: 999 }] });
    expect(res.status).toBe(404);
    const error = await errorOf(res);
    expect(error.code).toBe('not_found');
    expect(error.details[0]?.path).toBe('model_settings[1].model_id');
  });

  it('413: a body over the limit', async () => {
    const res = await post({ texts: ['x'.repeat(env.MAX_BODY_BYTES)], model_settings: [{ model_id: 42 }] });
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('payload_too_large');
  });

  it('stores only a hash of each key', async () => {
    const rows = await db.apiKey.findMany();
    for (const r of rows) {
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(r)).not.toContain(key);
    }
  });
});

describe('GET /v2/models and /v2/models/{id}', () => {
  const get = (url: string, params: unknown) =>
    (url.endsWith('models') ? models.GET : model.GET)(new Request(url, { headers: { Authorization: `Bearer ${key}` } }), { params: Promise.resolve(params) } as never);

  it('lists every model with its labels in the model order', async () => {
    const res = await get('http://localhost/v2/models', {});
    const body = (await res.json()) as { models: { id: number; name: string; labels: { name: string }[]; active_version: unknown }[] };
    expect(body.models.map((m) => m.id)).toEqual([42, 87, 156, 201, 230, 244]);
    expect(body.models.find((m) => m.id === 201)!.labels.map((l) => l.name)).toEqual(['Frustrated', 'Angry', 'Neutral', 'Satisfied']);
    expect(body.models.find((m) => m.id === 230)!.labels.length).toBe(176);
  });

  it('answers one model, 404 for an unknown id and 400 for a malformed one', async () => {
    const one = await get('http://localhost/v2/models/156', { id: '156' });
    const body = (await one.json()) as { name: string; parent_model_id: number; labels: { name: string; parent_label?: string }[] };
    expect(body.name).toBe('Root Cause');
    expect(body.parent_model_id).toBe(87);
    expect(body.labels.find((l) => l.name === 'Incorrect charge')?.parent_label).toBe('Billing');
    expect((await get('http://localhost/v2/models/5', { id: '5' })).status).toBe(404);
    expect((await get('http://localhost/v2/models/abc', { id: 'abc' })).status).toBe(400);
  });
});
