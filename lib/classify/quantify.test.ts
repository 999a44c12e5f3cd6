import { describe, expect, it } from 'vitest';
import {
  Rng, chooseEstimator, emPriorAdjustment, estimateShares, estimateSharesByMethod, normalQuantile, projectToSimplex, solveOnSimplex,
  summarizeEvaluation, type QuantificationEvaluation, type QuantificationSample,
} from './index';

/** Rows whose top label is given; the probabilities are one-hot on it (uniform for a row that is not counted). */
function rows(tops: number[], L: number): { probs: number[][]; top: number[] } {
  return { probs: tops.map((t) => Array.from({ length: L }, (_, k) => (t < 0 ? 1 / L : k === t ? 1 : 0))), top: tops };
}
const repeat = (value: number, times: number) => new Array<number>(times).fill(value);

describe('projectToSimplex', () => {
  it('projects onto {x >= 0, sum x = 1}', () => {
    expect(Array.from(projectToSimplex([0.5, 0.5, 0.5]))).toEqual([1 / 3, 1 / 3, 1 / 3].map((x) => expect.closeTo(x, 12)));
    expect(Array.from(projectToSimplex([2, 0, 0]))).toEqual([1, 0, 0]);
    // sorted 0.6, 0.5, -1: theta = (0.6 + 0.5 - 1) / 2 = 0.05, and -1 - 0.05 < 0 stays out
    expect(Array.from(projectToSimplex([0.6, 0.5, -1])).map((x) => +x.toFixed(12))).toEqual([0.55, 0.45, 0]);
    // a point already on the simplex stays put
    expect(Array.from(projectToSimplex([0.2, 0.3, 0.5])).map((x) => +x.toFixed(12))).toEqual([0.2, 0.3, 0.5]);
  });
});

describe('solveOnSimplex', () => {
  it('solves a consistent 2-label system exactly', () => {
    // rows: true label 0 is seen as [0.8, 0.2], true label 1 as [0.3, 0.7]; 0.8 x + 0.3 (1 - x) = 0.5 => x = 0.4
    const { x } = solveOnSimplex([0.8, 0.2, 0.3, 0.7], 2, 2, [0.5, 0.5]);
    expect(x[0]).toBeCloseTo(0.4, 6);
    expect(x[1]).toBeCloseTo(0.6, 6);
  });
  it('stays on the simplex where the raw inverse goes negative', () => {
    // observed 0.2 for label 0 is below its false-alarm rate 0.3: the inverse says -0.2, least squares on the simplex 0
    const { x } = solveOnSimplex([0.8, 0.2, 0.3, 0.7], 2, 2, [0.2, 0.8]);
    expect(x[0]).toBeCloseTo(0, 9);
    expect(x[1]).toBeCloseTo(1, 9);
  });
  it('with M = I is the projection of b', () => {
    const { x } = solveOnSimplex([1, 0, 0, 0, 1, 0, 0, 0, 1], 3, 3, [0.6, 0.5, -1]);
    expect(Array.from(x).map((v) => +v.toFixed(6))).toEqual([0.55, 0.45, 0]);
  });
});

describe('emPriorAdjustment', () => {
  it('finds the maximum-likelihood mix of a tiny example', () => {
    // half the rows say [0.9, 0.1], half [0.3, 0.7], calibrated to [0.5, 0.5]. The log-likelihood in x = pi_0 is
    // sum log(0.2 + 1.6 x) + log(1.4 - 0.8 x) per pair: 1.6 / (0.2 + 1.6 x) = 0.8 / (1.4 - 0.8 x) => x = 2.08 / 2.56
    const probs = [0.9, 0.1, 0.3, 0.7];
    const { prior } = emPriorAdjustment(probs, 2, 2, [0.5, 0.5], { tolerance: 1e-12, maxIterations: 10_000 });
    expect(prior[0]).toBeCloseTo(0.8125, 8);
    expect(prior[0]! + prior[1]!).toBeCloseTo(1, 12);
  });
  it('leaves a sample that looks like the training mix where it is', () => {
    // probabilities calibrated to [0.7, 0.3] whose mean is [0.7, 0.3]: the training prior is already a fixed point
    const probs = [0.9, 0.1, 0.5, 0.5];
    const { prior, iterations } = emPriorAdjustment(probs, 2, 2, [0.7, 0.3]);
    expect(prior[0]).toBeCloseTo(0.7, 9);
    expect(iterations).toBe(1);
  });
  it('stops at the iteration cap', () => {
    const { iterations } = emPriorAdjustment([0.8, 0.2], 1, 2, [0.5, 0.5], { maxIterations: 5, tolerance: 0 });
    expect(iterations).toBe(5);
  });
});

describe('estimateShares: hand-computed cases', () => {
  // evaluation: 10 rows of label 0 (8 predicted 0, 2 predicted 1), 10 of label 1 (3 predicted 0, 7 predicted 1)
  const ev = rows([...repeat(0, 8), ...repeat(1, 2), ...repeat(0, 3), ...repeat(1, 7)], 2);
  const evaluation: QuantificationEvaluation = { truth: [...repeat(0, 10), ...repeat(1, 10)], ...ev };

  it('ACC on 2 labels is Forman’s (observed - fpr) / (tpr - fpr)', () => {
    const sample = rows([...repeat(0, 5), ...repeat(1, 5)], 2);
    const r = estimateShares(sample, evaluation, { method: 'acc' });
    // (0.5 - 0.3) / (0.8 - 0.3) = 0.4
    expect(r.labels[0]!.estimate).toBeCloseTo(0.4, 6);
    expect(r.labels[1]!.estimate).toBeCloseTo(0.6, 6);
    expect(r.labels[0]!.share).toBe(0.5);
    expect(r.method).toBe('acc');
    expect(r.n).toBe(10);
  });

  it('counts "Uncertain" rows as their own column: the share is over counted rows, the estimate over all', () => {
    // label 0: 6 -> 0, 2 -> 1, 2 uncertain; label 1: 1 -> 0, 7 -> 1, 2 uncertain
    const e = rows([...repeat(0, 6), ...repeat(1, 2), ...repeat(-1, 2), ...repeat(0, 1), ...repeat(1, 7), ...repeat(-1, 2)], 2);
    // a 50/50 mix is observed as 0.5 [0.6, 0.2, 0.2] + 0.5 [0.1, 0.7, 0.2] = [0.35, 0.45, 0.2]: 7, 9 and 4 of 20
    const sample = rows([...repeat(0, 7), ...repeat(1, 9), ...repeat(-1, 4)], 2);
    const r = estimateShares(sample, { truth: [...repeat(0, 10), ...repeat(1, 10)], ...e }, { method: 'acc' });
    expect(r.counted).toBe(16);
    expect(r.labels[0]!.share).toBeCloseTo(7 / 16, 12);
    expect(r.labels[0]!.estimate).toBeCloseTo(0.5, 6);
    expect(r.labels[1]!.estimate).toBeCloseTo(0.5, 6);
  });

  it('CC and PCC are the plain shares and means', () => {
    const sample: QuantificationSample = { probs: [[0.9, 0.1], [0.6, 0.4], [0.2, 0.8], [0.3, 0.7]] };
    const r = estimateSharesByMethod(sample, evaluation, ['cc', 'pcc'], { resamples: 0 });
    expect(r.cc!.labels.map((l) => l.estimate)).toEqual([0.5, 0.5]);
    expect(r.pcc!.labels[0]!.estimate).toBeCloseTo(0.5, 12);
    expect(r.pcc!.labels[1]!.estimate).toBeCloseTo(0.5, 12);
    expect(r.cc!.labels[0]!.interval).toEqual([0.5, 0.5]);
  });

  it('EM through estimateShares matches the hand-solved mix', () => {
    const sample: QuantificationSample = { probs: [[0.9, 0.1], [0.3, 0.7]] };
    const r = estimateShares(sample, evaluation, { method: 'em', trainingPrior: [0.5, 0.5], em: { tolerance: 1e-12, maxIterations: 10_000 } });
    expect(r.labels[0]!.estimate).toBeCloseTo(0.8125, 6);
  });

  it('multi-label: each label a binary problem with Forman’s adjustment', () => {
    // label 0 present in rows 0-9 and decided present in 8 of them, and in 1 of the 10 where it is absent: tpr 0.8, fpr 0.1
    const truth = Array.from({ length: 20 }, (_, i) => (i < 10 ? [0] : [1]));
    const decided0 = [...repeat(1, 8), ...repeat(0, 2), ...repeat(1, 1), ...repeat(0, 9)];
    const probs = decided0.map((d, i) => [d ? 0.9 : 0.1, i < 10 ? 0.1 : 0.9]);
    // sample: label 0 decided present in 9 of 20 rows => (0.45 - 0.1) / (0.8 - 0.1) = 0.5
    const sample = { probs: Array.from({ length: 20 }, (_, i) => [i < 9 ? 0.9 : 0.1, 0.2]) };
    const r = estimateShares(sample, { truth, probs }, { method: 'acc', multiLabel: true });
    expect(r.labels[0]!.share).toBeCloseTo(0.45, 12);
    expect(r.labels[0]!.estimate).toBeCloseTo(0.5, 9);
    // label 1: never decided present in the sample, tpr 1, fpr 0 => 0
    expect(r.labels[1]!.estimate).toBe(0);
  });

  it('multi-label EM is the binary version of the single-label one', () => {
    // label 0 present with probability 0.9 in one row and 0.3 in the other, training rate 0.5: the 2-label case above
    const sample = { probs: [[0.9, 0.5], [0.3, 0.5]] };
    const r = estimateShares(sample, { truth: [[0], [1]], probs: [[0.8, 0.2], [0.3, 0.7]] }, { method: 'em', multiLabel: true, trainingPrior: [0.5, 0.5], em: { tolerance: 1e-12, maxIterations: 10_000 } });
    expect(r.labels[0]!.estimate).toBeCloseTo(0.8125, 6);
    // probabilities of exactly the training rate carry no information: the estimate stays at 0.5
    expect(r.labels[1]!.estimate).toBeCloseTo(0.5, 9);
    expect(r.labels[0]!.interval[0]).toBeLessThan(0.8125);
  });
});

/**
 * A calibrated 3-label model: each text is one of four kinds, P(kind | label) below; the model's probabilities
 * for a kind are the posterior under a uniform training mix. The evaluation is 100 texts a label, the sample
 * 1,000 texts drawn at [0.6, 0.3, 0.1] (shifted), so counting is biased and the correctors are not.
 */
function synthetic(seed: number, mix = [0.6, 0.3, 0.1]) {
  const kindGivenLabel = [
    [0.7, 0.2, 0.05, 0.05],
    [0.15, 0.6, 0.2, 0.05],
    [0.05, 0.2, 0.15, 0.6],
  ];
  const posterior = [0, 1, 2, 3].map((x) => {
    const s = kindGivenLabel.reduce((a, row) => a + row[x]!, 0);
    return kindGivenLabel.map((row) => row[x]! / s);
  });
  const rng = new Rng(seed);
  const draw = (weights: number[]) => {
    let u = rng.next();
    for (let i = 0; i < weights.length; i++) if ((u -= weights[i]!) < 0) return i;
    return weights.length - 1;
  };
  const truth: number[] = [];
  const evProbs: number[][] = [];
  for (let y = 0; y < 3; y++) for (let i = 0; i < 100; i++) {
    truth.push(y);
    evProbs.push(posterior[draw(kindGivenLabel[y]!)]!);
  }
  const counts = [0, 0, 0];
  const sProbs: number[][] = [];
  for (let i = 0; i < 1000; i++) {
    const y = draw(mix);
    counts[y]!++;
    sProbs.push(posterior[draw(kindGivenLabel[y]!)]!);
  }
  return { evaluation: { truth, probs: evProbs }, sample: { probs: sProbs }, truthShares: counts.map((c) => c / 1000) };
}

describe('estimateShares on a synthetic shifted sample (seeded)', () => {
  const { evaluation, sample, truthShares } = synthetic(42);

  it('the 90 % interval contains the true share of every label, for every corrector', () => {
    const all = estimateSharesByMethod(sample, evaluation, ['acc', 'pacc', 'em'], { seed: 7 });
    for (const m of ['acc', 'pacc', 'em'] as const) {
      all[m]!.labels.forEach((l, k) => {
        expect(l.interval[0]).toBeLessThanOrEqual(truthShares[k]!);
        expect(l.interval[1]).toBeGreaterThanOrEqual(truthShares[k]!);
        expect(l.interval[0]).toBeLessThanOrEqual(l.estimate);
        expect(l.interval[1]).toBeGreaterThanOrEqual(l.estimate);
      });
    }
  });

  it('counting is biased toward the training mix; EM is not (20 seeded samples)', () => {
    const err = { cc: 0, em: 0, emSigned: 0 };
    for (let s = 1; s <= 20; s++) {
      const d = synthetic(s);
      const r = estimateSharesByMethod(d.sample, d.evaluation, ['cc', 'em'], { resamples: 0 });
      err.cc += Math.abs(r.cc!.labels[0]!.estimate - d.truthShares[0]!) / 20;
      err.em += Math.abs(r.em!.labels[0]!.estimate - d.truthShares[0]!) / 20;
      err.emSigned += (r.em!.labels[0]!.estimate - d.truthShares[0]!) / 20;
    }
    expect(err.cc).toBeGreaterThan(0.08);
    expect(err.em).toBeLessThan(err.cc / 2);
    expect(Math.abs(err.emSigned)).toBeLessThan(0.015);
  });

  it('own bootstrap intervals cover the truth in most of 40 seeded repetitions', () => {
    let covered = 0, total = 0;
    for (let s = 1; s <= 40; s++) {
      const d = synthetic(1000 + s);
      const r = estimateShares(d.sample, d.evaluation, { method: 'em', interval: 'bootstrap', seed: s });
      r.labels.forEach((l, k) => {
        total++;
        if (l.interval[0] <= d.truthShares[k]! && d.truthShares[k]! <= l.interval[1]) covered++;
      });
    }
    // nominal 90 %; a wide margin so that the test checks the interval is of the right size, not its exact rate
    expect(covered / total).toBeGreaterThan(0.8);
  });

  it('em-shrunk follows EM under a clear shift and stays at the mean probability without one', () => {
    const shifted = estimateSharesByMethod(sample, evaluation, ['pcc', 'em', 'em-shrunk'], { resamples: 0 });
    const s = shifted['em-shrunk']!;
    // the statistic is the log-likelihood ratio: 2 sum log(sum_k p_k pi_k / prior_k) at EM's mix, far above df = 2 here
    expect(s.shift!.degreesOfFreedom).toBe(2);
    expect(s.shift!.statistic).toBeGreaterThan(20);
    expect(s.shift!.weight).toBeCloseTo(1 - 2 / s.shift!.statistic, 12);
    s.labels.forEach((l, k) => {
      const pcc = shifted.pcc!.labels[k]!.estimate, em = shifted.em!.labels[k]!.estimate;
      expect(l.estimate).toBeCloseTo(pcc + s.shift!.weight * (em - pcc), 12);
    });
    expect(s.labels.reduce((a, l) => a + l.estimate, 0)).toBeCloseTo(1, 12);
    // drawn in the evaluation's own (uniform) mix: over 20 samples the weight is mostly 0 and the estimate the mean probability
    let zero = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const d = synthetic(seed, [1 / 3, 1 / 3, 1 / 3]);
      const r = estimateSharesByMethod(d.sample, d.evaluation, ['pcc', 'em-shrunk'], { resamples: 0 });
      if (r['em-shrunk']!.shift!.weight === 0) {
        zero++;
        expect(r['em-shrunk']!.labels.map((l) => l.estimate)).toEqual(r.pcc!.labels.map((l) => l.estimate));
      }
    }
    expect(zero).toBeGreaterThan(10);
  });

  it('is deterministic for a seed', () => {
    const a = estimateShares(sample, evaluation, { seed: 3 });
    const b = estimateShares(sample, evaluation, { seed: 3 });
    expect(a).toEqual(b);
  });

  it('the envelope contains the method’s own interval and EM’s', () => {
    const own = estimateSharesByMethod(sample, evaluation, ['cc', 'em', 'pacc'], { interval: 'bootstrap', seed: 5 });
    const env = estimateShares(sample, evaluation, { method: 'cc', seed: 5 });
    expect(env.interval).toBe('envelope');
    env.labels.forEach((l, k) => {
      for (const m of ['cc', 'em', 'pacc'] as const) {
        expect(l.interval[0]).toBeLessThanOrEqual(own[m]!.labels[k]!.interval[0] + 1e-12);
        expect(l.interval[1]).toBeGreaterThanOrEqual(own[m]!.labels[k]!.interval[1] - 1e-12);
      }
    });
    expect(env.description).toMatch(/90 % interval/);
  });

  it('by default uses the chooser’s method', () => {
    const r = estimateShares(sample, evaluation);
    expect(r.method).toBe(chooseEstimator(summarizeEvaluation(evaluation)).method);
  });
});

describe('chooseEstimator', () => {
  it('counts when there is no usable evaluation, corrects with EM otherwise', () => {
    expect(chooseEstimator({ n: 0, accuracy: 0, labels: 10 }).method).toBe('cc');
    expect(chooseEstimator({ n: 100, accuracy: 0.9, labels: 77 }).method).toBe('cc');
    expect(chooseEstimator({ n: 1000, accuracy: 0.74, labels: 77 }).method).toBe('em-shrunk');
    expect(chooseEstimator({ n: 1000, accuracy: 0.95, labels: 150 }).method).toBe('em-shrunk');
  });
  it('summarizes an evaluation', () => {
    const s = summarizeEvaluation({ truth: [0, 1, 1], probs: [[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]] });
    expect(s).toEqual({ n: 3, accuracy: 2 / 3, labels: 2 });
  });
});

describe('edge cases and input checks', () => {
  const evaluation = { truth: [0, 1], probs: [[0.8, 0.2], [0.3, 0.7]] };
  it('an empty sample has shares of 0 and the widest interval', () => {
    const r = estimateShares({ probs: [] }, evaluation, { method: 'em' });
    expect(r.n).toBe(0);
    expect(r.labels[0]!.interval).toEqual([0, 1]);
  });
  it('rejects inconsistent input', () => {
    expect(() => estimateShares({ probs: [[0.5, 0.5, 0]] }, evaluation)).toThrow(/expected 2/);
    expect(() => estimateShares({ probs: [[0.5, 0.5]] }, { truth: [0, 2], probs: evaluation.probs })).toThrow(/not a label index/);
    expect(() => estimateShares({ probs: [[0.5, 0.5]] }, { truth: [0], probs: evaluation.probs })).toThrow(/1 truths for 2/);
    expect(() => estimateShares({ probs: [[0.5, 0.5]], top: [3] }, evaluation)).toThrow(/top label 3/);
    expect(() => estimateShares({ probs: [[1.5, 0.5]] }, evaluation)).toThrow(/outside \[0, 1\]/);
    expect(() => estimateShares({ probs: [[0.5, 0.5]] }, { truth: [], probs: [] }, { method: 'pacc' })).toThrow(/held-out evaluation/);
    // @ts-expect-error an unknown method
    expect(() => estimateShares({ probs: [[0.5, 0.5]] }, evaluation, { method: 'median' })).toThrow(/unknown quantification method/);
  });
  it('normalQuantile', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.3263479, 6);
  });
});
