// Stratified, seeded train/test split. Stratum = first label (or "" for examples without labels).
// Each stratum with n >= 2 items gives round(n * fraction) items to test, clamped to [1, n - 1] when fraction > 0;
// singletons stay in train. Both outputs keep the input order.

import { Rng } from './rng';

export function stratifiedSplit<T extends { labels: string[] }>(items: T[], fraction: number, seed: number): { train: T[]; test: T[] } {
  if (!(fraction >= 0 && fraction < 1)) throw new Error(`fraction must be in [0, 1), got ${fraction}`);
  const strata = new Map<string, number[]>();
  items.forEach((it, i) => {
    const key = it.labels[0] ?? '';
    const s = strata.get(key);
    if (s) s.push(i);
    else strata.set(key, [i]);
  });
  const rng = new Rng(seed);
  const inTest = new Uint8Array(items.length);
  if (fraction > 0) {
    for (const idx of strata.values()) {
      const n = idx.length;
      if (n < 2) continue;
      const take = Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
      rng.shuffle(idx);
      for (let j = 0; j < take; j++) inTest[idx[j]!] = 1;
    }
  }
  const train: T[] = [];
  const test: T[] = [];
  items.forEach((it, i) => (inTest[i] ? test : train).push(it));
  return { train, test };
}
