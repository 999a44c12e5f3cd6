import { describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { LOOKUP_CACHE_MS, LookupCache } from './lookup-cache';

const dbA = {} as Db;
const dbB = {} as Db;

describe('LookupCache', () => {
  it('answers a second lookup from memory, per database', async () => {
    const cache = new LookupCache<number>();
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get(dbA, 'k', load)).toBe(1);
    expect(await cache.get(dbA, 'k', load)).toBe(1);
    expect(await cache.get(dbB, 'k', load)).toBe(2);
    expect(LOOKUP_CACHE_MS).toBeGreaterThan(0);
  });

  it('concurrent misses share one load', async () => {
    const cache = new LookupCache<number>();
    let loads = 0;
    const load = () => new Promise<number>((r) => setTimeout(() => r(++loads), 10));
    expect(await Promise.all([cache.get(dbA, 'k', load), cache.get(dbA, 'k', load)])).toEqual([1, 1]);
  });

  it('a write here (clear) is seen by the next lookup, even one whose load began before it', async () => {
    const cache = new LookupCache<string>();
    let value = 'before';
    let release!: () => void;
    const slow = () => new Promise<string>((r) => (release = () => r(value)));
    const first = cache.get(dbA, 'k', slow);
    cache.clear(); // e.g. a key revoked while its lookup was in flight
    value = 'after';
    release();
    await first;
    expect(await cache.get(dbA, 'k', async () => value)).toBe('after');
  });

  it('a value keep refuses (a lookup that found nothing) is not remembered', async () => {
    const cache = new LookupCache<number | null>();
    let loads = 0;
    const load = async () => (++loads > 1 ? loads : null);
    expect(await cache.get(dbA, 'k', load, (v) => v !== null)).toBe(null);
    expect(await cache.get(dbA, 'k', load, (v) => v !== null)).toBe(2);
    expect(await cache.get(dbA, 'k', load, (v) => v !== null)).toBe(2);
  });
});
