// Row-resolution state shared by models: bucket table, idf, block layout and block weights.
//
// Models trained on the same corpus (with the same feature spec, minCount and block weights) have identical
// vocabularies. Classifier interns its Vocabulary here, so such models hold one RowTable in memory, and
// predictMany resolves a text's features to (row, normalised tf-idf value) once per vocabulary instead of
// once per model. Resolution is the first half of the old Classifier.logitsInto, with the same arithmetic.

import { featureSpecKey, type FeatureSpec, type TextFeatures } from './features';
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
    const { keys, vals, mask, shift } = this.table;
    for (let i = 0; i < n; i++) {
      // inlined RowTable.get
      const key = ids[i]!;
      let slot = Math.imul(key, 0x9e3779b1) >>> shift;
      let r = -1;
      for (;;) {
        const kk = keys[slot];
        if (kk === key) {
          r = vals[slot]!;
          break;
        }
        if (kk === -1) break;
        slot = (slot + 1) & mask;
      }
      if (r < 0) continue;
      const c = counts[i]!;
      const v = (c === 1 ? 1 : 1 + Math.log(c)) * idf[r]!;
      rowBuf[m] = r;
      valBuf[m++] = v;
      if (r < fc) sw += v * v;
      else sc += v * v;
    }
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
