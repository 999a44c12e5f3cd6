// Bucket id -> weight row lookup: open addressing (linear probing) over one Int32Array of (key, row) pairs.
// Only buckets seen in training get rows, so models stay compact whatever the hash space. Key and row sit side by
// side, so a hit reads one cache line, not one in a key array and one in a row array.

export class RowTable {
  /** slot i is slots[2i] = bucket id (-1 = empty), slots[2i + 1] = its row; public (read-only by convention) so
   * the resolution loops can inline the probe: start at (Math.imul(key, 0x9e3779b1) >>> shift) << 1, step 2, & mask */
  readonly slots: Int32Array;
  /** 2 * slot count - 1 (an index mask over `slots`, even indices stay even) */
  readonly mask: number;
  readonly shift: number;

  /** `buckets` must be distinct, non-negative; row i is buckets[i]. */
  constructor(buckets: Int32Array) {
    let bits = 4;
    while (1 << bits < buckets.length * 2) bits++;
    this.mask = 2 ** (bits + 1) - 1;
    this.shift = 32 - bits;
    const slots = (this.slots = new Int32Array(2 ** (bits + 1)).fill(-1));
    for (let r = 0; r < buckets.length; r++) {
      const key = buckets[r]!;
      let s = (Math.imul(key, 0x9e3779b1) >>> this.shift) << 1;
      while (slots[s] !== -1) {
        if (slots[s] === key) throw new Error(`duplicate bucket ${key}`);
        s = (s + 2) & this.mask;
      }
      slots[s] = key;
      slots[s + 1] = r;
    }
  }

  /** Row of `key`, or -1 if the bucket was never seen in training. */
  get(key: number): number {
    const slots = this.slots;
    let s = (Math.imul(key, 0x9e3779b1) >>> this.shift) << 1;
    for (;;) {
      const k = slots[s];
      if (k === key) return slots[s + 1]!;
      if (k === -1) return -1;
      s = (s + 2) & this.mask;
    }
  }
}
