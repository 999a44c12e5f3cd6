import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Rng, featurize, rankByUncertainty, rankProbabilities, scoreMany, train, uncertaintyScore, type LabeledExample } from './index';

const TOY: LabeledExample[] = [];
const phrases: Record<string, string[]> = {
  card: ['my card has not arrived', 'where is my new card', 'card still not delivered', 'waiting for my card', 'card arrival time'],
  refund: ['i want a refund', 'refund my money please', 'how do i get a refund', 'refund not received', 'request refund for order'],
  pin: ['forgot my pin', 'change my pin code', 'pin is blocked', 'reset pin number', 'my pin does not work'],
};
for (const [label, texts] of Object.entries(phrases)) for (const t of texts) for (let r = 0; r < 3; r++) TOY.push({ text: `${t}${r ? ' ' + 'x'.repeat(r) : ''}`, labels: [label] });
const toyModel = train(TOY, { seed: 7, epochs: 20 }).model;

// clear cases, a text mixing two labels, and one the model has never seen anything of
const POOL = ['refund my money please', 'my card has not arrived', 'refund for my card', 'forgot my pin', 'qqqq zzzz', 'refund my money please'];

describe('uncertaintyScore', () => {
  const v = (...p: number[]) => Float32Array.from(p);
  it('margin: 1 - (p1 - p2), any order of labels', () => {
    expect(uncertaintyScore(v(0.6, 0.3, 0.1), false, 'margin')).toBeCloseTo(0.7, 6);
    expect(uncertaintyScore(v(0.1, 0.3, 0.6), false, 'margin')).toBeCloseTo(0.7, 6);
    expect(uncertaintyScore(v(0.45, 0.1, 0.45), false, 'margin')).toBeCloseTo(1, 6);
    expect(uncertaintyScore(v(1, 0, 0), false, 'margin')).toBe(0);
    expect(uncertaintyScore(v(1), false, 'margin')).toBe(0);
  });
  it('entropy: normalized to [0, 1] by ln L', () => {
    expect(uncertaintyScore(v(0.25, 0.25, 0.25, 0.25), false, 'entropy')).toBeCloseTo(1, 6);
    expect(uncertaintyScore(v(0, 1, 0, 0), false, 'entropy')).toBe(0);
    expect(uncertaintyScore(v(0.5, 0.5, 0, 0), false, 'entropy')).toBeCloseTo(0.5, 6); // ln 2 / ln 4
  });
  it('multi-label: margin = the decision closest to 0.5, entropy = mean binary entropy', () => {
    expect(uncertaintyScore(v(0.99, 0.5, 0.01), true, 'margin')).toBeCloseTo(1, 6);
    expect(uncertaintyScore(v(0.9, 0.2), true, 'margin')).toBeCloseTo(0.4, 6);
    expect(uncertaintyScore(v(0.5, 0.5), true, 'entropy')).toBeCloseTo(1, 6);
    expect(uncertaintyScore(v(0.5, 0, 1), true, 'entropy')).toBeCloseTo(1 / 3, 6);
    // the same vector read as a softmax is a different question
    expect(uncertaintyScore(v(0.5, 0.5), false, 'margin')).toBeCloseTo(1, 6);
  });
  it('rejects unknown strategies and non-finite values', () => {
    expect(() => uncertaintyScore(v(0.5, 0.5), false, 'least' as never)).toThrow(/unknown uncertainty strategy/);
    expect(() => uncertaintyScore(v(0.5, NaN), false, 'margin')).toThrow(/not finite/);
    expect(() => uncertaintyScore(v(), false)).toThrow(/empty/);
  });
});

describe('rankByUncertainty (trained model)', () => {
  it('puts the unseen and the mixed text before the clear ones', () => {
    for (const strategy of ['margin', 'entropy'] as const) {
      const { indices, scores } = rankByUncertainty(toyModel, POOL, { strategy });
      expect([...indices].sort()).toEqual([0, 1, 2, 3, 4, 5]);
      for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThanOrEqual(scores[i - 1]!);
      expect(new Set(indices.slice(0, 2))).toEqual(new Set([2, 4]));
      // duplicate texts tie and keep input order
      expect(indices.indexOf(0)).toBeLessThan(indices.indexOf(5));
      expect(scores[indices.indexOf(0)]).toBe(scores[indices.indexOf(5)]);
    }
  });

  it('margin score matches the top-2 of predict', () => {
    const { indices, scores } = rankByUncertainty(toyModel, POOL, { strategy: 'margin' });
    const top2 = toyModel.predict(POOL, { k: 2 });
    indices.forEach((t, i) => {
      const [a, b] = top2[t]!;
      expect(scores[i]).toBeCloseTo(1 - (a!.score - b!.score), 6);
    });
  });

  it('agrees with rankProbabilities over scoreMany vectors, honours limit, is deterministic', () => {
    const probs = scoreMany([toyModel], POOL)[0]!;
    const fromTexts = rankByUncertainty(toyModel, POOL, { strategy: 'entropy' });
    expect(rankProbabilities(probs, { multiLabel: false, strategy: 'entropy' })).toEqual(fromTexts);
    const again = train(TOY, { seed: 7, epochs: 20 }).model;
    expect(rankByUncertainty(again, POOL, { strategy: 'entropy' })).toEqual(fromTexts);
    const top2 = rankByUncertainty(toyModel, POOL, { strategy: 'entropy', limit: 2 });
    expect(top2).toEqual({ indices: fromTexts.indices.slice(0, 2), scores: fromTexts.scores.slice(0, 2) });
    expect(rankByUncertainty(toyModel, POOL, { limit: 0 })).toEqual({ indices: [], scores: [] });
    expect(rankByUncertainty(toyModel, [])).toEqual({ indices: [], scores: [] });
  });

  it('validates its options and inputs', () => {
    expect(() => rankByUncertainty(toyModel, POOL, { limit: -1 })).toThrow(/limit/);
    expect(() => rankByUncertainty(toyModel, POOL, { limit: 1.5 })).toThrow(/limit/);
    expect(() => rankByUncertainty(toyModel, POOL, { strategy: 'random' as never })).toThrow(/unknown uncertainty strategy/);
    expect(() => rankByUncertainty(toyModel, 'text' as never)).toThrow(/array/);
    expect(() => rankProbabilities([Float32Array.from([0.5, 0.5]), Float32Array.from([1])], { multiLabel: false })).toThrow(/vector 1/);
  });

  it('multi-label: margin takes the single closest call, entropy the most unsure label set', () => {
    const ml: LabeledExample[] = [];
    for (let r = 0; r < 6; r++) {
      ml.push({ text: `refund and card issue ${r}`, labels: ['refund', 'card'] });
      ml.push({ text: `only a refund ${r}`, labels: ['refund'] });
      ml.push({ text: `only my card ${r}`, labels: ['card'] });
      ml.push({ text: `hello there ${r}`, labels: [] });
    }
    // T = 1 and few epochs keep the sigmoids away from 0 and 1 on this tiny separable set
    const m = train(ml, { multiLabel: true, seed: 3, epochs: 10, holdoutFraction: 0 }).model;
    // 'hello card': card ~0.47, refund ~0.06; 'issue there': both ~0.4-0.46
    const texts = ['refund and card issue', 'hello there', 'only a refund', 'hello card', 'issue there'];
    const byMargin = rankByUncertainty(m, texts, { strategy: 'margin' });
    const byEntropy = rankByUncertainty(m, texts, { strategy: 'entropy' });
    expect(byMargin.indices.slice(0, 2)).toEqual([3, 4]);
    expect(byEntropy.indices.slice(0, 2)).toEqual([4, 3]);
    const p = m.scores(featurize('hello card', m.featureSpec));
    expect(byMargin.scores[0]).toBe(uncertaintyScore(p, true, 'margin'));
    expect(byMargin.scores[0]).toBeCloseTo(1 - Math.abs(2 * p[m.labels.indexOf('card')]! - 1), 12);
  });
});

const DATASETS = resolve(process.cwd(), process.env.CALLSIGHT_DATASETS ?? '../shared/datasets');
const HAVE_BANKING = existsSync(join(DATASETS, 'banking77', 'train.jsonl'));

describe.skipIf(!HAVE_BANKING)('BANKING77 (real data)', () => {
  it('the most uncertain texts are where the model is wrong', () => {
    const all: LabeledExample[] = readFileSync(join(DATASETS, 'banking77', 'train.jsonl'), 'utf8').split('\n').filter(Boolean)
      .map((l) => { const o = JSON.parse(l); return { text: String(o.text), labels: [String(o.intent)] }; });
    new Rng(5).shuffle(all);
    const seed = all.slice(0, 400), pool = all.slice(400, 4400);
    const model = train(seed, { seed: 1 }).model;
    const texts = pool.map((e) => e.text);
    const predicted = model.predict(texts, { k: 1 }).map((p) => p[0]!.label);
    const accuracyOf = (idx: number[]) => idx.filter((i) => predicted[i] === pool[i]!.labels[0]).length / idx.length;
    for (const strategy of ['margin', 'entropy'] as const) {
      const { indices } = rankByUncertainty(model, texts, { strategy });
      const tenth = pool.length / 10;
      const top = accuracyOf(indices.slice(0, tenth)), bottom = accuracyOf(indices.slice(-tenth));
      expect(top).toBeLessThan(0.3);
      expect(bottom).toBeGreaterThan(0.8);
    }
  }, 60_000);
});
