import { describe, expect, it } from 'vitest';
import { confidenceTitle, evaluationPhrase, fmtThreshold, predictionState, scopeWarning, shouldWarn, uncertainNote } from './prediction-text';

const NB = '\u00a0';

describe('the threshold in force, in words', () => {
  it("names the filter's threshold when the URL sets one, the model's otherwise", () => {
    expect(uncertainNote({ threshold: 0.5, minScore: 0.5 })).toBe(`Uncertain: below 50${NB}%, the confidence filter's threshold.`);
    expect(uncertainNote({ threshold: 0.62, minScore: null })).toBe(`Uncertain: below 62${NB}%, the model's own threshold.`);
    expect(uncertainNote({ threshold: 0.62, minScore: null, source: 'evaluation' })).toBe(`Uncertain: below 62${NB}%, the model's threshold from its evaluation.`);
    expect(uncertainNote({ threshold: 0.4, minScore: null, source: 'set' })).toBe(`Uncertain: below 40${NB}%, the model's threshold, set by a person.`);
    expect(uncertainNote({ threshold: 0.5, minScore: null, source: 'default', multiLabel: true })).toBe(`Uncertain: below 50${NB}%, the default for a multi-label model.`);
  });

  it('says when everything counts, and has nothing to say for metadata', () => {
    expect(uncertainNote({ threshold: 0, minScore: 0 })).toMatch(/^Every prediction counts \(confidence filter: Any\)/);
    expect(uncertainNote({ threshold: 0, minScore: null })).toMatch(/^Every prediction counts/);
    expect(uncertainNote({ threshold: null, minScore: 0.5 })).toBeNull();
  });

  it('formats a threshold like a score, without rounding a half away', () => {
    expect(fmtThreshold(0.62)).toBe(`62${NB}%`);
    expect(fmtThreshold(0.625)).toBe(`62.5${NB}%`);
    expect(fmtThreshold(0)).toBe(`0${NB}%`);
  });

  it('names the confidence filter', () => {
    expect(confidenceTitle(null)).toBe('Model thresholds');
    expect(confidenceTitle(0)).toBe('Any (count every prediction)');
    expect(confidenceTitle(0.9)).toBe(`≥ 90${NB}%`);
  });
});

describe('a model’s accuracy, with what it was measured on', () => {
  it('gives the figure, the size, the source and the date', () => {
    const phrase = evaluationPhrase({ accuracy: 0.7134, macroF1: 0.6, n: 120, source: 'hand-written transcripts (prisma/seed/demo/heldout.jsonl)', evaluatedAt: '2026-12-07T10:00:00.000Z' });
    expect(phrase).toBe('0.71 accuracy on 120 examples: hand-written transcripts (prisma/seed/demo/heldout.jsonl) · Dec 7, 2026');
  });

  it('falls back to macro-F1, then says there is none', () => {
    expect(evaluationPhrase({ accuracy: null, macroF1: 0.5, n: 1, source: 'held-out split of its examples', evaluatedAt: null })).toBe('0.50 macro-F1 on 1 example: held-out split of its examples');
    expect(evaluationPhrase(null)).toMatch(/^Not evaluated yet/);
    expect(evaluationPhrase(undefined)).toMatch(/^Not evaluated yet/);
  });
});

describe('out of scope', () => {
  it('warns from a quarter of the transcripts', () => {
    expect(shouldWarn(25, 100)).toBe(true);
    expect(shouldWarn(24, 100)).toBe(false);
    expect(shouldWarn(0, 0)).toBe(false);
    expect(shouldWarn(10, 100, 0.1)).toBe(true);
  });

  it('says how many are unlike what the model learned from', () => {
    expect(scopeWarning('Product', 82, 100)).toBe(`82${NB}% of these transcripts are unlike what Product was trained on`);
  });
});

describe('what a prediction counts as', () => {
  it('a correction wins, then out of scope, then uncertain', () => {
    expect(predictionState({ corrected: true, outOfScope: true, uncertain: true })).toBe('corrected');
    expect(predictionState({ corrected: false, outOfScope: true, uncertain: true })).toBe('out_of_scope');
    expect(predictionState({ corrected: false, outOfScope: false, uncertain: true })).toBe('uncertain');
    expect(predictionState({ corrected: false, outOfScope: false, uncertain: false })).toBe('counted');
  });
});
