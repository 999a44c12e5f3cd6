// 32-bit hashing primitives: FNV-1a steps (streamed one UTF-16 code unit at a time) and a murmur3 finaliser.

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;
/** fmix32's multipliers (features.ts inlines fnvStep and fmix32 in its hot loop) */
export const FMIX_1 = 0x85ebca6b;
export const FMIX_2 = 0xc2b2ae35;

/** One FNV-1a step over a whole 16-bit code unit (FNV-1a on 16-bit symbols; fmix32 follows before bucketing). */
export function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

/** murmur3 fmix32: spreads FNV's weak low bits before masking into buckets. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, FMIX_1);
  h ^= h >>> 13;
  h = Math.imul(h, FMIX_2);
  h ^= h >>> 16;
  return h;
}

/** FNV-1a of a whole string, starting from `seed`. */
export function hashString(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}

/** Order-sensitive combination of two hashes (used for word n-grams). */
export function combine(a: number, b: number): number {
  return fmix32((Math.imul(a, 0x9e3779b1) ^ b) + 0x27d4eb2d);
}
