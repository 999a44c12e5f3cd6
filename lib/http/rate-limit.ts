import type { Db } from '@/lib/db';
import { isPostgresUrl } from '@/lib/env';
import { ApiError } from '@/lib/errors';

/**
 * The public API's rate limit: a token bucket per key, `perMinute` requests a
 * minute refilled continuously, bursts up to the same number. `take` spends a
 * token or throws a 429 ApiError with Retry-After.
 *
 * Where the buckets live follows the database:
 * - SQLite (one machine, one web server): in this process's memory, exact and free;
 * - PostgreSQL (any number of web servers): in the database, one row per key,
 *   so a key's budget is the same however many servers answer it.
 */
export interface RateLimiter {
  take(key: string): void | Promise<void>;
}

export function rateLimiterFor(url: string, db: Db, perMinute: number): RateLimiter {
  return isPostgresUrl(url) ? new PostgresRateLimiter(db, perMinute) : new MemoryRateLimiter(perMinute);
}

function limited(perMinute: number, tokens: number): ApiError {
  const rate = perMinute / 60_000;
  const retryAfter = Math.max(1, Math.ceil((1 - tokens) / rate / 1000));
  return new ApiError(
    429,
    'rate_limited',
    `Rate limit of ${perMinute} requests per minute for this API key reached. Retry after ${retryAfter} s, or spread requests out.`,
    [],
    { 'Retry-After': String(retryAfter) },
  );
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(private readonly perMinute: number, private readonly now: () => number = Date.now) {}

  take(key: string): void {
    const t = this.now();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, updated: t };
    b.tokens = Math.min(this.perMinute, b.tokens + (t - b.updated) * rate);
    b.updated = t;
    this.buckets.set(key, b);
    if (b.tokens < 1) throw limited(this.perMinute, b.tokens);
    b.tokens -= 1;
  }
}

/**
 * The same bucket in PostgreSQL. One UPDATE refills and spends under the
 * row's lock (the subquery's FOR UPDATE), so concurrent requests on several
 * servers queue on the row and each sees the one before; times are the
 * database's clock, so the servers' clocks do not matter. A key's row is
 * created once, full, the first time this process sees the key.
 */
export class PostgresRateLimiter implements RateLimiter {
  private readonly known = new Set<string>();

  constructor(private readonly db: Db, private readonly perMinute: number) {}

  async take(key: string): Promise<void> {
    if (!this.known.has(key)) {
      await this.db.$executeRaw`INSERT INTO "RateLimitBucket" ("key", "tokens", "updatedAt") VALUES (${key}, ${this.perMinute}, clock_timestamp()) ON CONFLICT ("key") DO NOTHING`;
      this.known.add(key);
    }
    const cap = this.perMinute;
    const perSecond = this.perMinute / 60;
    const rows = await this.db.$queryRaw<{ refilled: number }[]>`
      UPDATE "RateLimitBucket" AS b
         SET "tokens" = r.refilled - CASE WHEN r.refilled >= 1 THEN 1 ELSE 0 END,
             "updatedAt" = r.now
        FROM (SELECT "key", clock_timestamp() AS now,
                     LEAST(${cap}::float8, "tokens" + EXTRACT(EPOCH FROM clock_timestamp() - "updatedAt")::float8 * ${perSecond}::float8) AS refilled
                FROM "RateLimitBucket" WHERE "key" = ${key} FOR UPDATE) AS r
       WHERE b."key" = r."key"
   RETURNING r.refilled`;
    const refilled = rows[0]?.refilled;
    if (refilled === undefined) {
      // The row was deleted under us (a restore, a truncate): start it again.
      this.known.delete(key);
      return this.take(key);
    }
    if (refilled < 1) throw limited(this.perMinute, refilled);
  }
}
