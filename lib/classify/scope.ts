// Out of scope: how unlike a model's training data a text is, from a small profile stored with the model version.
//
// Two statistics per text, each read against its distribution on in-domain texts the model did not learn from:
//   coverage    share of the text's distinct word n-gram buckets seen in training (an unknown word lowers it)
//   confidence  the top calibrated probability (softmax p1; multi-label: the largest sigmoid)
// Each becomes a lower-tail p-value p = (1 + n·F(x)) / (n + 1), with F the in-domain CDF (quantile knots) and n the
// reference size, and they are combined as Fisher's statistic s = −ln p_coverage − ln p_confidence. A text is out of
// scope when s exceeds the threshold that flags `targetRate` (default 3 %) of the reference texts; its score is the
// share of reference texts with a smaller s (in-domain texts spread evenly over [0, 1], higher = more unlike).
// bench/scope.ts compared this with each statistic alone, the margin, the max logit and the energy (docs/benchmarks.md,
// "Out of scope"): coverage catches other domains and other vocabularies, confidence the near-domain queries the
// vocabulary does not tell apart, and the combination was the only candidate good at both. The max logit and the
// energy rank near-domain queries a little better but have no honest reference here (next paragraph).
//
// The reference has to be texts the model did not learn from, and `train` refits its returned model on every example,
// held-out split included: scored by that model, the held-out texts look far more in scope than new ones. So the
// profile takes the held-out split with the scores of the model that did not see it (TrainResult.heldOutScores), and
// computes coverage leaving the text itself out: a bucket counts as known only if some other training text has it,
// read from the idf (idf = ln((1 + N) / (1 + df)) + 1 gives each row's document frequency df back, given N).

import { featurize, type TextFeatures } from './features';
import type { Classifier } from './model';
import type { TrainResult } from './train';

export const SCOPE_PROFILE_VERSION = 1;

/** Probabilities at which each distribution is kept, dense in both tails (where the p-values and the threshold live). */
const KNOTS = [
  0, 0.002, 0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.925,
  0.95, 0.96, 0.97, 0.98, 0.99, 0.995, 0.998, 1,
];

/** What a model version's training texts looked like: JSON-serialisable, about 1 KB, the same for the same inputs. */
export interface ScopeProfile {
  version: typeof SCOPE_PROFILE_VERSION;
  /** the classifier it belongs to (checked when scoring) */
  model: { labels: number; multiLabel: boolean; rows: number; trainedOn: number };
  /** in-domain reference texts the distributions were measured on */
  n: number;
  /** share of reference texts meant to be flagged */
  targetRate: number;
  /** share of reference texts flagged at `threshold` (≤ targetRate; ties and a small n make it lower) */
  referenceRate: number;
  /** Fisher statistic above which a text is out of scope */
  threshold: number;
  /** probabilities of the quantile knots below */
  knots: number[];
  /** quantiles of coverage, confidence and the combined statistic on the reference, one per knot */
  coverage: number[];
  confidence: number[];
  combined: number[];
}

export interface ScopeScore {
  /** share of in-domain reference texts that look more in scope than this one, in [0, 1] (higher = more unlike) */
  score: number;
  /** the combined statistic is above the profile's threshold */
  outOfScope: boolean;
  /** share of the text's distinct word n-grams the model saw in training (0 for a text without words) */
  coverage: number;
  /** top calibrated probability */
  confidence: number;
}

/** An in-domain text for the reference, with the calibrated scores of a model that did not train on it. */
export interface ScopeHeldOut {
  text: string;
  /** label order, from a model that did not train on `text` (TrainResult.heldOutScores); without them the text must be
   * one the classifier did not train on, and the classifier's own scores are used */
  scores?: ArrayLike<number>;
}

export interface ScopeProfileOptions {
  /** share of in-domain held-out texts to flag, in (0, 0.5] (default 0.03) */
  targetRate?: number;
}

/**
 * The scope profile of `classifier`.
 * `trainTexts`: every text it was fit on (`train`'s examples, duplicates included: their count is N).
 * `heldOut`: in-domain texts for the reference. A plain string is a text the classifier did not train on (a separate
 * validation set). Train's held-out split was trained on (the returned model is refit on every example): pass each
 * of its texts with the scores of the model that did not see it, as `TrainResult.heldOutScores` carries them (see
 * scopeProfileFromTraining); its coverage is then computed leaving the text out.
 */
export function scopeProfile(
  classifier: Classifier,
  trainTexts: readonly string[],
  heldOut: readonly (string | ScopeHeldOut)[],
  options: ScopeProfileOptions = {},
): ScopeProfile {
  const targetRate = options.targetRate ?? 0.03;
  if (!(targetRate > 0 && targetRate <= 0.5)) throw new Error(`scopeProfile: targetRate must be in (0, 0.5], got ${targetRate}`);
  const { coverage: cov, confidence: conf } = scopeReference(classifier, trainTexts, heldOut);
  const n = cov.length;
  const L = classifier.labels.length;
  const N = trainTexts.length;
  const covSorted = Float64Array.from(cov).sort();
  const confSorted = Float64Array.from(conf).sort();
  const coverage = KNOTS.map((p) => round(quantile(covSorted, p)));
  const confidence = KNOTS.map((p) => round(quantile(confSorted, p)));
  // the combined statistic of the reference, through the stored (rounded) knots, exactly as scopeScore computes it
  const tables = { n, knots: KNOTS, coverage, confidence };
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = combinedStatistic(tables, cov[i]!, conf[i]!);
  const sSorted = Float64Array.from(s).sort();
  // the smallest reference value with at most targetRate of the reference above it
  const threshold = sSorted[Math.max(0, Math.ceil((1 - targetRate) * n) - 1)]!;
  let flagged = 0;
  for (let i = 0; i < n; i++) if (s[i]! > threshold) flagged++;
  return {
    version: SCOPE_PROFILE_VERSION,
    model: { labels: L, multiLabel: classifier.multiLabel, rows: classifier.rows, trainedOn: N },
    n,
    targetRate,
    referenceRate: round(flagged / n),
    threshold,
    knots: KNOTS.slice(),
    coverage,
    confidence,
    combined: KNOTS.map((p) => round(quantile(sSorted, p))),
  };
}

/**
 * @internal The reference values scopeProfile summarises: coverage (leave-one-out for training texts) and confidence
 * of each held-out item, in input order (bench/scope.ts).
 */
export function scopeReference(
  classifier: Classifier,
  trainTexts: readonly string[],
  heldOut: readonly (string | ScopeHeldOut)[],
): { coverage: Float64Array; confidence: Float64Array } {
  if (!Array.isArray(trainTexts) || trainTexts.length === 0) throw new Error('scopeProfile: trainTexts must be the (non-empty) texts the classifier was trained on');
  if (!Array.isArray(heldOut) || heldOut.length === 0) throw new Error('scopeProfile: needs at least one held-out text');
  const loo = leaveOneOut(classifier, trainTexts.length);
  const seen = new Set(trainTexts);
  const L = classifier.labels.length;
  const coverage = new Float64Array(heldOut.length);
  const confidence = new Float64Array(heldOut.length);
  let plain = 0, plainSeen = 0;
  heldOut.forEach((h, i) => {
    const text = typeof h === 'string' ? h : h?.text;
    if (typeof text !== 'string') throw new Error(`scopeProfile: held-out item ${i} must be a string or { text, scores? }`);
    const given = typeof h === 'string' ? undefined : h.scores;
    if (given && given.length !== L) throw new Error(`scopeProfile: held-out item ${i} has ${given.length} scores, the classifier ${L} labels`);
    const inTraining = seen.has(text);
    if (!given) {
      plain++;
      if (inTraining) plainSeen++;
    }
    const f = featurize(text, classifier.featureSpec);
    // A plain string is a text the classifier did not learn from; if it equals a training text (duplicates across
    // splits happen), a new copy of it would be scored exactly so. A text with scores was learned from: leave it out.
    coverage[i] = coverageOf(classifier, f, given && inTraining ? loo : null);
    confidence[i] = confidenceOf(given ?? classifier.scores(f));
  });
  if (plainSeen > 0 && plainSeen >= plain / 2) {
    throw new Error(
      `scopeProfile: ${plainSeen} of ${plain} held-out texts are training texts; for train's held-out split pass the scores of the model ` +
        'that did not train on them (TrainResult.heldOutScores, see scopeProfileFromTraining)',
    );
  }
  return { coverage, confidence };
}

/**
 * The profile of a model `train` returned: its training examples and its held-out split with the held-out model's
 * scores. Needs the held-out split (`holdoutFraction` > 0, the default).
 */
export function scopeProfileFromTraining(
  result: Pick<TrainResult, 'model' | 'heldOutScores'>,
  examples: readonly { text: string }[],
  options?: ScopeProfileOptions,
): ScopeProfile {
  if (result.heldOutScores.length === 0) throw new Error('scopeProfileFromTraining: the model was trained without a held-out split');
  const heldOut = result.heldOutScores.map(({ index, scores }) => ({ text: examples[index]!.text, scores }));
  return scopeProfile(result.model, examples.map((e) => e.text), heldOut, options);
}

/**
 * How unlike the training data one text is, from features the caller already computed (`featurize` with the
 * classifier's spec) and, if at hand, the classifier's scores for them (else they are computed here).
 */
export function scopeScore(profile: ScopeProfile, classifier: Classifier, features: TextFeatures, scores?: ArrayLike<number>): ScopeScore {
  checkModel(profile, classifier);
  if (scores && scores.length !== classifier.labels.length) throw new Error(`scopeScore: ${scores.length} scores for ${classifier.labels.length} labels`);
  const coverage = coverageOf(classifier, features, null);
  const confidence = confidenceOf(scores ?? classifier.scores(features));
  const s = combinedStatistic(profile, coverage, confidence);
  return { score: cdfBelow(profile.knots, profile.combined, s), outOfScope: s > profile.threshold, coverage, confidence };
}

/** scopeScore for a text (featurizes and scores it). */
export function scopeScoreText(profile: ScopeProfile, classifier: Classifier, text: string): ScopeScore {
  return scopeScore(profile, classifier, featurize(text, classifier.featureSpec));
}

/** A stored profile (parsed JSON), checked; throws on anything that is not a version-1 profile. */
export function parseScopeProfile(value: unknown): ScopeProfile {
  const fail = (why: string): never => {
    throw new Error(`not a scope profile: ${why}`);
  };
  if (!value || typeof value !== 'object') fail('not an object');
  const p = value as Record<string, unknown>;
  if (p.version !== SCOPE_PROFILE_VERSION) fail(`unsupported version ${JSON.stringify(p.version)}`);
  const m = p.model as Record<string, unknown> | undefined;
  if (!m || typeof m !== 'object' || typeof m.multiLabel !== 'boolean' || ![m.labels, m.rows, m.trainedOn].every((x) => Number.isInteger(x) && (x as number) >= 0)) fail('bad model');
  for (const k of ['n', 'targetRate', 'referenceRate', 'threshold'] as const) if (typeof p[k] !== 'number' || !Number.isFinite(p[k])) fail(`bad ${k}`);
  if (!((p.n as number) >= 1)) fail('bad n');
  const knots = p.knots;
  if (!isIncreasing(knots, true) || (knots as number[])[0] !== 0 || (knots as number[]).at(-1) !== 1) fail('bad knots');
  const k = (knots as number[]).length;
  for (const key of ['coverage', 'confidence', 'combined'] as const) {
    if (!isIncreasing(p[key], false) || (p[key] as number[]).length !== k) fail(`bad ${key}`);
  }
  return {
    version: SCOPE_PROFILE_VERSION,
    model: { labels: m!.labels as number, multiLabel: m!.multiLabel as boolean, rows: m!.rows as number, trainedOn: m!.trainedOn as number },
    n: p.n as number,
    targetRate: p.targetRate as number,
    referenceRate: p.referenceRate as number,
    threshold: p.threshold as number,
    knots: (knots as number[]).slice(),
    coverage: (p.coverage as number[]).slice(),
    confidence: (p.confidence as number[]).slice(),
    combined: (p.combined as number[]).slice(),
  };
}

/** @internal lower-tail p-values of coverage and confidence and their Fisher statistic (bench/scope.ts) */
export function scopeTails(profile: Pick<ScopeProfile, 'n' | 'knots' | 'coverage' | 'confidence'>, coverage: number, confidence: number): { pCoverage: number; pConfidence: number; statistic: number } {
  const { n, knots } = profile;
  const pCoverage = (1 + n * cdfAtOrBelow(knots, profile.coverage, coverage)) / (n + 1);
  const pConfidence = (1 + n * cdfAtOrBelow(knots, profile.confidence, confidence)) / (n + 1);
  return { pCoverage, pConfidence, statistic: -Math.log(pCoverage) - Math.log(pConfidence) };
}

function combinedStatistic(profile: Pick<ScopeProfile, 'n' | 'knots' | 'coverage' | 'confidence'>, coverage: number, confidence: number): number {
  return scopeTails(profile, coverage, confidence).statistic;
}

/**
 * Share of distinct word-block buckets of `f` that have a row in the classifier. With `loo` (the text is one of the
 * training texts), a bucket counts only if another training text has it too.
 */
function coverageOf(classifier: Classifier, f: TextFeatures, loo: LeaveOneOut | null): number {
  const { table, idf } = classifier.vocab;
  const wordBuckets = classifier.featureSpec.wordBuckets;
  const ids = f.ids;
  let words = 0, known = 0;
  // ids are sorted: the word block comes first
  for (let i = 0; i < ids.length && ids[i]! < wordBuckets; i++) {
    words++;
    const r = table.get(ids[i]!);
    if (r >= 0 && (!loo || idf[r]! < loo.idfOfMinDf)) known++;
  }
  return words === 0 ? 0 : known / words;
}

function confidenceOf(scores: ArrayLike<number>): number {
  let top = 0;
  for (let c = 0; c < scores.length; c++) if (scores[c]! > top) top = scores[c]!;
  return top;
}

interface LeaveOneOut {
  /** rows with an idf at least this high have the smallest document frequency: without this text, they would not be rows */
  idfOfMinDf: number;
}

/**
 * The leave-one-out rule from the idf: df = (1 + N) / e^(idf − 1) − 1 per row. Rows with the smallest df in the
 * vocabulary (1, or train's minCount) disappear when one of their texts is left out. Throws when N does not give
 * whole document frequencies (trainTexts is not the classifier's training set).
 */
function leaveOneOut(classifier: Classifier, N: number): LeaveOneOut {
  const { idf, firstCharRow } = classifier.vocab;
  if (firstCharRow === 0) return { idfOfMinDf: Infinity }; // no word rows: no text has a known word anyway
  let maxIdf = -Infinity, off = 0;
  for (let r = 0; r < firstCharRow; r++) {
    const df = (1 + N) / Math.exp(idf[r]! - 1) - 1;
    if (Math.abs(df - Math.round(df)) > 0.05 + 1e-5 * df || Math.round(df) < 1) off++;
    if (idf[r]! > maxIdf) maxIdf = idf[r]!;
  }
  if (off > Math.max(1, 0.001 * firstCharRow)) {
    throw new Error(`scopeProfile: trainTexts (${N}) is not the set of texts the classifier was trained on (document frequencies do not fit)`);
  }
  // halfway (in idf) between the smallest df and the next one: robust to float32 rounding of the idf
  const minDf = Math.round((1 + N) / Math.exp(maxIdf - 1) - 1);
  return { idfOfMinDf: 1 + Math.log((1 + N) / (1 + minDf + 0.5)) };
}

/** Linear-interpolation quantile (type 7) of sorted values. */
function quantile(sorted: Float64Array, p: number): number {
  const h = p * (sorted.length - 1);
  const lo = Math.floor(h), hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** F(v) = P(X ≤ v) from quantile knots: right-continuous, linear between distinct knot values. */
function cdfAtOrBelow(knots: readonly number[], values: readonly number[], v: number): number {
  const k = values.length;
  if (v < values[0]!) return 0;
  if (v >= values[k - 1]!) return 1;
  let j = 0; // the last knot with values[j] <= v
  while (j + 1 < k && values[j + 1]! <= v) j++;
  return knots[j]! + ((knots[j + 1]! - knots[j]!) * (v - values[j]!)) / (values[j + 1]! - values[j]!);
}

/** P(X < v) from quantile knots: left-continuous (a tie at the bottom scores 0). */
function cdfBelow(knots: readonly number[], values: readonly number[], v: number): number {
  const k = values.length;
  if (v <= values[0]!) return 0;
  if (v > values[k - 1]!) return 1;
  let j = k - 1; // the first knot with values[j] >= v
  while (j > 0 && values[j - 1]! >= v) j--;
  return knots[j - 1]! + ((knots[j]! - knots[j - 1]!) * (v - values[j - 1]!)) / (values[j]! - values[j - 1]!);
}

function checkModel(profile: ScopeProfile, classifier: Classifier): void {
  const m = profile.model;
  if (m.labels !== classifier.labels.length || m.rows !== classifier.rows || m.multiLabel !== classifier.multiLabel) {
    throw new Error(
      `scope profile belongs to another model (${m.labels} labels, ${m.rows} rows; this one has ${classifier.labels.length} labels, ${classifier.rows} rows)`,
    );
  }
}

function isIncreasing(a: unknown, strict: boolean): boolean {
  if (!Array.isArray(a) || a.length < 2) return false;
  for (let i = 0; i < a.length; i++) {
    if (typeof a[i] !== 'number' || !Number.isFinite(a[i])) return false;
    if (i > 0 && (strict ? a[i] <= a[i - 1] : a[i] < a[i - 1])) return false;
  }
  return true;
}

/** Six significant digits: a compact, deterministic JSON. */
function round(x: number): number {
  return Number(x.toPrecision(6));
}
