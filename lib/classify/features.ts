// Hashed feature extraction shared by all models: tokens -> word n-grams + char n-grams -> bucket ids + raw counts.
//
// Bucket id layout: word n-grams (and the amount marker) hash into [0, wordBuckets);
// char n-grams hash into [wordBuckets, wordBuckets + charBuckets). Ids are sorted, so all word ids come first.
// Char n-grams are taken inside each token padded with boundary markers (like sklearn's char_wb / fastText's <w>).
// Counts are raw; idf, sublinear tf and normalisation belong to each model (they depend on its training corpus).

import { AMOUNT_TOKEN, tokenize } from './tokenize';
import { FNV_OFFSET, combine, fmix32, fnvStep, hashString } from './hash';

export interface FeatureSpec {
  version: 1;
  lowercase: boolean;
  stripAccents: boolean;
  numberShapes: boolean;
  /** inclusive [min, max] word n-gram sizes, e.g. [1, 2] */
  wordNgrams: [number, number];
  /** inclusive [min, max] char n-gram sizes within padded tokens, e.g. [2, 5]; null = none */
  charNgrams: [number, number] | null;
  /** powers of two */
  wordBuckets: number;
  charBuckets: number;
}

/** Opaque sparse vector: strictly increasing bucket ids with their raw counts. */
export interface TextFeatures {
  readonly ids: Int32Array;
  readonly counts: Int32Array;
}

export const DEFAULT_FEATURE_SPEC: FeatureSpec = Object.freeze({
  version: 1,
  lowercase: true,
  stripAccents: false,
  numberShapes: true,
  wordNgrams: Object.freeze([1, 2]) as unknown as [number, number],
  charNgrams: Object.freeze([2, 5]) as unknown as [number, number],
  wordBuckets: 1 << 20,
  charBuckets: 1 << 21,
}) as FeatureSpec;

const WORD_SEED = FNV_OFFSET;
const CHAR_SEED = fmix32(FNV_OFFSET ^ 0x5bd1e995);
const BOUNDARY = 0x0001; // cannot occur inside a token

const checked = new WeakSet<FeatureSpec>();

function isPow2(n: number): boolean {
  return Number.isInteger(n) && n >= 2 && (n & (n - 1)) === 0;
}

export function validateFeatureSpec(spec: FeatureSpec): void {
  if (checked.has(spec)) return;
  if (!spec || spec.version !== 1) throw new Error(`unsupported FeatureSpec version: ${spec && (spec as { version?: unknown }).version}`);
  const [wmin, wmax] = spec.wordNgrams ?? [];
  if (!(Number.isInteger(wmin) && Number.isInteger(wmax) && wmin >= 1 && wmax >= wmin && wmax <= 5)) {
    throw new Error(`FeatureSpec.wordNgrams must be [min, max] with 1 <= min <= max <= 5`);
  }
  if (spec.charNgrams !== null) {
    const [cmin, cmax] = spec.charNgrams ?? [];
    if (!(Number.isInteger(cmin) && Number.isInteger(cmax) && cmin >= 1 && cmax >= cmin && cmax <= 8)) {
      throw new Error(`FeatureSpec.charNgrams must be null or [min, max] with 1 <= min <= max <= 8`);
    }
  }
  if (!isPow2(spec.wordBuckets) || !isPow2(spec.charBuckets) || spec.wordBuckets + spec.charBuckets > 2 ** 30) {
    throw new Error(`FeatureSpec buckets must be powers of two with wordBuckets + charBuckets <= 2^30`);
  }
  checked.add(spec);
}

/** Canonical string for a spec: equal keys <=> features can be shared between models. */
export function featureSpecKey(spec: FeatureSpec): string {
  return JSON.stringify([
    spec.version, spec.lowercase, spec.stripAccents, spec.numberShapes,
    spec.wordNgrams, spec.charNgrams, spec.wordBuckets, spec.charBuckets,
  ]);
}

// Growable scratch buffer of raw (duplicated) ids, reused across calls.
let scratch = new Int32Array(4096);

function ensure(n: number): void {
  if (n <= scratch.length) return;
  let cap = scratch.length;
  while (cap < n) cap *= 2;
  const next = new Int32Array(cap);
  next.set(scratch);
  scratch = next;
}

export function featurize(text: string, spec: FeatureSpec): TextFeatures {
  validateFeatureSpec(spec);
  const { tokens, amounts } = tokenize(text, spec);
  const [wmin, wmax] = spec.wordNgrams;
  const wmask = spec.wordBuckets - 1;
  const cmask = spec.charBuckets - 1;
  const coff = spec.wordBuckets;
  let m = 0;

  // upper bound on the number of raw features, to size the scratch buffer once
  let bound = tokens.length * wmax + amounts;
  if (spec.charNgrams) for (const t of tokens) bound += (t.length + 2) * (spec.charNgrams[1] - spec.charNgrams[0] + 1);
  ensure(bound);
  const buf = scratch;

  // word n-grams
  const wh = new Int32Array(tokens.length);
  for (let t = 0; t < tokens.length; t++) wh[t] = hashString(tokens[t]!, WORD_SEED);
  for (let t = 0; t < tokens.length; t++) {
    let h = wh[t]!;
    for (let n = 1; n <= wmax && t + n <= tokens.length; n++) {
      if (n > 1) h = combine(h, wh[t + n - 1]!);
      if (n >= wmin) buf[m++] = fmix32(h + n) & wmask;
    }
  }
  if (amounts > 0) {
    const a = fmix32(hashString(AMOUNT_TOKEN, WORD_SEED) + 1) & wmask;
    for (let i = 0; i < amounts; i++) buf[m++] = a;
  }

  // char n-grams within "<token>"
  if (spec.charNgrams) {
    const [cmin, cmax] = spec.charNgrams;
    for (let t = 0; t < tokens.length; t++) {
      const tok = tokens[t]!;
      const p = tok.length + 2;
      for (let i = 0; i + cmin <= p; i++) {
        let h = CHAR_SEED;
        const end = Math.min(p, i + cmax);
        for (let j = i; j < end; j++) {
          const code = j === 0 || j === p - 1 ? BOUNDARY : tok.charCodeAt(j - 1);
          h = fnvStep(h, code);
          if (j - i + 1 >= cmin) buf[m++] = coff + (fmix32(h) & cmask);
        }
      }
    }
  }

  // sort + run-length encode
  const raw = buf.subarray(0, m);
  raw.sort();
  let u = 0;
  for (let i = 0; i < m; i++) if (i === 0 || raw[i] !== raw[i - 1]) u++;
  const ids = new Int32Array(u);
  const counts = new Int32Array(u);
  let k = -1;
  for (let i = 0; i < m; i++) {
    if (i === 0 || raw[i] !== raw[i - 1]) {
      ids[++k] = raw[i]!;
      counts[k] = 1;
    } else counts[k]!++;
  }
  return { ids, counts };
}
