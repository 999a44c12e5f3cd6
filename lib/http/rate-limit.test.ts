import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/errors';
import { MemoryRateLimiter } from './rate-limit';

describe('MemoryRateLimiter', () => {
  it('allows the per-minute budget, then answers 429 with Retry-After, then refills', () => {
    let now = 0;
    const limiter = new MemoryRateLimiter(3, () => now);
    limiter.take('k');
    limiter.take('k');
    limiter.take('k');
    let error: unknown;
    try {
      limiter.take('k');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect((error as ApiError).headers['Retry-After']).toBe('20');
    limiter.take('other'); // keys are independent
    now += 20_000; // one token back after 60 s / 3
    expect(() => limiter.take('k')).not.toThrow();
    expect(() => limiter.take('k')).toThrow(ApiError);
  });
});
