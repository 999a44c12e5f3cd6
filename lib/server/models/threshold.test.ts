import { describe, expect, it } from 'vitest';
import { effectiveThreshold, MULTI_LABEL_THRESHOLD, suggestThreshold } from './threshold';

const rows = (spec: [score: number, right: boolean, times: number][]) => spec.flatMap(([score, right, times]) => Array.from({ length: times }, () => ({ score, right })));

describe('suggestThreshold', () => {
  it('counts everything for a model already precise enough everywhere', () => {
    expect(suggestThreshold(rows([[0.9, true, 50], [0.4, true, 40], [0.3, false, 2]]), false)).toBe(0);
  });

  it('abstains below the score where held-out precision falls under the target', () => {
    // ≥ 0.8: 40 right of 40; ≥ 0.6: 40 + 8 of 50 = 0.96; ≥ 0.4: 48 + 5 of 80 = 0.66
    expect(suggestThreshold(rows([[0.8, true, 40], [0.6, true, 8], [0.6, false, 2], [0.4, true, 5], [0.4, false, 25]]), false)).toBe(0.6);
  });

  it('takes the most precise score with enough support when none reaches the target, and 0 without data', () => {
    expect(suggestThreshold(rows([[0.9, true, 15], [0.9, false, 10], [0.5, false, 40]]), false)).toBe(0.9);
    expect(suggestThreshold(rows([[0.9, true, 5]]), false)).toBe(0);
  });

  it('is 0.5 for multi-label models', () => {
    expect(suggestThreshold([], true)).toBe(MULTI_LABEL_THRESHOLD);
  });
});

describe('effectiveThreshold', () => {
  it('prefers a threshold a person set, then the version, then a default by kind', () => {
    expect(effectiveThreshold({ threshold: 0.7, thresholdSet: true, multiLabel: false }, 0.3)).toBe(0.7);
    expect(effectiveThreshold({ threshold: 0, thresholdSet: true, multiLabel: true }, 0.5)).toBe(0);
    expect(effectiveThreshold({ threshold: 0, thresholdSet: false, multiLabel: false }, 0.42)).toBe(0.42);
    expect(effectiveThreshold({ threshold: 0, thresholdSet: false, multiLabel: true }, null)).toBe(0.5);
    expect(effectiveThreshold({ threshold: 0, thresholdSet: false, multiLabel: false }, undefined)).toBe(0);
  });
});
