// Bucket id -> weight row lookup: open addressing (linear probing) over Int32 arrays.
// Only buckets seen in training get rows, so models stay compact whatever the hash space.

export class RowTable {
  // public (read-only by convention) so the scoring loop can inline the probe
  readonly keys: Int32Array;
  readonly vals: Int32Array;
  readonly mask: number;
  readonly shift: number;

  /** `buckets` must be distinct, non-negative; row i is buckets[i]. */
  constructor(buckets: Int32Array) {
    let bits = 4;
    while (1 << bits < buckets.length * 2) bits++;
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.vals = new Int32Array(1 << bits);
    for (let r = 0; r < buckets.length; r++) {
      const key = buckets[r]!;
      let s = Math.imul(key, 0x9e3779b1) >>> this.shift;
      while (this.keys[s] !== -1) {
        if (this.keys[s] === key) throw new Error(`duplicate bucket ${key}`);
        s = (s + 1) & this.mask;
      }
      this.keys[s] = key;
      this.vals[s] = r;
    }
  }

  /** Row of `key`, or -1 if the bucket was never seen in training. */
  get(key: number): number {
    const keys = this.keys;
    let s = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = keys[s];
      if (k === key) return this.vals[s]!;
      if (k === -1) return -1;
      s = (s + 1) & this.mask;
    }
  }
}
