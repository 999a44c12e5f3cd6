// The Classifier: a linear model over TF-IDF-weighted hashed features.
//
// Scoring one text (features = raw counts from featurize):
//   v_f   = (1 + ln count_f) * idf_f                for buckets seen in training (others are dropped, as with a fixed vocabulary)
//   x     = [word block of v] / ||word block|| * blockWeights[0]  ++  [char block of v] / ||char block|| * blockWeights[1]
//   z     = W^T x + b
//   score = softmax(z / T)            (single-label; sums to 1)
//         | sigmoid(z / T) per label  (multi-label; independent)
// T is the temperature fitted on held-out data at training time (see train.ts / calibrate.ts).
//
// predict's path per text allocates only its result: extractRaw (normalise, tokenise and hash into a reused buffer)
// -> Vocabulary.resolveRaw (rows and tf-idf values, no sort) -> the kernel (kernel.ts: the logits) -> probabilities
// into a reused buffer -> rank. Every step keeps the arithmetic and order of the featurize -> resolve path, so the
// scores are bit-identical to `scores(featurize(text))`.

import { extractRaw, featuresFromRaw, RawFeatures, type FeatureSpec, type TextFeatures } from './features';
import { createKernel, type LinearKernel } from './kernel';
import { Vocabulary, type Resolved } from './vocabulary';

export interface Prediction {
  label: string;
  score: number;
}

export interface PredictOptions {
  /** keep the top k after filtering (default: all labels) */
  k?: number;
  /** restrict to these labels (unknown labels throw); applied before k */
  labelFilter?: string[];
}

/** Everything a Classifier is made of (what the artifact stores). */
export interface ModelParams {
  labels: string[];
  multiLabel: boolean;
  featureSpec: FeatureSpec;
  /** strictly increasing bucket ids; row r of the weights belongs to buckets[r] */
  buckets: Int32Array;
  /** idf per row */
  idf: Float32Array;
  /** row-major rows x labels: float32 weights, or int8 codes (weight = code * rowScales[row]) */
  weights: Float32Array | Int8Array;
  bias: Float32Array;
  temperature: number;
  /** label prior from the training data (single-label: frequencies summing to 1; multi-label: per-label
   * positive rate) — the scores of a text with no known features (empty text, only unseen n-grams) */
  prior: Float32Array;
  /** per-row scales, required when weights are int8 codes (see quantize.ts) */
  rowScales?: Float32Array;
  /** scale of the L2-normalised word block and char block */
  blockWeights: [number, number];
}

export class Classifier {
  readonly labels: readonly string[];
  readonly multiLabel: boolean;
  readonly featureSpec: FeatureSpec;
  readonly temperature: number;
  /** @internal */ readonly params: Readonly<ModelParams>;
  /** @internal row-resolution state, shared (interned) between models with identical buckets, idf, blockWeights
   * and feature spec */
  readonly vocab: Vocabulary;
  /** @internal the scoring kernel (holds the weights) */
  readonly kernel: LinearKernel;
  private readonly labelIndex: Map<string, number>;
  /** number of known features in the last accumulate call */
  private lastKnown = 0;
  private readonly resolved: Resolved = { rows: new Int32Array(0), vals: new Float64Array(0), m: 0 };
  /** predict's probabilities, reused from text to text (rank does not keep them) */
  private readonly probBuf: Float32Array;

  constructor(params: ModelParams) {
    const L = params.labels.length;
    if (L < 1) throw new Error('a Classifier needs at least one label');
    if (new Set(params.labels).size !== L) throw new Error('duplicate labels');
    const rows = params.buckets.length;
    if (params.idf.length !== rows || params.weights.length !== rows * L || params.bias.length !== L) {
      throw new Error('inconsistent model parameter sizes');
    }
    if ((params.weights instanceof Int8Array) !== (params.rowScales instanceof Float32Array && params.rowScales.length === rows)) {
      throw new Error('int8 weights need one float32 scale per row (and float32 weights none)');
    }
    if (params.prior.length !== L) throw new Error('prior needs one value per label');
    if (!(params.temperature > 0)) throw new Error(`temperature must be > 0, got ${params.temperature}`);
    this.vocab = Vocabulary.intern(params.buckets, params.idf, params.blockWeights, params.featureSpec);
    this.kernel = createKernel(params.weights, params.rowScales, params.bias, L);
    // hold the interned arrays (equal contents) so that equal models keep one copy in memory, and the kernel's
    // weights (the same values, possibly in its own memory) so that they are not held twice
    this.params = { ...params, buckets: this.vocab.buckets, idf: this.vocab.idf, weights: this.kernel.weights };
    this.probBuf = new Float32Array(L);
    this.labels = Object.freeze(params.labels.slice());
    this.multiLabel = params.multiLabel;
    this.featureSpec = Object.freeze({ ...params.featureSpec });
    this.temperature = params.temperature;
    this.labelIndex = new Map(params.labels.map((l, i) => [l, i]));
  }

  /** Number of weight rows (distinct hash buckets seen in training). */
  get rows(): number {
    return this.params.buckets.length;
  }

  /** Raw logits z (before temperature) into `out` (length = labels). */
  logitsInto(f: TextFeatures, out: Float64Array): Float64Array {
    return this.accumulate(this.vocab.resolve(f, this.resolved), out);
  }

  /**
   * @internal bias + sum_j vals[j] * W[rows[j]] into `out`, for features resolved against `this.vocab`
   * (possibly shared with other models: see predictMany).
   */
  accumulate(res: Resolved, out: Float64Array): Float64Array {
    this.lastKnown = res.m;
    const z = this.kernel.logits(res.rows, res.vals, res.m);
    for (let c = 0; c < z.length; c++) out[c] = z[c]!;
    return out;
  }

  /** @internal the model's input vector for `f`: weight rows and their normalised tf-idf values */
  normalizedRows(f: TextFeatures): { rows: Int32Array; vals: Float64Array } {
    const res = this.vocab.resolve(f, this.resolved);
    return { rows: res.rows.slice(0, res.m), vals: res.vals.slice(0, res.m) };
  }

  /** @internal scores from `z` = this.accumulate(...) output (prior when no feature was known) */
  scoresFromLogits(z: Float64Array): Float32Array {
    if (this.lastKnown === 0) return this.params.prior.slice();
    return probabilities(z, this.temperature, this.multiLabel);
  }

  /** @internal scores for features resolved against `this.vocab` into `into` (prior when none is known) */
  scoresResolved(res: Resolved, into: Float32Array): Float32Array {
    this.lastKnown = res.m;
    if (res.m === 0) {
      into.set(this.params.prior);
      return into;
    }
    const z = this.kernel.logits(res.rows, res.vals, res.m);
    return probabilitiesInto(z, this.labels.length, this.temperature, this.multiLabel, into);
  }

  /** Probabilities in label order: softmax (sums to 1) or independent sigmoids; all in [0, 1]. */
  scores(features: TextFeatures): Float32Array {
    return this.scoresResolved(this.vocab.resolve(features, this.resolved), new Float32Array(this.labels.length));
  }

  /** @internal scores of `text` into the model's reused buffer (valid until its next use): predict's path */
  scoreText(text: string): Float32Array {
    return this.scoresResolved(this.vocab.resolveRaw(extractRaw(text, this.featureSpec), this.resolved), this.probBuf);
  }

  rank(scores: Float32Array, options: PredictOptions = {}): Prediction[] {
    const L = this.labels.length;
    if (scores.length !== L) throw new Error(`expected ${L} scores, got ${scores.length}`);
    const k = options.k ?? L;
    if (!(Number.isInteger(k) && k >= 0)) throw new Error(`k must be a non-negative integer, got ${options.k}`);
    if (k === 1 && !options.labelFilter) {
      // fast path: arg max over all labels, the earliest label wins ties
      let best = 0;
      for (let c = 1; c < L; c++) if (scores[c]! > scores[best]!) best = c;
      return [{ label: this.labels[best]!, score: scores[best]! }];
    }
    let idx: number[];
    if (options.labelFilter) {
      const seen = new Set<number>();
      idx = [];
      for (const label of options.labelFilter) {
        const i = this.labelIndex.get(label);
        if (i === undefined) throw new Error(`labelFilter contains unknown label ${JSON.stringify(label)}; model labels: ${this.labels.join(', ')}`);
        if (!seen.has(i)) {
          seen.add(i);
          idx.push(i);
        }
      }
    } else {
      idx = Array.from({ length: L }, (_, i) => i);
    }
    if (k === 1) {
      // fast path: arg max, first (lowest label index) wins ties
      let best = -1;
      for (const i of idx) if (best < 0 || scores[i]! > scores[best]! || (scores[i] === scores[best] && i < best)) best = i;
      return best < 0 ? [] : [{ label: this.labels[best]!, score: scores[best]! }];
    }
    idx.sort((a, b) => scores[b]! - scores[a]! || a - b);
    if (idx.length > k) idx.length = k;
    return idx.map((i) => ({ label: this.labels[i]!, score: scores[i]! }));
  }

  predict(texts: string[], options?: PredictOptions): Prediction[][] {
    if (!Array.isArray(texts)) throw new Error('predict expects an array of texts');
    const out = new Array<Prediction[]>(texts.length);
    for (let i = 0; i < texts.length; i++) out[i] = this.rank(this.scoreText(texts[i]!), options);
    return out;
  }

  /** @internal canonical key of this model's feature spec */
  get featureKey(): string {
    return this.vocab.featureKey;
  }
}

/** out[0..L) += a * W[off..off+L), unrolled by 4 (about 1.5x faster in V8 than the plain loop). */
export function axpy(a: number, W: Float32Array, off: number, out: Float64Array, L: number): void {
  let c = 0;
  for (; c + 4 <= L; c += 4) {
    out[c]! += a * W[off + c]!;
    out[c + 1]! += a * W[off + c + 1]!;
    out[c + 2]! += a * W[off + c + 2]!;
    out[c + 3]! += a * W[off + c + 3]!;
  }
  for (; c < L; c++) out[c]! += a * W[off + c]!;
}

/** z / T -> softmax or sigmoids, as float32. */
export function probabilities(z: Float64Array, temperature: number, multiLabel: boolean): Float32Array {
  return probabilitiesInto(z, z.length, temperature, multiLabel, new Float32Array(z.length));
}

/** softmax numerators, reused */
let expBuf = new Float64Array(256);

/** @internal probabilities of z[0..L) into `p` (the arithmetic of `probabilities`: exp((z - max) / T) / sum, or sigmoid(z / T)) */
export function probabilitiesInto(z: Float64Array, L: number, temperature: number, multiLabel: boolean, p: Float32Array): Float32Array {
  if (multiLabel) {
    for (let c = 0; c < L; c++) p[c] = 1 / (1 + Math.exp(-z[c]! / temperature));
    return p;
  }
  let max = -Infinity;
  for (let c = 0; c < L; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  if (expBuf.length < L) expBuf = new Float64Array(L);
  const e = expBuf;
  for (let c = 0; c < L; c++) sum += e[c] = Math.exp((z[c]! - max) / temperature);
  for (let c = 0; c < L; c++) p[c] = e[c]! / sum;
  return p;
}

/**
 * Probabilities in label order for several models over the same texts, as
 * `[model][text]`. Each text is featurized once per distinct feature spec and
 * resolved (table lookups, tf-idf, norms) once per shared vocabulary; each
 * model then only adds its own weight rows.
 */
export function scoreMany(
  models: readonly Classifier[],
  texts: readonly string[],
  /** called with each text's features and the scores of the models (indices into `models`) just computed from them, for work that needs them too (scope scoring) */
  onFeatures?: (text: number, features: TextFeatures, scored: readonly { model: number; scores: Float32Array }[]) => void,
): Float32Array[][] {
  // one group per distinct feature spec, subdivided per vocabulary (in order of first appearance)
  const groups = new Map<string, { spec: FeatureSpec; vocabs: Map<Vocabulary, number[]> }>();
  const out: Float32Array[][] = models.map(() => new Array<Float32Array>(texts.length));
  models.forEach((model, i) => {
    const key = model.featureKey;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { spec: model.featureSpec, vocabs: new Map() }));
    const list = g.vocabs.get(model.vocab);
    if (list) list.push(i);
    else g.vocabs.set(model.vocab, [i]);
  });
  const res: Resolved = { rows: new Int32Array(0), vals: new Float64Array(0), m: 0 };
  // this call's own raw buffer: onFeatures may featurize or predict (which use the shared one) in between
  const raw = new RawFeatures();
  for (const { spec, vocabs } of groups.values()) {
    for (let t = 0; t < texts.length; t++) {
      extractRaw(texts[t]!, spec, raw);
      let f: TextFeatures | null = null;
      for (const [vocab, members] of vocabs) {
        vocab.resolveRaw(raw, res);
        for (const i of members) {
          const model = models[i]!;
          out[i]![t] = model.scoresResolved(res, new Float32Array(model.labels.length));
        }
        if (onFeatures) {
          // reorders raw.ids: the same values, so the next vocabulary resolves them the same
          f ??= featuresFromRaw(raw);
          onFeatures(t, f, members.map((i) => ({ model: i, scores: out[i]![t]! })));
        }
      }
    }
  }
  return out;
}

/** Several models over the same texts, ranked per model options: `[model][text][prediction]` (see scoreMany). */
export function predictMany(
  models: { model: Classifier; options?: PredictOptions }[],
  texts: string[],
): Prediction[][][] {
  const scores = scoreMany(
    models.map((m) => m.model),
    texts,
  );
  return models.map(({ model, options }, i) => scores[i]!.map((s) => model.rank(s, options)));
}
