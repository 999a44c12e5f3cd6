import { describe, expect, it } from 'vitest';
import { thresholdSourceText } from './threshold-form';

describe('where the threshold comes from', () => {
  it('says who set it and what it does (the studio e2e reads "under 40")', () => {
    expect(thresholdSourceText({ threshold: 0.4, source: 'set', multiLabel: false })).toBe('Set by a person: predictions under 40\u00a0% show as Uncertain on the dashboard.');
    expect(thresholdSourceText({ threshold: 0.62, source: 'evaluation', multiLabel: false })).toMatch(/^From the evaluation: 62\u00a0%, .*predictions below it are Uncertain\.$/);
    expect(thresholdSourceText({ threshold: 0, source: 'evaluation', multiLabel: false })).toMatch(/every prediction counts/);
    expect(thresholdSourceText({ threshold: 0.5, source: 'default', multiLabel: true })).toBe('Default for a multi-label model: labels under 50\u00a0% are not counted.');
    expect(thresholdSourceText({ threshold: 0, source: 'default', multiLabel: false })).toMatch(/^No evaluation suggests a threshold yet: every prediction counts/);
  });
});
