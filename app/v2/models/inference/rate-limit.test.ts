import { expect, it } from 'vitest';

// A tiny per-key budget for this file only, set before the route reads env.
process.env.RATE_LIMIT_PER_MINUTE = '2';
const { db } = await import('@/lib/db');
const { env, isPostgresUrl } = await import('@/lib/env');
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

// Several web servers on one PostgreSQL share each key's budget: two limiters
// (two servers' worth of process memory) over the same database, requests
// at the same moment on both. On SQLite there is one web server, whose
// limiter above keeps its buckets in memory.
it.runIf(isPostgresUrl(env.DATABASE_URL))('shares a key’s budget between web servers on PostgreSQL, exactly, under concurrency', async () => {
  const { PostgresRateLimiter } = await import('@/lib/http/rate-limit');
  const { createDb } = await import('@/lib/db');
  const other = createDb(env.DATABASE_URL); // the second server's own connection pool
  try {
    const servers = [new PostgresRateLimiter(db, 5), new PostgresRateLimiter(other, 5)];
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => servers[i % 2]!.take('key:shared')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as { status: number; headers: Record<string, string> });
    expect(refused).toHaveLength(15);
    for (const e of refused) expect([e.status, Number(e.headers['Retry-After'])]).toEqual([429, expect.any(Number)]);
    // One token a 12 s at 5 a minute: the earliest retry is 12 s away, or just under.
    expect(Math.min(...refused.map((e) => Number(e.headers['Retry-After'])))).toBeGreaterThanOrEqual(11);
    await expect(servers[0]!.take('key:another')).resolves.toBeUndefined();
  } finally {
    await other.$disconnect();
  }
});
