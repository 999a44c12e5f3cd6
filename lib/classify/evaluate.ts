// Evaluation metrics.
//
// Single-label: prediction = arg max score (ties -> earlier label in model order).
//   accuracy = fraction correct; perLabel precision/recall/F1 (0 when undefined); macroF1 = mean F1 over labels
//   that occur in the truth or the predictions (sklearn's convention); confusion rows = true, cols = predicted.
//   ece = expected calibration error of the top-1 score, 15 equal-width bins over [0, 1].
// Multi-label: predicted set = labels with score >= 0.5.
//   accuracy = SUBSET accuracy (predicted set equals the true set exactly; sklearn's accuracy_score);
//   perLabel metrics from each label's binary decisions; macroF1 as above;
//   confusion[i][j] = number of examples whose true set contains label i and predicted set contains label j
//   (the diagonal holds per-label true positives); ece is over all (example, label) binary decisions with
//   confidence max(p, 1 - p).
// True labels unknown to the model count as misses; they are appended to `confusion.labels`.

import { featurize } from './features';
import type { Classifier } from './model';
import type { LabeledExample } from './train';

export interface LabelMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  n: number;
  accuracy: number;
  macroF1: number;
  perLabel: Record<string, LabelMetrics>;
  confusion: { labels: string[]; matrix: number[][] };
  ece?: number;
}

export const ECE_BINS = 15;

export function evaluate(model: Classifier, examples: LabeledExample[]): Evaluation {
  const probs = examples.map((ex) => model.scores(featurize(ex.text, model.featureSpec)));
  return evaluateProbabilities(model.labels, model.multiLabel, probs, examples.map((ex) => ex.labels));
}

/** Expected calibration error: sum over bins of |accuracy - mean confidence| weighted by bin share. */
export function expectedCalibrationError(confidence: ArrayLike<number>, correct: ArrayLike<number>, bins = ECE_BINS): number {
  const n = confidence.length;
  if (n === 0) return 0;
  const cnt = new Float64Array(bins), conf = new Float64Array(bins), acc = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.ceil(confidence[i]! * bins) - 1));
    cnt[b]!++;
    conf[b]! += confidence[i]!;
    acc[b]! += correct[i]!;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (cnt[b]! > 0) ece += Math.abs(acc[b]! - conf[b]!) / n;
  return ece;
}

export function evaluateProbabilities(
  modelLabels: readonly string[],
  multiLabel: boolean,
  probs: Float32Array[],
  truths: string[][],
): Evaluation {
  const labels = modelLabels.slice();
  const index = new Map(labels.map((l, i) => [l, i]));
  for (const t of truths) for (const l of t) if (!index.has(l)) {
    index.set(l, labels.length);
    labels.push(l);
  }
  const K = labels.length;
  const L = modelLabels.length;
  const n = truths.length;
  const matrix = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const tp = new Float64Array(K), fp = new Float64Array(K), fn = new Float64Array(K), support = new Float64Array(K);
  let correct = 0;
  const confs: number[] = [];
  const hits: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = probs[i];
    if (!p) throw new Error(`evaluateProbabilities: no scores for example ${i} (${probs.length} score vectors for ${n} examples)`);
    const trueLabels = truths[i]!;
    const truth = new Set(trueLabels.map((l) => index.get(l)!));
    for (const t of truth) support[t]!++;
    if (!multiLabel) {
      let best = 0;
      for (let c = 1; c < L; c++) if (p[c]! > p[best]!) best = c;
      const first = trueLabels[0];
      if (first === undefined) throw new Error(`evaluateProbabilities: example ${i} has no true label (single-label evaluation needs one)`);
      const t = index.get(first)!;
      matrix[t]![best]!++;
      if (t === best) {
        correct++;
        tp[t]!++;
      } else {
        fp[best]!++;
        fn[t]!++;
      }
      confs.push(p[best]!);
      hits.push(t === best ? 1 : 0);
    } else {
      const pred: number[] = [];
      for (let c = 0; c < L; c++) {
        const pc = p[c]!;
        const yes = pc >= 0.5;
        if (yes) pred.push(c);
        const isTrue = truth.has(c);
        if (yes && isTrue) tp[c]!++;
        else if (yes) fp[c]!++;
        else if (isTrue) fn[c]!++;
        confs.push(yes ? pc : 1 - pc);
        hits.push(yes === isTrue ? 1 : 0);
      }
      for (const t of truth) {
        if (t >= L) fn[t]!++;
        const row = matrix[t]!;
        for (const c of pred) row[c]!++;
      }
      if (pred.length === truth.size && pred.every((c) => truth.has(c))) correct++;
    }
  }
  const perLabel: Record<string, LabelMetrics> = {};
  let f1sum = 0, f1n = 0;
  for (let c = 0; c < K; c++) {
    const tpc = tp[c]!, fpc = fp[c]!, fnc = fn[c]!, sup = support[c]!;
    const precision = tpc + fpc > 0 ? tpc / (tpc + fpc) : 0;
    const recall = tpc + fnc > 0 ? tpc / (tpc + fnc) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perLabel[labels[c]!] = { precision, recall, f1, support: sup };
    if (sup > 0 || tpc + fpc > 0) {
      f1sum += f1;
      f1n++;
    }
  }
  return {
    n,
    accuracy: n > 0 ? correct / n : 0,
    macroF1: f1n > 0 ? f1sum / f1n : 0,
    perLabel,
    confusion: { labels, matrix },
    ece: expectedCalibrationError(confs, hits),
  };
}
