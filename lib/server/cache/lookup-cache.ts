// Short-lived caches for the two lookups every API request makes: the API key
// (by its hash) and the models a request names (id -> active version, name).
// Without them each inference request paid two Prisma queries, about 2 ms of
// the web server's one JavaScript thread (docs/benchmarks.md "API under load").
//
// A write in this process (revoking a key, promoting a version, renaming a
// model) clears the cache at once; another process (a second web server, the
// CLI) sees it within LOOKUP_CACHE_MS. CALLSIGHT_LOOKUP_CACHE_MS=0 turns the
// caches off. Entries are per database (tests run several in one process) and
// bounded in number.
import type { Db } from '@/lib/db';

export const LOOKUP_CACHE_MS = (() => {
  const raw = process.env.CALLSIGHT_LOOKUP_CACHE_MS;
  if (raw === undefined || raw === '') return 1000;
  const n = Number(raw);
  if (!(Number.isInteger(n) && n >= 0 && n <= 60_000)) throw new Error(`CALLSIGHT_LOOKUP_CACHE_MS must be a whole number of milliseconds from 0 to 60000, got "${raw}"`);
  return n;
})();

const MAX_ENTRIES = 10_000;

export class LookupCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  /**
   * The cached value for `key`, or what `load` returns (cached for LOOKUP_CACHE_MS
   * when `keep` says so: a lookup that found nothing is not remembered, so a key
   * or model just created by another process is seen at once). Concurrent misses share one load.
   */
  async get(db: Db, key: string, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    if (LOOKUP_CACHE_MS === 0) return load();
    const k = `${dbKey(db)}|${key}`;
    const now = Date.now();
    const hit = this.entries.get(k);
    if (hit && now - hit.at < LOOKUP_CACHE_MS) return hit.value;
    const pending = this.loading.get(k);
    if (pending) return pending;
    const generation = this.generation;
    const p = load().finally(() => this.loading.delete(k));
    this.loading.set(k, p);
    const value = await p;
    // a clear() while loading means the value may predate a write: do not keep it
    if (generation === this.generation && keep(value)) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(k, { value, at: now });
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
    this.loading.clear();
    this.generation++;
  }

  private readonly loading = new Map<string, Promise<V>>();
  private generation = 0;
}

const ids = new WeakMap<object, number>();
let nextId = 1;
/** Tells one database client from another (each test file has its own database). */
function dbKey(db: Db): number {
  let id = ids.get(db);
  if (id === undefined) ids.set(db, (id = nextId++));
  return id;
}
