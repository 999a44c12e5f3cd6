// Row-resolution state shared by models: bucket table, idf, block layout and block weights.
//
// Models trained on the same corpus (with the same feature spec, minCount and block weights) have identical
// vocabularies. Classifier interns its Vocabulary here, so such models hold one RowTable in memory, and
// predictMany resolves a text's features to (row, normalised tf-idf value) once per vocabulary instead of
// once per model. Resolution is the first half of the old Classifier.logitsInto, with the same arithmetic.
//
// Two ways in, with bit-identical results: `resolve` takes sorted unique ids with counts (featurize's TextFeatures);
// `resolveRaw` takes the raw ids of extractRaw (duplicates, any order) and skips featurize's sort and run-length
// encoding: a two-level bitmap of the rows seen yields them in increasing row order (= increasing bucket id, the
// order `resolve` sums in) without comparing anything, and counts above 1 are kept aside for the few rows that have them.

import { featureSpecKey, type FeatureSpec, type RawFeatures, type TextFeatures } from './features';
import { RowTable } from './table';

/** A text's features resolved against a vocabulary: rows[0..m) and their normalised values. */
export interface Resolved {
  rows: Int32Array;
  /** v * (row is a word row ? iw : ic), with v = (1 + ln count) * idf and iw/ic the block scales */
  vals: Float64Array;
  /** number of known features */
  m: number;
}

export class Vocabulary {
  readonly buckets: Int32Array;
  readonly idf: Float32Array;
  readonly blockWeights: readonly [number, number];
  readonly featureKey: string;
  readonly wordBuckets: number;
  readonly table: RowTable;
  /** rows [0, firstCharRow) are word rows, the rest char rows */
  readonly firstCharRow: number;
  private rowBuf = new Int32Array(1024);
  private valBuf = new Float64Array(1024);
  // resolveRaw's scratch (all zero between calls), allocated on first use: bit r of `seen` is set when row r
  // occurs, of `repeated` when it occurs more than once (extraCounts[r] + 1 times); bit b of blocks[i] is set
  // when seen[32 i + b] is non-zero
  private seen = new Int32Array(0);
  private repeated = new Int32Array(0);
  private blocks = new Int32Array(0);
  private extraCounts = new Int32Array(0);

  /** use Vocabulary.intern (which shares equal vocabularies) rather than this constructor */
  constructor(buckets: Int32Array, idf: Float32Array, blockWeights: readonly [number, number], spec: FeatureSpec) {
    this.buckets = buckets;
    this.idf = idf;
    this.blockWeights = Object.freeze([blockWeights[0], blockWeights[1]] as [number, number]);
    this.featureKey = featureSpecKey(spec);
    this.wordBuckets = spec.wordBuckets;
    this.table = new RowTable(buckets);
    const rows = buckets.length;
    let fc = 0;
    while (fc < rows && buckets[fc]! < spec.wordBuckets) fc++;
    this.firstCharRow = fc;
  }

  get rows(): number {
    return this.buckets.length;
  }

  /**
   * Resolves `f` into this vocabulary's scratch buffers (valid until the next resolve on this vocabulary).
   * `into` is filled and returned, to avoid allocating per call.
   */
  resolve(f: TextFeatures, into: Resolved): Resolved {
    const ids = f.ids, counts = f.counts, n = ids.length;
    if (this.rowBuf.length < n) {
      this.rowBuf = new Int32Array(n * 2);
      this.valBuf = new Float64Array(n * 2);
    }
    const rowBuf = this.rowBuf, valBuf = this.valBuf, fc = this.firstCharRow, idf = this.idf;
    let m = 0, sw = 0, sc = 0;
    const { slots, mask, shift } = this.table;
    for (let i = 0; i < n; i++) {
      // inlined RowTable.get
      const key = ids[i]!;
      let s = (Math.imul(key, 0x9e3779b1) >>> shift) << 1;
      let r = -1;
      for (;;) {
        const kk = slots[s];
        if (kk === key) {
          r = slots[s + 1]!;
          break;
        }
        if (kk === -1) break;
        s = (s + 2) & mask;
      }
      if (r < 0) continue;
      const c = counts[i]!;
      const v = (c === 1 ? 1 : 1 + Math.log(c)) * idf[r]!;
      rowBuf[m] = r;
      valBuf[m++] = v;
      if (r < fc) sw += v * v;
      else sc += v * v;
    }
    return this.scale(m, sw, sc, into);
  }

  /**
   * `resolve` for the raw ids of extractRaw (duplicates, any order), with exactly its results; same buffer rules.
   * Buckets the vocabulary does not know are dropped right after their table probe.
   */
  resolveRaw(raw: RawFeatures, into: Resolved): Resolved {
    const ids = raw.ids, n = raw.n, rows = this.buckets.length;
    if (this.seen.length === 0 && rows > 0) {
      this.seen = new Int32Array((rows + 31) >>> 5);
      this.repeated = new Int32Array((rows + 31) >>> 5);
      this.blocks = new Int32Array((rows + 1023) >>> 10);
      this.extraCounts = new Int32Array(rows);
    }
    if (this.rowBuf.length < n) {
      this.rowBuf = new Int32Array(n * 2);
      this.valBuf = new Float64Array(n * 2);
    }
    const rowBuf = this.rowBuf, seen = this.seen, repeated = this.repeated, blocks = this.blocks, extra = this.extraCounts;
    const { slots, mask, shift } = this.table;
    // 1. count: a row's first occurrence sets its bit in `seen` (and its word's bit in `blocks`); later ones count
    //    in `extra` and flag the row in `repeated` (most rows of a short text occur once: the counts array, the
    //    one large random-access array here, is only touched for the others)
    let k = 0;
    for (let i = 0; i < n; i++) {
      // inlined RowTable.get
      const key = ids[i]!;
      let s = (Math.imul(key, 0x9e3779b1) >>> shift) << 1;
      let r = -1;
      for (;;) {
        const kk = slots[s];
        if (kk === key) {
          r = slots[s + 1]!;
          break;
        }
        if (kk === -1) break;
        s = (s + 2) & mask;
      }
      if (r < 0) continue;
      const q = r >>> 5, bit = 1 << (r & 31), w = seen[q]!;
      if ((w & bit) === 0) {
        seen[q] = w | bit;
        blocks[q >>> 5]! |= 1 << (q & 31);
        rowBuf[k++] = r;
      } else {
        extra[r]!++;
        repeated[q]! |= bit;
      }
    }
    // 2. the k rows in increasing order (= increasing bucket id, the order `resolve` sums in) with their tf-idf
    //    values: walk the bitmap when that is cheaper than sorting, clearing it on the way
    const valBuf = this.valBuf, fc = this.firstCharRow, idf = this.idf;
    let sw = 0, sc = 0;
    if (blocks.length <= 16 * k + 64) {
      let m = 0;
      for (let b = 0; b < blocks.length; b++) {
        let w = blocks[b]!;
        if (w === 0) continue;
        blocks[b] = 0;
        while (w !== 0) {
          const lw = w & -w;
          w ^= lw;
          const q = (b << 5) | (31 - Math.clz32(lw));
          let x = seen[q]!;
          const d = repeated[q]!;
          seen[q] = 0;
          repeated[q] = 0;
          while (x !== 0) {
            const lx = x & -x;
            x ^= lx;
            const r = (q << 5) | (31 - Math.clz32(lx));
            let v: number;
            if ((d & lx) === 0) v = idf[r]!; // (1 + ln 1) * idf
            else {
              v = (1 + Math.log(1 + extra[r]!)) * idf[r]!;
              extra[r] = 0;
            }
            rowBuf[m] = r;
            valBuf[m++] = v;
            if (r < fc) sw += v * v;
            else sc += v * v;
          }
        }
      }
    } else {
      // a large vocabulary and a short text: sort the few rows, clear their bits one by one
      rowBuf.subarray(0, k).sort();
      for (let j = 0; j < k; j++) {
        const r = rowBuf[j]!, q = r >>> 5, bit = 1 << (r & 31);
        let v: number;
        if ((repeated[q]! & bit) === 0) v = idf[r]!;
        else {
          v = (1 + Math.log(1 + extra[r]!)) * idf[r]!;
          extra[r] = 0;
        }
        seen[q]! &= ~bit;
        repeated[q]! &= ~bit;
        blocks[q >>> 5] = 0;
        valBuf[j] = v;
        if (r < fc) sw += v * v;
        else sc += v * v;
      }
    }
    return this.scale(k, sw, sc, into);
  }

  /** applies the block scales to valBuf[0..m) and fills `into` */
  private scale(m: number, sw: number, sc: number, into: Resolved): Resolved {
    const rowBuf = this.rowBuf, valBuf = this.valBuf, fc = this.firstCharRow;
    const iw = sw > 0 ? this.blockWeights[0] / Math.sqrt(sw) : 0;
    const ic = sc > 0 ? this.blockWeights[1] / Math.sqrt(sc) : 0;
    // Scaled once here; the model then computes vals[j] * S[r], which is exactly v * (iw|ic) * S[r] evaluated
    // left to right, as before the split.
    for (let j = 0; j < m; j++) valBuf[j] = valBuf[j]! * (rowBuf[j]! < fc ? iw : ic);
    into.rows = rowBuf;
    into.vals = valBuf;
    into.m = m;
    return into;
  }

  /** Interned vocabulary equal to (buckets, idf, blockWeights, spec): an existing live one, or a new one. */
  static intern(buckets: Int32Array, idf: Float32Array, blockWeights: readonly [number, number], spec: FeatureSpec): Vocabulary {
    const specKey = featureSpecKey(spec);
    const key = `${fingerprint(buckets, idf, blockWeights)}|${specKey}`;
    let list = cache.get(key);
    if (list) {
      for (let i = 0; i < list.length; ) {
        const v = list[i]!.deref();
        if (!v) {
          list.splice(i, 1);
          continue;
        }
        if (v.equals(buckets, idf, blockWeights, specKey)) return v;
        i++;
      }
    } else {
      list = [];
      cache.set(key, list);
    }
    const v = new Vocabulary(buckets, idf, blockWeights, spec);
    list.push(new WeakRef(v));
    registry.register(v, key);
    return v;
  }

  private equals(buckets: Int32Array, idf: Float32Array, blockWeights: readonly [number, number], specKey: string): boolean {
    if (specKey !== this.featureKey) return false;
    if (!Object.is(blockWeights[0], this.blockWeights[0]) || !Object.is(blockWeights[1], this.blockWeights[1])) return false;
    if (buckets.length !== this.buckets.length || idf.length !== this.idf.length) return false;
    if (buckets !== this.buckets) {
      const a = this.buckets;
      for (let i = 0; i < a.length; i++) if (a[i] !== buckets[i]) return false;
    }
    if (idf !== this.idf) {
      // bitwise (distinguishes -0 / NaN payloads, like the bytes an artifact would store)
      const a = bitsOf(this.idf), b = bitsOf(idf);
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    }
    return true;
  }
}

const cache = new Map<string, WeakRef<Vocabulary>[]>();
const registry = new FinalizationRegistry<string>((key) => {
  const list = cache.get(key);
  if (!list) return;
  for (let i = list.length - 1; i >= 0; i--) if (!list[i]!.deref()) list.splice(i, 1);
  if (list.length === 0) cache.delete(key);
});

/** @internal number of live interned vocabularies (tests) */
export function internedVocabularies(): number {
  let n = 0;
  for (const list of cache.values()) for (const r of list) if (r.deref()) n++;
  return n;
}

function bitsOf(a: Float32Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.length);
}

/** Two independent 32-bit multiplicative hashes over the arrays, as a hex string (collisions are checked in full). */
function fingerprint(buckets: Int32Array, idf: Float32Array, blockWeights: readonly [number, number]): string {
  let h1 = 0x811c9dc5 ^ buckets.length, h2 = 0x9747b28c ^ idf.length;
  for (let i = 0; i < buckets.length; i++) {
    const x = buckets[i]!;
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x5bd1e995) ^ x;
  }
  const b = bitsOf(idf);
  for (let i = 0; i < b.length; i++) {
    const x = b[i]!;
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x5bd1e995) ^ x;
  }
  const bw = new Float64Array([blockWeights[0], blockWeights[1]]);
  for (const x of new Uint32Array(bw.buffer)) {
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul((h2 << 5) | (h2 >>> 27), 0x5bd1e995) ^ x;
  }
  return (h1 >>> 0).toString(16) + ':' + (h2 >>> 0).toString(16) + ':' + buckets.length;
}
