import { ApiError } from '@/lib/errors';

/**
 * A token bucket per key: `perMinute` requests a minute, refilled continuously,
 * with bursts up to the same number. Held in this process's memory, so with
 * several web servers each enforces its own share.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(private readonly perMinute: number, private readonly now: () => number = Date.now) {}

  /** Takes one token for `key`, or throws a 429 ApiError with Retry-After. */
  take(key: string): void {
    const t = this.now();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, updated: t };
    b.tokens = Math.min(this.perMinute, b.tokens + (t - b.updated) * rate);
    b.updated = t;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
      throw new ApiError(
        429,
        'rate_limited',
        `Rate limit of ${this.perMinute} requests per minute for this API key reached. Retry after ${retryAfter} s, or spread requests out.`,
        [],
        { 'Retry-After': String(retryAfter) },
      );
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
  }
}
