// Quantification: the share of each label in a set of texts, estimated from a classifier's outputs and its
// evaluation on held-out data. Counting top labels is biased whenever the model errs unevenly or the mix of
// labels differs from the one it learned from (Forman 2008); these estimators correct for it.
//
//   cc    classify and count: share of top labels over the counted rows (the plain breakdown)
//   pcc   probabilistic classify and count: mean probability over all rows
//   acc   adjusted classify and count (Forman 2008): the pi on the simplex minimising || M^T pi - c ||, with
//         c the observed shares of top labels (plus "not counted") and M[j][c] = P(top = c | true = j)
//         measured on the evaluation set
//   pacc  probabilistic ACC: the same with c = mean probabilities and M[j][k] = the mean probability of k over
//         evaluation rows of true label j
//   em    prior adjustment by EM (Saerens, Latinne & Decaestecker 2002): reweight each row's probabilities by
//         pi / pi_train and renormalise, until the mean of the reweighted probabilities is pi again
//   em-shrunk  PCC + w (EM - PCC): EM as far as the sample shows a shift. w = max(0, 1 - df / LR), LR the
//         likelihood-ratio statistic of EM's mix against the training mix (about chi-square with df = labels - 1
//         when nothing shifted, so w ~ 0 and the estimate is the mean probability, the best estimator without a
//         shift; a strong shift gives LR >> df and w ~ 1). A positive-part James-Stein-style shrinkage: EM alone
//         is noisier than counting when the mix has not moved (bench/quantification.ts).
//
// Intervals. A method's own interval is a percentile bootstrap: each of `resamples` rounds resamples the
// evaluation set (within each true label, so M is re-measured from as many examples as it was) and the
// sample, and re-estimates. To keep 200 rounds over 10,000 rows x 77 labels well under a second, three
// first-order shortcuts are taken, each the large-sample limit of the plain bootstrap:
//   - ACC / PACC rounds take one linearised step from the point solution (same face of the simplex) instead
//     of a fresh solve;
//   - from EM_ROUNDS_BELOW_ROWS_PER_LABEL rows a label, EM's interval is estimate +- z sd with the covariance
//     its bootstrap converges to, the inverse observed information of the mixture weights; below, each round
//     re-runs EM from the estimate (EM uses no evaluation rows, so only the sample is resampled);
//     em-shrunk's interval is EM's, stretched to contain its estimate;
//   - above EXACT_RESAMPLING_ROWS sample rows, a round's mean probability vector is drawn from its normal
//     limit; covariances are averaged over at most MOMENT_ROWS rows.
// What estimateShares reports by default is the "envelope": the hull of the chosen method's, EM's and PACC's
// own intervals. EM's own interval carries sampling noise only (it trusts the model's calibration) and
// undercovers for weaker models under a strong shift; PACC's carries how uncertain the evaluation set leaves
// each label's behaviour, which is where EM's errors come from. The price is width: with ~10 evaluation rows
// a label, a label pushed to 50 % of 1,000 rows gets an interval 14-27 points wide (bench/quantification.ts).
//
// Multi-label models: each label is its own binary problem (present / absent, decided at `threshold`), with
// the same estimators on 2 x 2 systems (ACC and PACC then reduce to Forman's (observed - fpr) / (tpr - fpr)),
// and shares that need not sum to 1; em-shrunk weighs each label by its own statistic (1 degree of freedom).
//
// Pure functions over plain arrays; no I/O. Seeded (lib/classify/rng.ts): same inputs, same output.

import { Rng } from './rng';

export const QUANTIFICATION_METHODS = ['cc', 'pcc', 'acc', 'pacc', 'em', 'em-shrunk'] as const;
export type QuantificationMethod = (typeof QUANTIFICATION_METHODS)[number];

/** 'bootstrap': the method's own percentile interval; 'envelope': hull of the method's, EM's and PACC's. */
export type IntervalKind = 'envelope' | 'bootstrap';

/** The texts whose label shares are wanted: one probability vector per row, in model label order. */
export interface QuantificationSample {
  probs: readonly ArrayLike<number>[];
  /**
   * Single-label: the top label index per row, or -1 for a row that is not counted (below the model's
   * threshold: "Uncertain"). Default: arg max of `probs`, the earliest label winning ties (as Classifier.rank).
   */
  top?: ArrayLike<number>;
}

/** The model's held-out evaluation: the true labels and the probabilities the model gave those rows. */
export interface QuantificationEvaluation {
  /** single-label: the true label index per row; multi-label: the true label indices of each row */
  truth: ArrayLike<number> | readonly (readonly number[])[];
  probs: readonly ArrayLike<number>[];
  /** as QuantificationSample.top; must follow the same rule as the sample's (same threshold) */
  top?: ArrayLike<number>;
}

export interface EmOptions {
  /** stop when no share moves more than this in an iteration (default 1e-6) */
  tolerance?: number;
  /** default 1000 */
  maxIterations?: number;
}

export interface QuantificationOptions {
  /** default: chooseEstimator(summarizeEvaluation(evaluation)).method */
  method?: QuantificationMethod;
  /** default 'envelope' */
  interval?: IntervalKind;
  multiLabel?: boolean;
  /** multi-label: a label counts as present at or above this probability (default 0.5) */
  threshold?: number;
  /** interval level (default 0.9) */
  level?: number;
  /** bootstrap rounds (default 200); 0 = no interval ([estimate, estimate]) */
  resamples?: number;
  /** default 1 */
  seed?: number;
  /**
   * The label distribution the probabilities are calibrated to (the training mix), for EM. Default: the
   * evaluation set's label frequencies (a stratified split of the training data has the training mix).
   */
  trainingPrior?: ArrayLike<number>;
  em?: EmOptions;
}

export interface LabelShare {
  /** classify and count: share of the counted rows whose top label this is */
  share: number;
  /** the estimated true share, by `method` */
  estimate: number;
  /** `level` interval for the true share; always contains `estimate` */
  interval: [number, number];
}

export interface ShareEstimates {
  method: QuantificationMethod;
  interval: IntervalKind;
  /** rows in the sample; `counted` of them have a top label (the rest are "Uncertain") */
  n: number;
  counted: number;
  /** per label, in model label order */
  labels: LabelShare[];
  level: number;
  resamples: number;
  /** rows in the evaluation the correction was measured on */
  evaluationSize: number;
  /** how the numbers were computed, in a sentence (for a tooltip) */
  description: string;
  /**
   * em-shrunk, single-label: the likelihood-ratio statistic of EM's mix against the training mix, its degrees of
   * freedom, and the weight w given to EM over PCC
   */
  shift?: { statistic: number; degreesOfFreedom: number; weight: number };
}

/** What the chooser needs to know about a model's evaluation. */
export interface EvaluationSummary {
  /** rows in the held-out evaluation */
  n: number;
  /** held-out accuracy (single-label: top label correct; multi-label: subset accuracy) */
  accuracy: number;
  /** number of labels */
  labels: number;
}

export interface EstimatorChoice {
  method: QuantificationMethod;
  reason: string;
}

// ---------------------------------------------------------------------------------------------------------
// The chooser

/** Below this many held-out rows per label the evaluation says too little to correct with. */
export const MIN_EVALUATION_PER_LABEL = 2;

/**
 * The estimator for a model, from its evaluation. The rule is read off bench/quantification.ts
 * (docs/benchmarks.md, "Quantification (estimated shares)"): for models of 0.74 to 0.95 held-out accuracy
 * with 77 and 150 labels and ~1,000 evaluation rows, EM had the lowest error of the five classic estimators
 * whenever one label was pushed to 30-50 %, but was 15-25 % worse than counting when nothing had shifted;
 * em-shrunk is as good as EM under those shifts and within a few % of counting without one, at every
 * accuracy measured, so it is the default. Counting is kept where there is no usable evaluation.
 */
export function chooseEstimator(summary: EvaluationSummary): EstimatorChoice {
  const { n, labels } = summary;
  if (!(n > 0)) return { method: 'cc', reason: 'no held-out evaluation: the plain counts' };
  if (n < MIN_EVALUATION_PER_LABEL * labels) {
    return { method: 'cc', reason: `${n} held-out rows for ${labels} labels (< ${MIN_EVALUATION_PER_LABEL} a label): too few to correct with; the plain counts` };
  }
  return { method: 'em-shrunk', reason: `EM prior adjustment, shrunk toward the mean probability where the sample shows no clear shift: the lowest error measured at every accuracy (held-out accuracy here ${summary.accuracy.toFixed(2)}, ${n} rows)` };
}

/** n, accuracy and number of labels of an evaluation: the chooser's input. */
export function summarizeEvaluation(evaluation: QuantificationEvaluation, options: { multiLabel?: boolean; threshold?: number } = {}): EvaluationSummary {
  const ev = prepareEvaluation(evaluation, undefined, options.multiLabel ?? false, options.threshold ?? 0.5);
  return { n: ev.n, accuracy: ev.accuracy, labels: ev.L };
}

// ---------------------------------------------------------------------------------------------------------
// Building blocks

/** Euclidean projection of `v` onto the probability simplex {x >= 0, sum x = 1} (Duchi et al. 2008). */
export function projectToSimplex<T extends Float64Array>(v: ArrayLike<number>, out: T = new Float64Array(v.length) as T, scratch?: Float64Array): T {
  const n = v.length;
  if (n === 0) return out;
  const u = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = v[i]!;
  u.sort();
  // the largest k entries stay positive, shifted down by theta
  let sum = 0;
  let theta = 0;
  for (let k = 1; k <= n; k++) {
    const uk = u[n - k]!;
    sum += uk;
    const t = (sum - 1) / k;
    if (uk - t > 0) theta = t;
    else break;
  }
  for (let i = 0; i < n; i++) out[i] = Math.max(0, v[i]! - theta);
  return out;
}

export interface SimplexSolveOptions {
  /** starting point (projected onto the simplex); default uniform */
  start?: ArrayLike<number>;
  /** stop when no coordinate moves more than this in an iteration (default 1e-7) */
  tolerance?: number;
  /** default 2000 */
  maxIterations?: number;
}

/**
 * argmin over the probability simplex of || M^T x - b ||^2, with M an L x C row-major matrix (row j: how
 * rows of true label j are observed) and b of length C. Accelerated projected gradient (FISTA with adaptive
 * restart); the step is 1 / (max row sum x max column sum of |M|), an upper bound of ||M||_2^2, so it never
 * diverges. A least-squares solve on the simplex, not an inverse: it has an answer when M is singular or
 * noisy, and never a negative share.
 */
export function solveOnSimplex(M: ArrayLike<number>, L: number, C: number, b: ArrayLike<number>, options: SimplexSolveOptions = {}): { x: Float64Array; iterations: number } {
  if (M.length !== L * C || b.length !== C) throw new Error(`solveOnSimplex: M must be ${L} x ${C} and b of length ${C}`);
  const tol = options.tolerance ?? 1e-7;
  const maxIt = options.maxIterations ?? 2000;
  let rowMax = 0;
  const colSum = new Float64Array(C);
  for (let j = 0; j < L; j++) {
    let s = 0;
    for (let c = 0; c < C; c++) {
      const m = Math.abs(M[j * C + c]!);
      s += m;
      colSum[c]! += m;
    }
    if (s > rowMax) rowMax = s;
  }
  let colMax = 0;
  for (let c = 0; c < C; c++) if (colSum[c]! > colMax) colMax = colSum[c]!;
  let x = new Float64Array(L);
  if (options.start) projectToSimplex(options.start, x);
  else x.fill(1 / L);
  const lip = rowMax * colMax;
  if (!(lip > 0)) return { x, iterations: 0 };
  const step = 1 / lip;
  let prev = new Float64Array(L);
  const y = Float64Array.from(x);
  const r = new Float64Array(C);
  const g = new Float64Array(L);
  const scratch = new Float64Array(L);
  let t = 1;
  let it = 0;
  while (it < maxIt) {
    it++;
    for (let c = 0; c < C; c++) r[c] = -b[c]!;
    for (let j = 0; j < L; j++) {
      const yj = y[j]!;
      if (yj === 0) continue;
      const off = j * C;
      for (let c = 0; c < C; c++) r[c]! += M[off + c]! * yj;
    }
    for (let j = 0; j < L; j++) {
      const off = j * C;
      let s = 0;
      for (let c = 0; c < C; c++) s += M[off + c]! * r[c]!;
      g[j] = y[j]! - step * s;
    }
    const swap = prev;
    prev = x;
    x = projectToSimplex(g, swap, scratch);
    let moved = 0;
    let restart = 0;
    for (let j = 0; j < L; j++) {
      const d = x[j]! - prev[j]!;
      if (Math.abs(d) > moved) moved = Math.abs(d);
      restart += (y[j]! - x[j]!) * d;
    }
    if (moved < tol) break;
    if (restart > 0) {
      // momentum points uphill: drop it (O'Donoghue & Candès 2015)
      t = 1;
      y.set(x);
    } else {
      const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
      const beta = (t - 1) / tNext;
      for (let j = 0; j < L; j++) y[j] = x[j]! + beta * (x[j]! - prev[j]!);
      t = tNext;
    }
  }
  return { x, iterations: it };
}

/**
 * EM prior adjustment (Saerens et al. 2002) over `n` rows of L probabilities (row-major `probs`) calibrated
 * to the label distribution `prior`: the label distribution of the rows, starting from `prior`.
 */
export function emPriorAdjustment(probs: ArrayLike<number>, n: number, L: number, prior: ArrayLike<number>, options: EmOptions = {}): { prior: Float64Array; iterations: number } {
  if (probs.length !== n * L || prior.length !== L) throw new Error(`emPriorAdjustment: probs must be ${n} x ${L} and prior of length ${L}`);
  return em(probs, n, L, prior, prior, null, options.tolerance ?? 1e-6, options.maxIterations ?? 1000);
}

/** EM from `start`, rows weighted by counts `w` (null: all 1). */
function em(probs: ArrayLike<number>, n: number, L: number, prior: ArrayLike<number>, start: ArrayLike<number>, w: Float64Array | null, tol: number, maxIt: number): { prior: Float64Array; iterations: number } {
  const inv = new Float64Array(L);
  for (let k = 0; k < L; k++) inv[k] = 1 / Math.max(prior[k]!, 1e-12);
  let pi = Float64Array.from(start);
  if (n === 0) return { prior: pi, iterations: 0 };
  let next = new Float64Array(L);
  const ratio = new Float64Array(L);
  let it = 0;
  while (it < maxIt) {
    it++;
    for (let k = 0; k < L; k++) ratio[k] = pi[k]! * inv[k]!;
    next.fill(0);
    let rows = 0;
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i]! : 1;
      if (wi === 0) continue;
      const off = i * L;
      let s = 0;
      for (let k = 0; k < L; k++) s += probs[off + k]! * ratio[k]!;
      if (!(s > 0)) continue;
      rows += wi;
      const f = wi / s;
      for (let k = 0; k < L; k++) next[k]! += probs[off + k]! * f;
    }
    let moved = 0;
    for (let k = 0; k < L; k++) {
      const v = rows > 0 ? (next[k]! * ratio[k]!) / rows : pi[k]!;
      moved = Math.max(moved, Math.abs(v - pi[k]!));
      next[k] = v;
    }
    const swap = pi;
    pi = next;
    next = swap;
    if (moved < tol) break;
  }
  return { prior: pi, iterations: it };
}

// ---------------------------------------------------------------------------------------------------------
// The estimator

/**
 * The estimated share of each label in `sample`, with an interval: by `options.method` (default: the
 * chooser's pick for this evaluation), the interval by `options.interval` (default 'envelope').
 */
export function estimateShares(sample: QuantificationSample, evaluation: QuantificationEvaluation, options: QuantificationOptions = {}): ShareEstimates {
  const method = options.method ?? chooseEstimator(summarizeEvaluation(evaluation, options)).method;
  return estimateSharesByMethod(sample, evaluation, [method], options)[method]!;
}

/** estimateShares for several methods from the same bootstrap rounds (for comparisons: the bench, a tooltip). */
export function estimateSharesByMethod(
  sample: QuantificationSample, evaluation: QuantificationEvaluation, methods: readonly QuantificationMethod[], options: QuantificationOptions = {},
): Partial<Record<QuantificationMethod, ShareEstimates>> {
  const multiLabel = options.multiLabel ?? false;
  const threshold = options.threshold ?? 0.5;
  const level = options.level ?? 0.9;
  const B = options.resamples ?? 200;
  const kind = options.interval ?? 'envelope';
  if (!(level > 0 && level < 1)) throw new Error(`level must be in (0, 1), got ${level}`);
  if (!(Number.isInteger(B) && B >= 0)) throw new Error(`resamples must be a non-negative integer, got ${B}`);
  if (kind !== 'envelope' && kind !== 'bootstrap') throw new Error(`interval must be 'envelope' or 'bootstrap', got ${JSON.stringify(kind)}`);
  for (const m of methods) if (!QUANTIFICATION_METHODS.includes(m)) throw new Error(`unknown quantification method ${JSON.stringify(m)}`);
  const L = labelCount(sample, evaluation, options.trainingPrior);
  const ev = prepareEvaluation(evaluation, L, multiLabel, threshold);
  const sm = prepareSample(sample, L, multiLabel, threshold);
  const needsEvaluation = methods.some((m) => m === 'acc' || m === 'pacc' || ((m === 'em' || m === 'em-shrunk') && !options.trainingPrior));
  if (needsEvaluation && ev.n === 0) throw new Error('estimateShares: acc, pacc and em need a held-out evaluation with at least one row (or, for em, a trainingPrior)');
  // the envelope needs EM's and PACC's own intervals (when there is an evaluation to measure PACC with)
  const envelopeWith: QuantificationMethod[] = kind === 'envelope' && ev.n > 0 && B > 0 ? ['em', 'pacc'] : [];
  // em-shrunk's own interval is built from EM's, so EM's comes first
  const intervals = [...new Set<QuantificationMethod>([...(methods.includes('em-shrunk') ? ['em' as const] : []), ...methods, ...envelopeWith])];
  const stats = bootstrap(methods, intervals, sm, ev, trainingPrior(options.trainingPrior, ev), { B, level, seed: options.seed ?? 1, em: options.em ?? {} });
  const out: Partial<Record<QuantificationMethod, ShareEstimates>> = {};
  for (const m of methods) {
    const estimate = stats.point[m]!;
    const labels: LabelShare[] = [];
    for (let k = 0; k < L; k++) {
      let lo = Math.min(estimate[k]!, stats.lo[m]![k]!);
      let hi = Math.max(estimate[k]!, stats.hi[m]![k]!);
      // the hull of the own intervals as each method reports them (each contains its estimate)
      for (const e of envelopeWith) {
        lo = Math.min(lo, stats.lo[e]![k]!, stats.point[e]![k]!);
        hi = Math.max(hi, stats.hi[e]![k]!, stats.point[e]![k]!);
      }
      if (sm.n === 0) [lo, hi] = [0, 1];
      labels.push({ share: stats.point.cc![k]!, estimate: estimate[k]!, interval: [lo, hi] });
    }
    out[m] = {
      method: m, interval: kind, n: sm.n, counted: sm.counted, labels, level, resamples: B, evaluationSize: ev.n,
      description: describe(m, kind, envelopeWith.length > 0, level, B, ev.n, multiLabel),
      ...(m === 'em-shrunk' && stats.shift ? { shift: stats.shift } : {}),
    };
  }
  return out;
}

const METHOD_NAMES: Record<QuantificationMethod, string> = {
  cc: 'the share of top labels (classify and count)',
  pcc: 'the mean probability (probabilistic classify and count)',
  acc: 'the counts corrected with the confusion matrix measured on held-out data (adjusted classify and count)',
  pacc: 'the mean probabilities corrected with how the model scored each label on held-out data (probabilistic adjusted classify and count)',
  em: 'the model’s probabilities re-weighted until they agree with the estimated mix (EM prior adjustment, Saerens et al. 2002)',
  'em-shrunk': 'the model’s probabilities re-weighted toward the estimated mix (EM prior adjustment, Saerens et al. 2002) as far as the sample shows a shift away from the training mix, else their mean',
};

function describe(m: QuantificationMethod, kind: IntervalKind, envelope: boolean, level: number, B: number, n: number, multiLabel: boolean): string {
  const pct = `${Math.round(level * 100)} %`;
  const interval = B === 0
    ? 'no interval (no resampling)'
    : envelope
      ? `${pct} interval: spans the bootstrap intervals of this estimate, of EM and of the held-out-corrected mean probabilities (${B} resamples of the ${n} held-out rows and of these rows)`
      : `${pct} interval: bootstrap, ${B} resamples of ${n > 0 ? `the ${n} held-out rows and of ` : ''}these rows`;
  return `Estimated share: ${METHOD_NAMES[m]}${multiLabel ? ', each label as its own yes/no question' : ''}. ${interval}.`;
}

// ---------------------------------------------------------------------------------------------------------
// Internals

interface PreparedEvaluation {
  n: number;
  L: number;
  multiLabel: boolean;
  /** row-major n x L probabilities */
  probs: Float64Array;
  /** single-label: top label per row or -1; multi-label: n x L 0/1 decisions */
  top: Int32Array;
  /** single-label: true label per row; multi-label: n x L 0/1 truth */
  truth: Int32Array;
  /** single-label: rows of each true label (resampled within); multi-label: one group of all rows */
  groups: Int32Array[];
  accuracy: number;
  abstains: boolean;
}

interface PreparedSample {
  n: number;
  probs: Float64Array;
  top: Int32Array;
  counted: number;
  abstains: boolean;
}

function labelCount(s: QuantificationSample, e: QuantificationEvaluation, prior: ArrayLike<number> | undefined): number {
  const L = e.probs[0]?.length ?? s.probs[0]?.length ?? prior?.length;
  if (!L) throw new Error('estimateShares: no probability rows to take the number of labels from (sample and evaluation are empty)');
  return L;
}

function flatten(rows: readonly ArrayLike<number>[], L: number, what: string): Float64Array {
  const out = new Float64Array(rows.length * L);
  rows.forEach((p, i) => {
    if (p.length !== L) throw new Error(`${what}: row ${i} has ${p.length} probabilities, expected ${L}`);
    for (let k = 0; k < L; k++) {
      const v = p[k]!;
      if (!(v >= 0 && v <= 1)) throw new Error(`${what}: row ${i} has a probability outside [0, 1] (${v})`);
      out[i * L + k] = v;
    }
  });
  return out;
}

function decide(probs: Float64Array, n: number, L: number, multiLabel: boolean, threshold: number, given: ArrayLike<number> | undefined, what: string): Int32Array {
  if (multiLabel) {
    const out = new Int32Array(n * L);
    for (let i = 0; i < n * L; i++) out[i] = probs[i]! >= threshold ? 1 : 0;
    return out;
  }
  const out = new Int32Array(n);
  if (given) {
    if (given.length !== n) throw new Error(`${what}: ${given.length} top labels for ${n} rows`);
    for (let i = 0; i < n; i++) {
      const t = given[i]!;
      if (!(Number.isInteger(t) && t >= -1 && t < L)) throw new Error(`${what}: top label ${t} of row ${i} is not a label index or -1`);
      out[i] = t;
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < L; k++) if (probs[i * L + k]! > probs[i * L + best]!) best = k;
    out[i] = best;
  }
  return out;
}

function prepareEvaluation(e: QuantificationEvaluation, labels: number | undefined, multiLabel: boolean, threshold: number): PreparedEvaluation {
  const n = e.probs.length;
  if (e.truth.length !== n) throw new Error(`evaluation: ${e.truth.length} truths for ${n} probability rows`);
  const L = labels ?? e.probs[0]?.length ?? 0;
  const probs = flatten(e.probs, L, 'evaluation');
  const top = decide(probs, n, L, multiLabel, threshold, e.top, 'evaluation');
  const truth = new Int32Array(multiLabel ? n * L : n);
  const groups: number[][] = multiLabel ? [[]] : Array.from({ length: L }, () => []);
  let correct = 0;
  let abstains = false;
  for (let i = 0; i < n; i++) {
    const t: unknown = (e.truth as ArrayLike<unknown>)[i];
    if (multiLabel) {
      if (!Array.isArray(t)) throw new Error(`evaluation: the truth of row ${i} must be an array of label indices (multi-label)`);
      for (const k of t as unknown[]) {
        if (!(typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < L)) throw new Error(`evaluation: true label ${String(k)} of row ${i} is not a label index`);
        truth[i * L + k] = 1;
      }
      let same = true;
      for (let k = 0; k < L; k++) if (truth[i * L + k] !== top[i * L + k]) same = false;
      if (same) correct++;
      groups[0]!.push(i);
    } else {
      if (!(typeof t === 'number' && Number.isInteger(t) && t >= 0 && t < L)) throw new Error(`evaluation: true label ${String(t)} of row ${i} is not a label index`);
      truth[i] = t;
      if (top[i] === t) correct++;
      if (top[i] === -1) abstains = true;
      groups[t]!.push(i);
    }
  }
  return { n, L, multiLabel, probs, top, truth, abstains, groups: groups.map((g) => Int32Array.from(g)), accuracy: n > 0 ? correct / n : 0 };
}

function prepareSample(s: QuantificationSample, L: number, multiLabel: boolean, threshold: number): PreparedSample {
  const n = s.probs.length;
  const probs = flatten(s.probs, L, 'sample');
  const top = decide(probs, n, L, multiLabel, threshold, s.top, 'sample');
  let counted = n;
  if (!multiLabel) for (let i = 0; i < n; i++) if (top[i] === -1) counted--;
  return { n, probs, top, counted, abstains: counted < n };
}

/** The training mix EM adjusts from: given, or the evaluation's label frequencies, kept away from 0 and 1. */
function trainingPrior(given: ArrayLike<number> | undefined, ev: PreparedEvaluation): Float64Array {
  const L = ev.L;
  const p = new Float64Array(L);
  if (given) {
    if (given.length !== L) throw new Error(`trainingPrior has ${given.length} entries, expected ${L}`);
    for (let k = 0; k < L; k++) {
      const v = given[k]!;
      if (!(v >= 0 && v <= 1)) throw new Error(`trainingPrior[${k}] = ${v} is not a share`);
      p[k] = v;
    }
  } else if (ev.multiLabel) {
    for (let i = 0; i < ev.n; i++) for (let k = 0; k < L; k++) p[k]! += ev.truth[i * L + k]! / ev.n;
  } else {
    for (let i = 0; i < ev.n; i++) p[ev.truth[i]!]! += 1 / ev.n;
  }
  // a label absent from the evaluation keeps a little prior mass (EM divides by it)
  const floor = 0.5 / Math.max(ev.n, 1000);
  if (ev.multiLabel) {
    for (let k = 0; k < L; k++) p[k] = Math.min(1 - floor, Math.max(p[k]!, floor));
  } else {
    let sum = 0;
    for (let k = 0; k < L; k++) sum += p[k] = Math.max(p[k]!, floor);
    for (let k = 0; k < L; k++) p[k]! /= sum;
  }
  return p;
}

/** Type-7 quantile of an ascending array. */
/** Type-7 quantile of an ascending array. */
function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5, r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

interface BootstrapOptions {
  B: number;
  level: number;
  seed: number;
  em: EmOptions;
}

type PerMethod = Partial<Record<QuantificationMethod, Float64Array>>;

interface BootstrapResult {
  point: PerMethod;
  lo: PerMethod;
  hi: PerMethod;
  shift?: { statistic: number; degreesOfFreedom: number; weight: number };
}

/** What a problem (single- or multi-label) provides: point estimates, EM's interval, and bootstrap rounds of the rest. */
interface Problem {
  readonly point: PerMethod;
  /** EM's interval from its observed information, for large samples (undefined when em is not wanted) */
  emInterval(level: number): { lo: Float64Array; hi: Float64Array } | undefined;
  /** whether EM's interval comes from bootstrap rounds (small samples) rather than emInterval */
  readonly emByRounds: boolean;
  /** per label, the likelihood-ratio statistic of EM's estimate against the training mix (single-label: one for all) and its degrees of freedom */
  shiftStatistic(): { statistic: Float64Array; df: number };
  /** one bootstrap round of the methods in `which` (em only when emByRounds), sample and evaluation rows weighted by counts */
  round(which: readonly QuantificationMethod[], sWeights: Float64Array, eWeights: Float64Array, rng: Rng): PerMethod;
}

/** Point estimates of `methods` (cc always), and own intervals of the methods in `intervals`. */
function bootstrap(methods: readonly QuantificationMethod[], intervals: readonly QuantificationMethod[], sm: PreparedSample, ev: PreparedEvaluation, prior: Float64Array, o: BootstrapOptions): BootstrapResult {
  const L = ev.L;
  const shrunk = methods.includes('em-shrunk') || intervals.includes('em-shrunk');
  const all = [...new Set<QuantificationMethod>(['cc', ...methods, ...intervals, ...(shrunk ? ['em' as const, 'pcc' as const] : [])])];
  const problem: Problem = ev.multiLabel ? new MultiLabelProblem(all, sm, ev, prior, o.em) : new SingleLabelProblem(all, sm, ev, prior, o.em);
  const point = problem.point;
  let shift: BootstrapResult['shift'];
  if (shrunk) {
    const { statistic, df } = problem.shiftStatistic();
    const weight = statistic.map((lr) => (lr > df ? 1 - df / lr : 0));
    const em = point.em!, pcc = point.pcc!;
    point['em-shrunk'] = em.map((v, k) => pcc[k]! + weight[k]! * (v - pcc[k]!));
    if (!ev.multiLabel) shift = { statistic: statistic[0]!, degreesOfFreedom: df, weight: weight[0]! };
  }
  const lo: PerMethod = {}, hi: PerMethod = {};
  const resampled = intervals.filter((m) => (m !== 'em' || problem.emByRounds) && m !== 'em-shrunk');
  const rounds: PerMethod[] = [];
  if (o.B > 0 && sm.n > 0 && resampled.length > 0) {
    const rng = new Rng(o.seed);
    const sWeights = new Float64Array(sm.n);
    const eWeights = new Float64Array(ev.n);
    // large single-label samples draw their mean probabilities from the normal limit: no row weights needed for pcc / pacc
    const rowWeights = ev.multiLabel || sm.n <= EXACT_RESAMPLING_ROWS || resampled.some((m) => m === 'cc' || m === 'acc' || m === 'em');
    for (let r = 0; r < o.B; r++) {
      if (rowWeights) {
        sWeights.fill(0);
        for (let q = 0; q < sm.n; q++) sWeights[rng.nextInt(sm.n)]!++;
      } else sWeights.fill(1);
      eWeights.fill(0);
      for (const g of ev.groups) for (let q = 0; q < g.length; q++) eWeights[g[rng.nextInt(g.length)]!]!++;
      rounds.push(problem.round(resampled, sWeights, eWeights, rng));
    }
  }
  const col = new Float64Array(rounds.length);
  for (const m of intervals) {
    if (m === 'em-shrunk') {
      // between PCC and EM: EM's interval, stretched to the estimate
      lo[m] = point[m]!.map((v, k) => Math.min(v, lo.em![k]!));
      hi[m] = point[m]!.map((v, k) => Math.max(v, hi.em![k]!));
      continue;
    }
    if (m === 'em' && !problem.emByRounds) {
      const e = o.B > 0 && sm.n > 0 ? problem.emInterval(o.level) : undefined;
      lo.em = e?.lo ?? point.em!;
      hi.em = e?.hi ?? point.em!;
      continue;
    }
    const l = new Float64Array(L), h = new Float64Array(L);
    for (let k = 0; k < L; k++) {
      if (rounds.length === 0) {
        l[k] = h[k] = point[m]![k]!;
        continue;
      }
      for (let r = 0; r < rounds.length; r++) col[r] = rounds[r]![m]![k]!;
      col.sort();
      l[k] = quantile(col, (1 - o.level) / 2);
      h[k] = quantile(col, (1 + o.level) / 2);
    }
    lo[m] = l;
    hi[m] = h;
  }
  return { point, lo, hi, shift };
}

/** Lower Cholesky factor of the symmetric matrix whose lower triangle is in A (n x n row-major), with a ridge that grows until it works. */
function cholesky(A: Float64Array, n: number, ridge: number): Float64Array {
  for (let attempt = 0; attempt < 12; attempt++, ridge = ridge > 0 ? ridge * 100 : 1e-12) {
    const C = new Float64Array(n * n);
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = A[i * n + j]! + (i === j ? ridge : 0);
        for (let k = 0; k < j; k++) s -= C[i * n + k]! * C[j * n + k]!;
        if (i === j) {
          if (!(s > 0)) {
            ok = false;
            break;
          }
          C[i * n + i] = Math.sqrt(s);
        } else C[i * n + j] = s / C[j * n + j]!;
      }
    }
    if (ok) return C;
  }
  throw new Error('quantify: a matrix that should be positive definite is not');
}

/** Solves (C C^T) x = b in place. */
function cholSolve(C: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= C[i * n + k]! * b[k]!;
    b[i] = s / C[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= C[k * n + i]! * b[k]!;
    b[i] = s / C[i * n + i]!;
  }
  return b;
}

/** diag((C C^T)^-1) from a lower Cholesky factor C: the squared column norms of C^-1. */
function inverseDiagonal(C: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    // column j of C^-1: forward substitution of e_j
    col.fill(0);
    for (let i = j; i < n; i++) {
      let s = i === j ? 1 : 0;
      for (let k = j; k < i; k++) s -= C[i * n + k]! * col[k]!;
      col[i] = s / C[i * n + i]!;
    }
    for (let i = j; i < n; i++) out[i]! += col[i]! * col[i]!;
  }
  return out;
}

const clip01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * EM's sampling noise from the observed information of the mixture weights. At EM's fixed point pi, with
 * u_i = a_i / (a_i . pi) for a_ik = p_ik / prior_k, a resample of the rows moves the fixed point, to first
 * order, by Q^-1 (resampled mean of u - mean of u), Q = mean of u u^T; so the bootstrap's covariance is
 * (Q^-1 - pi pi^T) / n (Q pi = 1 at the fixed point). The interval is estimate +- z sd, clipped to [0, 1].
 * Q is averaged over at most MOMENT_ROWS rows.
 */
function emFisherInterval(probs: ArrayLike<number>, n: number, L: number, prior: Float64Array, pi: Float64Array, level: number): { lo: Float64Array; hi: Float64Array } {
  const Q = new Float64Array(L * L);
  const u = new Float64Array(L);
  let rows = 0;
  for (const i of momentRows(n)) {
    const off = i * L;
    let s = 0;
    for (let k = 0; k < L; k++) s += (u[k] = probs[off + k]! / Math.max(prior[k]!, 1e-12)) * pi[k]!;
    if (!(s > 0)) continue;
    rows++;
    for (let k = 0; k < L; k++) u[k]! /= s;
    for (let k = 0; k < L; k++) {
      const uk = u[k]!;
      const qo = k * L;
      for (let l = 0; l <= k; l++) Q[qo + l]! += uk * u[l]!;
    }
  }
  const lo = new Float64Array(L), hi = new Float64Array(L);
  if (rows === 0) return { lo: Float64Array.from(pi), hi: Float64Array.from(pi) };
  let trace = 0;
  for (let k = 0; k < L; k++) for (let l = 0; l <= k; l++) Q[k * L + l]! /= rows;
  for (let k = 0; k < L; k++) trace += Q[k * L + k]!;
  const diag = inverseDiagonal(cholesky(Q, L, 1e-10 * (trace / L)), L);
  const z = normalQuantile((1 + level) / 2);
  for (let k = 0; k < L; k++) {
    const sd = Math.sqrt(Math.max(0, diag[k]! - pi[k]! * pi[k]!) / n);
    lo[k] = clip01(pi[k]! - z * sd);
    hi[k] = clip01(pi[k]! + z * sd);
  }
  return { lo, hi };
}

/**
 * ACC / PACC bootstrap rounds to first order: at the solution x of min || M^T x - b || on the simplex, with
 * F the labels x keeps above 0 and r = M^T x - b, perturbing M and b moves x on that face by the solution of
 *   H dx + dlambda 1 = -(dM_F r + M_F (dM_F^T x_F - db)),  1 . dx = 0,  H = M_F M_F^T,
 * projected back onto the simplex. One factorisation, then O(L x C) a round instead of a fresh solve.
 */
class SimplexLinearization {
  private readonly F: Int32Array;
  private readonly chol: Float64Array;
  private readonly h1: Float64Array;
  private readonly s1: number;
  private readonly r: Float64Array;
  private readonly v: Float64Array;
  private readonly g: Float64Array;
  private readonly y: Float64Array;

  constructor(private readonly M: Float64Array, private readonly L: number, private readonly C: number, b: Float64Array, private readonly x: Float64Array) {
    const F: number[] = [];
    for (let k = 0; k < L; k++) if (x[k]! > 0) F.push(k);
    this.F = Int32Array.from(F);
    const f = F.length;
    const r = new Float64Array(C);
    for (let c = 0; c < C; c++) r[c] = -b[c]!;
    for (let j = 0; j < L; j++) if (x[j]! > 0) for (let c = 0; c < C; c++) r[c]! += M[j * C + c]! * x[j]!;
    this.r = r;
    const H = new Float64Array(f * f);
    let trace = 0;
    for (let a = 0; a < f; a++) {
      const ra = F[a]! * C;
      for (let q = 0; q <= a; q++) {
        const rq = F[q]! * C;
        let s = 0;
        for (let c = 0; c < C; c++) s += M[ra + c]! * M[rq + c]!;
        H[a * f + q] = s;
      }
      trace += H[a * f + a]!;
    }
    this.chol = cholesky(H, f, 1e-9 * (trace / Math.max(f, 1)));
    this.h1 = cholSolve(this.chol, f, new Float64Array(f).fill(1));
    let s1 = 0;
    for (let a = 0; a < f; a++) s1 += this.h1[a]!;
    this.s1 = s1;
    this.v = new Float64Array(C);
    this.g = new Float64Array(f);
    this.y = new Float64Array(L);
  }

  /** The solution for M + dM and b + db (dM: L x C, db: C). */
  solve(dM: Float64Array, db: Float64Array): Float64Array {
    const { F, C, M, r, v, g, x, y } = this;
    const f = F.length;
    for (let c = 0; c < C; c++) v[c] = -db[c]!;
    for (let a = 0; a < f; a++) {
      const off = F[a]! * C;
      const xa = x[F[a]!]!;
      for (let c = 0; c < C; c++) v[c]! += dM[off + c]! * xa;
    }
    for (let a = 0; a < f; a++) {
      const off = F[a]! * C;
      let s = 0;
      for (let c = 0; c < C; c++) s += dM[off + c]! * r[c]! + M[off + c]! * v[c]!;
      g[a] = s;
    }
    cholSolve(this.chol, f, g);
    let t = 0;
    for (let a = 0; a < f; a++) t += g[a]!;
    const lambda = this.s1 > 0 ? t / this.s1 : 0;
    y.set(x);
    for (let a = 0; a < f; a++) y[F[a]!]! += -g[a]! + lambda * this.h1[a]!;
    return projectToSimplex(y);
  }
}

/**
 * Above this many sample rows, a round's mean probability vector is drawn from its normal limit (same mean,
 * covariance / n) instead of summed over the resampled rows: one pass over the rows instead of one a round.
 */
export const EXACT_RESAMPLING_ROWS = 2000;

/** Covariance-type averages over the rows (of the sample's probabilities, of EM's information) use at most this many rows, evenly spaced. */
export const MOMENT_ROWS = 2000;

/** Every row index when n <= MOMENT_ROWS, else MOMENT_ROWS evenly spaced ones. */
function momentRows(n: number): Int32Array {
  const m = Math.min(n, MOMENT_ROWS);
  return Int32Array.from({ length: m }, (_, q) => Math.floor((q * n) / m));
}

/**
 * Below this many sample rows per label, EM's interval comes from bootstrap rounds that re-run EM (from the
 * point estimate, to a looser tolerance) on each resample; from it on, from the observed information, which is
 * what those rounds converge to but is ill-conditioned while rows do not clearly outnumber labels (measured:
 * at 300 rows x 150 labels its intervals spanned most of [0, 1]; at 1,000 rows it matched the rounds).
 */
export const EM_ROUNDS_BELOW_ROWS_PER_LABEL = 5;

/** Standard normal draws (Box-Muller) from the seeded generator. */
function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Single-label problems. */
class SingleLabelProblem implements Problem {
  readonly point: PerMethod = {};
  readonly emByRounds: boolean;
  /** lower Cholesky factor of the covariance of the sample's probability vectors (large samples only) */
  private meanNoise?: Float64Array;
  private readonly C: number;
  private readonly counts: Float64Array;
  private readonly mean: Float64Array;
  private readonly Mc?: Float64Array;
  private readonly Mp?: Float64Array;
  private readonly acc?: SimplexLinearization;
  private readonly pacc?: SimplexLinearization;

  constructor(
    methods: readonly QuantificationMethod[], private readonly sm: PreparedSample, private readonly ev: PreparedEvaluation,
    private readonly prior: Float64Array, emOptions: EmOptions,
  ) {
    const L = ev.L;
    const has = (m: QuantificationMethod) => methods.includes(m);
    const C = (this.C = ev.abstains || sm.abstains ? L + 1 : L); // column L: not counted
    const ones = (n: number) => new Float64Array(n).fill(1);
    const { counts, mean, total } = this.sampleStats(ones(sm.n), true);
    this.counts = counts;
    this.mean = mean;
    const cc = new Float64Array(L);
    const counted = total - (C > L ? counts[L]! : 0);
    for (let k = 0; k < L; k++) cc[k] = counted > 0 ? counts[k]! / counted : 0;
    this.point.cc = cc;
    if (has('pcc')) this.point.pcc = Float64Array.from(mean);
    if ((has('acc') || has('pacc')) && ev.n > 0) {
      const { Mc, Mp } = this.confusion(ones(ev.n), has('acc'), has('pacc'));
      if (Mc) {
        const b = this.observed(counts, total);
        const x = solveOnSimplex(Mc, L, C, b, { start: cc }).x;
        this.point.acc = x;
        this.Mc = Mc;
        this.acc = new SimplexLinearization(Mc, L, C, b, x);
      }
      if (Mp) {
        const x = solveOnSimplex(Mp, L, L, mean, { start: mean }).x;
        this.point.pacc = x;
        this.Mp = Mp;
        this.pacc = new SimplexLinearization(Mp, L, L, mean, x);
      }
    }
    if (has('em')) this.point.em = emPriorAdjustment(sm.probs, sm.n, L, prior, emOptions).prior;
    this.emByRounds = has('em') && sm.n < EM_ROUNDS_BELOW_ROWS_PER_LABEL * L;
    if ((has('pcc') || has('pacc')) && sm.n > EXACT_RESAMPLING_ROWS) {
      const S = new Float64Array(L * L);
      const d = new Float64Array(L);
      const rows = momentRows(sm.n);
      const probs = sm.probs;
      for (const i of rows) {
        const off = i * L;
        for (let k = 0; k < L; k++) d[k] = probs[off + k]! - mean[k]!;
        for (let k = 0; k < L; k++) {
          const dk = d[k]!;
          if (dk === 0) continue;
          const so = k * L;
          for (let l = 0; l <= k; l++) S[so + l]! += dk * d[l]!;
        }
      }
      let trace = 0;
      for (let k = 0; k < L; k++) for (let l = 0; l <= k; l++) S[k * L + l]! /= rows.length;
      for (let k = 0; k < L; k++) trace += S[k * L + k]!;
      this.meanNoise = cholesky(S, L, 1e-12 * (trace / L) + 1e-300);
    }
  }

  emInterval(level: number) {
    return this.point.em ? emFisherInterval(this.sm.probs, this.sm.n, this.ev.L, this.prior, this.point.em, level) : undefined;
  }

  /** 2 sum_i log(sum_k p_ik pi_k / prior_k): the log-likelihood of EM's mix minus that of the training mix (where every term is log 1). */
  shiftStatistic() {
    const { n, probs } = this.sm;
    const L = this.ev.L, pi = this.point.em!, prior = this.prior;
    const ratio = pi.map((v, k) => v / Math.max(prior[k]!, 1e-12));
    let lr = 0;
    for (let i = 0; i < n; i++) {
      const off = i * L;
      let s = 0;
      for (let k = 0; k < L; k++) s += probs[off + k]! * ratio[k]!;
      if (s > 0) lr += 2 * Math.log(s);
    }
    return { statistic: new Float64Array(L).fill(Math.max(0, lr)), df: L - 1 };
  }

  round(which: readonly QuantificationMethod[], sW: Float64Array, eW: Float64Array, rng: Rng): PerMethod {
    const L = this.ev.L, C = this.C;
    const has = (m: QuantificationMethod) => which.includes(m);
    const wantMean = has('pcc') || has('pacc');
    const { counts, mean, total } = this.sampleStats(sW, wantMean && !this.meanNoise);
    if (wantMean && this.meanNoise) {
      // mean + meanNoise z / sqrt(n), z standard normal
      const z = new Float64Array(L);
      for (let k = 0; k < L; k++) z[k] = gaussian(rng);
      const f = 1 / Math.sqrt(this.sm.n);
      for (let k = 0; k < L; k++) {
        let s = 0;
        const off = k * L;
        for (let l = 0; l <= k; l++) s += this.meanNoise[off + l]! * z[l]!;
        mean[k] = this.mean[k]! + s * f;
      }
      if (has('pcc')) projectToSimplex(mean, mean);
    }
    const out: PerMethod = {};
    if (has('cc')) {
      const counted = total - (C > L ? counts[L]! : 0);
      out.cc = new Float64Array(L).map((_, k) => (counted > 0 ? counts[k]! / counted : 0));
    }
    if (has('pcc')) out.pcc = mean;
    if (has('em') && this.point.em) {
      // small samples only (emByRounds): EM again on the resampled rows, from the point estimate
      out.em = em(this.sm.probs, this.sm.n, L, this.prior, this.point.em, sW, 1e-4, 50).prior;
    }
    const acc = has('acc') ? this.acc : undefined, pacc = has('pacc') ? this.pacc : undefined;
    if (acc || pacc) {
      const { Mc, Mp } = this.confusion(eW, !!acc, !!pacc);
      if (Mc && acc) {
        const M0 = this.Mc!;
        for (let i = 0; i < Mc.length; i++) Mc[i]! -= M0[i]!;
        const db = new Float64Array(C);
        const t = Math.max(total, 1), t0 = Math.max(this.sm.n, 1);
        for (let c = 0; c < C; c++) db[c] = counts[c]! / t - this.counts[c]! / t0;
        out.acc = acc.solve(Mc, db);
      }
      if (Mp && pacc) {
        const M0 = this.Mp!;
        for (let i = 0; i < Mp.length; i++) Mp[i]! -= M0[i]!;
        const db = new Float64Array(L);
        for (let k = 0; k < L; k++) db[k] = mean[k]! - this.mean[k]!;
        out.pacc = pacc.solve(Mp, db);
      }
    }
    return out;
  }

  /** Weighted counts of top labels (column L: not counted) and mean probabilities of the sample. */
  private sampleStats(w: Float64Array, withMean: boolean): { counts: Float64Array; mean: Float64Array; total: number } {
    const { C } = this;
    const { n, top, probs } = this.sm;
    const L = this.ev.L;
    const counts = new Float64Array(C);
    const mean = new Float64Array(L);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i]!;
      if (wi === 0) continue;
      total += wi;
      const t = top[i]!;
      counts[t < 0 ? L : t]! += wi;
    }
    if (withMean) {
      for (let i = 0; i < n; i++) {
        const wi = w[i]!;
        if (wi === 0) continue;
        const off = i * L;
        for (let k = 0; k < L; k++) mean[k]! += wi * probs[off + k]!;
      }
      if (total > 0) for (let k = 0; k < L; k++) mean[k]! /= total;
    }
    return { counts, mean, total };
  }

  private observed(counts: Float64Array, total: number): Float64Array {
    return counts.map((c) => (total > 0 ? c / total : 0));
  }

  /** The evaluation's M matrices for rows weighted by counts: P(top = c | true = j) and mean probabilities given the true label. */
  private confusion(w: Float64Array, acc: boolean, pacc: boolean): { Mc?: Float64Array; Mp?: Float64Array } {
    const { C } = this;
    const { n, L, truth, top, probs } = this.ev;
    const per = new Float64Array(L);
    let Mc: Float64Array | undefined, Mp: Float64Array | undefined;
    if (acc) {
      const M = (Mc = new Float64Array(L * C));
      for (let i = 0; i < n; i++) {
        const wi = w[i]!;
        if (wi === 0) continue;
        const t = top[i]!;
        M[truth[i]! * C + (t < 0 ? L : t)]! += wi;
      }
    }
    if (pacc) {
      const M = (Mp = new Float64Array(L * L));
      for (let i = 0; i < n; i++) {
        const wi = w[i]!;
        if (wi === 0) continue;
        const off = i * L, row = truth[i]! * L;
        for (let k = 0; k < L; k++) M[row + k]! += wi * probs[off + k]!;
      }
    }
    for (let i = 0; i < n; i++) per[truth[i]!]! += w[i]!;
    for (let j = 0; j < L; j++) {
      const pj = per[j]!;
      if (pj > 0) {
        if (Mc) for (let c = 0; c < C; c++) Mc[j * C + c]! /= pj;
        if (Mp) for (let k = 0; k < L; k++) Mp[j * L + k]! /= pj;
      } else {
        // a label with no held-out rows: assume the model recognises it
        if (Mc) Mc[j * C + j] = 1;
        if (Mp) Mp[j * L + j] = 1;
      }
    }
    return { Mc, Mp };
  }
}

/** Multi-label problems: each label a binary one; every estimator reduces to per-label sums. */
class MultiLabelProblem implements Problem {
  readonly point: PerMethod;
  readonly emByRounds = false;
  private readonly L: number;

  constructor(
    private readonly methods: readonly QuantificationMethod[], private readonly sm: PreparedSample, private readonly ev: PreparedEvaluation,
    private readonly prior: Float64Array, emOptions: EmOptions,
  ) {
    this.L = ev.L;
    const ones = (n: number) => new Float64Array(n).fill(1);
    this.point = this.round(methods.filter((m) => m !== 'em' && m !== 'em-shrunk'), ones(sm.n), ones(ev.n));
    this.point.cc ??= this.round(['cc'], ones(sm.n), ones(ev.n)).cc;
    if (methods.includes('em')) {
      const L = this.L;
      const two = new Float64Array(sm.n * 2);
      this.point.em = new Float64Array(L).map((_, k) => {
        for (let i = 0; i < sm.n; i++) {
          const p = sm.probs[i * L + k]!;
          two[2 * i] = 1 - p;
          two[2 * i + 1] = p;
        }
        return emPriorAdjustment(two, sm.n, 2, [1 - prior[k]!, prior[k]!], emOptions).prior[1]!;
      });
    }
  }

  /** Per label, as the single-label statistic for the binary problem (1 degree of freedom). */
  shiftStatistic() {
    const { sm, L, prior } = this;
    const pi = this.point.em!;
    const out = new Float64Array(L);
    for (let k = 0; k < L; k++) {
      const pk = prior[k]!, theta = pi[k]!;
      let lr = 0;
      for (let i = 0; i < sm.n; i++) {
        const p = sm.probs[i * L + k]!;
        const s = (theta * p) / pk + ((1 - theta) * (1 - p)) / (1 - pk);
        if (s > 0) lr += 2 * Math.log(s);
      }
      out[k] = Math.max(0, lr);
    }
    return { statistic: out, df: 1 };
  }

  /** Per label: the binary mixture's information 1 / (n mean g^2), g the score of a row at the estimate. */
  emInterval(level: number) {
    const pi = this.point.em;
    if (!pi) return undefined;
    const { sm, L, prior } = this;
    const z = normalQuantile((1 + level) / 2);
    const lo = new Float64Array(L), hi = new Float64Array(L);
    for (let k = 0; k < L; k++) {
      const pk = prior[k]!, theta = pi[k]!;
      let info = 0;
      for (let i = 0; i < sm.n; i++) {
        const p = sm.probs[i * L + k]!;
        const a1 = p / pk, a0 = (1 - p) / (1 - pk);
        const s = theta * a1 + (1 - theta) * a0;
        if (s > 0) info += ((a1 - a0) / s) ** 2;
      }
      const sd = info > 0 ? 1 / Math.sqrt(info) : 0.5;
      lo[k] = clip01(theta - z * sd);
      hi[k] = clip01(theta + z * sd);
    }
    return { lo, hi };
  }

  round(which: readonly QuantificationMethod[], sW: Float64Array, eW: Float64Array): PerMethod {
    const { sm, ev, L } = this;
    // multi-label models have few labels: every round sums over the resampled rows
    const has = (m: QuantificationMethod) => which.includes(m);
    const cc = new Float64Array(L), mean = new Float64Array(L);
    let total = 0;
    for (let i = 0; i < sm.n; i++) {
      const w = sW[i]!;
      if (w === 0) continue;
      total += w;
      const off = i * L;
      for (let k = 0; k < L; k++) {
        cc[k]! += w * sm.top[off + k]!;
        mean[k]! += w * sm.probs[off + k]!;
      }
    }
    for (let k = 0; k < L; k++) {
      cc[k]! /= Math.max(total, 1);
      mean[k]! /= Math.max(total, 1);
    }
    const out: PerMethod = {};
    if (has('cc')) out.cc = cc;
    if (has('pcc')) out.pcc = mean;
    if ((has('acc') || has('pacc')) && ev.n > 0) {
      const pos = new Float64Array(L), neg = new Float64Array(L), tp = new Float64Array(L), fp = new Float64Array(L), pp = new Float64Array(L), pn = new Float64Array(L);
      for (let i = 0; i < ev.n; i++) {
        const w = eW[i]!;
        if (w === 0) continue;
        const off = i * L;
        for (let k = 0; k < L; k++) {
          if (ev.truth[off + k]) {
            pos[k]! += w;
            tp[k]! += w * ev.top[off + k]!;
            pp[k]! += w * ev.probs[off + k]!;
          } else {
            neg[k]! += w;
            fp[k]! += w * ev.top[off + k]!;
            pn[k]! += w * ev.probs[off + k]!;
          }
        }
      }
      // Forman's (observed - false-alarm rate) / (hit rate - false-alarm rate), clipped; without a usable gap, the observed value
      const adjust = (observed: number, hit: number, falseAlarm: number) => {
        const gap = hit - falseAlarm;
        return gap > 1e-6 ? clip01((observed - falseAlarm) / gap) : observed;
      };
      const rate = (num: Float64Array, den: Float64Array, k: number, absent: number) => (den[k]! > 0 ? num[k]! / den[k]! : absent);
      if (has('acc')) out.acc = cc.map((v, k) => adjust(v, rate(tp, pos, k, 1), rate(fp, neg, k, 0)));
      if (has('pacc')) out.pacc = mean.map((v, k) => adjust(v, rate(pp, pos, k, 1), rate(pn, neg, k, 0)));
    }
    return out;
  }
}
