import { expect, test } from '@playwright/test';
import { apiKey, SPEC_EXAMPLE } from '../fixtures';

// The spec's example request over real HTTP against `npm start`.

test('the spec example answers in the spec shape with sensible labels', async ({ request }) => {
  const res = await request.post('/v2/models/inference', { headers: { Authorization: `Bearer ${apiKey()}` }, data: SPEC_EXAMPLE });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.results.map((r: { model_id: number }) => r.model_id)).toEqual([42, 87, 156, 201]);
  expect(body.results.map((r: { model_name: string }) => r.model_name)).toEqual(['Product', 'Issue Type', 'Root Cause', 'Sentiment']);
  const [product, issue, cause, sentiment] = body.results;
  expect(product.predictions).toHaveLength(1);
  expect(product.predictions[0]).toHaveLength(1);
  expect(product.predictions[0][0].label).toBe('Mobile Broadband');
  expect(issue.predictions[0]).toHaveLength(2);
  expect(issue.predictions[0][0].label).toBe('Billing');
  expect(cause.predictions[0]).toHaveLength(3);
  expect(['Incorrect charge', 'Recurring billing error', 'Price plan mismatch']).toContain(cause.predictions[0][0].label);
  expect(sentiment.predictions[0]).toHaveLength(4);
  expect(['Frustrated', 'Angry']).toContain(sentiment.predictions[0][0].label);
  const sum = sentiment.predictions[0].reduce((a: number, p: { score: number }) => a + p.score, 0);
  expect(sum).toBeCloseTo(1, 3);
  for (const r of body.results) {
    const scores = r.predictions[0].map((p: { score: number }) => p.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  }
  expect(typeof body.request_id).toBe('string');
});

test('errors answer with the spec error JSON', async ({ request }) => {
  const auth = { Authorization: `Bearer ${apiKey()}` };
  const noKey = await request.post('/v2/models/inference', { data: SPEC_EXAMPLE });
  expect(noKey.status()).toBe(401);
  expect((await noKey.json()).error.code).toBe('unauthorized');

  const notJson = await request.post('/v2/models/inference', { headers: { ...auth, 'Content-Type': 'application/json' }, data: Buffer.from('{"texts": [') });
  expect(notJson.status()).toBe(400);
  const nj = await notJson.json();
  expect(nj.error.message).toMatch(/not valid JSON/);
  expect(typeof nj.request_id).toBe('string');

  const unknownModel = await request.post('/v2/models/inference', { headers: auth, data: { texts: ['hi'], model_settings: [{ model_id: 999999 }] } });
  expect(unknownModel.status()).toBe(404);
  expect((await unknownModel.json()).error.details[0].path).toBe('model_settings[0].model_id');

  const big = await request.post('/v2/models/inference', { headers: auth, data: { texts: ['x'.repeat(2_000_000)], model_settings: [{ model_id: 42 }] } });
  expect(big.status()).toBe(413);

  const other = await request.get('/v2/nothing-here', { headers: auth });
  expect(other.status()).toBe(404);
  expect((await other.json()).error.code).toBe('not_found');
});

test('GET /v2/models lists the demo models with labels', async ({ request }) => {
  const res = await request.get('/v2/models', { headers: { Authorization: `Bearer ${apiKey()}` } });
  expect(res.status()).toBe(200);
  const { models } = await res.json();
  const byId = new Map(models.map((m: { id: number }) => [m.id, m]));
  for (const id of [42, 87, 156, 201, 230, 244]) expect(byId.has(id)).toBe(true);
  const one = await request.get('/v2/models/201', { headers: { Authorization: `Bearer ${apiKey()}` } });
  expect((await one.json()).labels.map((l: { name: string }) => l.name)).toEqual(['Frustrated', 'Angry', 'Neutral', 'Satisfied']);
});
