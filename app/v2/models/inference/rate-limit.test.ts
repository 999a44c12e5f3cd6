import { expect, it } from 'vitest';

// A tiny per-key budget for this file only, set before the route reads env.
process.env.RATE_LIMIT_PER_MINUTE = '2';
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { createApiKey } = await import('@/lib/server/keys/create-api-key');
const { POST } = await import('./route');

it('429 with Retry-After once a key spends its budget; other keys are unaffected', async () => {
  await migrate(env.DATABASE_URL);
  const [a, b] = [await createApiKey(db, { name: 'a' }), await createApiKey(db, { name: 'b' })];
  const send = (key: string) =>
    POST(
      new Request('http://localhost/v2/models/inference', {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}` },
        body: JSON.stringify({ texts: ['hi'], model_settings: [{ model_id: 1 }] }),
      }),
      { params: Promise.resolve({}) },
    );
  expect((await send(a.key)).status).toBe(404); // no models in this database
  expect((await send(a.key)).status).toBe(404);
  const limited = await send(a.key);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  const body = (await limited.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('rate_limited');
  expect(body.error.message).toMatch(/2 requests per minute/);
  expect((await send(b.key)).status).toBe(404);
});
