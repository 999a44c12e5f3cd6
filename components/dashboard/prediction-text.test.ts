import { describe, expect, it } from 'vitest';
import {
  confidenceTitle,
  estimateBasis,
  estimatedCount,
  estimateExplanation,
  estimateFor,
  estimateText,
  estimateWords,
  evaluationPhrase,
  fmtEstimate,
  fmtThreshold,
  noEstimateNote,
  predictionState,
  scopeWarning,
  shouldWarn,
  uncertainNote,
} from './prediction-text';

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

describe('estimated true shares', () => {
  const e = { estimate: 0.3449, interval: [0.2851, 0.4049] as [number, number] };

  it('writes the estimate with its interval in whole percentages', () => {
    expect(fmtEstimate(e)).toBe(`34${NB}% (29–40${NB}%)`);
    expect(estimateText(e)).toBe(`est. 34${NB}% (29–40${NB}%)`);
    expect(estimateWords(e, 0.9)).toBe(`estimated true share 34${NB}% (90${NB}% interval: 29 to 40${NB}%)`);
  });

  it('keeps lo ≤ estimate ≤ hi after rounding, down to zero', () => {
    expect(fmtEstimate({ estimate: 0.004, interval: [0, 0.019] })).toBe(`0${NB}% (0–2${NB}%)`);
    expect(fmtEstimate({ estimate: 0.125, interval: [0.1249, 0.1251] })).toBe(`13${NB}% (12–13${NB}%)`);
    expect(fmtEstimate({ estimate: 1, interval: [0.996, 1] })).toBe(`100${NB}% (100–100${NB}%)`);
  });

  it('says what an estimate is worth in transcripts', () => {
    expect(estimatedCount(e, 1020)).toBe('about 352 (291–413) of the 1,020 in scope');
  });

  it('finds a label’s estimate, and none for a label the model does not know', () => {
    const all = { method: 'em' as const, description: '', level: 0.9, inScope: 10, sampled: 10, evaluationSize: 5, labels: [{ label: 'Billing', ...e }] };
    expect(estimateFor(all, 'Billing')?.estimate).toBe(0.3449);
    expect(estimateFor(all, 'Roaming')).toBeUndefined();
    expect(estimateFor(null, 'Billing')).toBeUndefined();
  });

  it('names the method, the level, the held-out size and the transcripts it is over', () => {
    expect(estimateBasis({ method: 'em', level: 0.9, evaluationSize: 1234, inScope: 1020, sampled: 1020 })).toBe(
      `EM prior adjustment (Saerens et al. 2002), 90${NB}% interval, from 1,234 held-out predictions, over the 1,020 in-scope transcripts (uncertain ones included)`,
    );
    expect(estimateBasis({ method: 'cc', level: 0.9, evaluationSize: 1, inScope: 12_000, sampled: 5000 })).toBe(
      `classify and count (the plain counts), 90${NB}% interval, from 1 held-out prediction, over the 12,000 in-scope transcripts (uncertain ones included, 5,000 of them read)`,
    );
  });

  it('says what the correction is, or that there is none', () => {
    const basis = { level: 0.9, evaluationSize: 300, inScope: 40, sampled: 40 };
    expect(estimateExplanation('Product', { method: 'em', ...basis })).toBe(
      `The estimate corrects the counts with how Product did on held-out transcripts whose labels were known. Method: EM prior adjustment (Saerens et al. 2002), 90${NB}% interval, from 300 held-out predictions, over the 40 in-scope transcripts (uncertain ones included).`,
    );
    expect(estimateExplanation('Product', { method: 'cc', ...basis })).toMatch(/^The estimate is the plain count of top labels, with an interval: Product's held-out transcripts are too few/);
  });

  it('says why there is no estimate', () => {
    expect(noEstimateNote('Product', 0)).toBe('No estimated shares: none of these transcripts is in scope for Product.');
    expect(noEstimateNote('Product', 12)).toBe('No estimated shares: Product has no held-out predictions: retrain it to get estimates.');
  });
});
