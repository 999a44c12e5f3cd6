import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  Classifier, DEFAULT_FEATURE_SPEC, deserializeModel, evaluate, evaluateProbabilities, featurize, predictMany,
  serializeModel, stratifiedSplit, tokenize, train, type LabeledExample,
} from './index';

/** a[i], failing the test (instead of yielding undefined) when it is out of range */
function at<T>(a: ArrayLike<T>, i: number): T {
  const x = a[i];
  if (x === undefined) throw new Error(`index ${i} out of range (length ${a.length})`);
  return x;
}

const TOY: LabeledExample[] = [];
const words: Record<string, string[]> = {
  card: ['my card has not arrived', 'where is my new card', 'card still not delivered', 'waiting for my card', 'card arrival time'],
  refund: ['i want a refund', 'refund my money please', 'how do i get a refund', 'refund not received', 'request refund for order'],
  pin: ['forgot my pin', 'change my pin code', 'pin is blocked', 'reset pin number', 'my pin does not work'],
};
for (const [label, texts] of Object.entries(words)) for (const t of texts) for (let r = 0; r < 3; r++) TOY.push({ text: `${t}${r ? ' ' + 'x'.repeat(r) : ''}`, labels: [label] });

const toyModel = train(TOY, { seed: 7, epochs: 20, holdoutFraction: 0.2 }).model;

describe('tokenize / featurize', () => {
  it('normalises, shapes numbers and marks amounts', () => {
    const { tokens, amounts } = tokenize('I paid 349 kr and $20.50, hasn’t arrived ﬁne', DEFAULT_FEATURE_SPEC);
    expect(tokens).toEqual(['i', 'paid', '000', 'kr', 'and', '$', '00.00', "hasn't", 'arrived', 'fine']);
    expect(amounts).toBe(2);
  });
  it('gives sorted unique ids with counts, deterministic, and handles empty text', () => {
    const a = featurize('the the card card card', DEFAULT_FEATURE_SPEC);
    const b = featurize('the the card card card', DEFAULT_FEATURE_SPEC);
    expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
    for (let i = 1; i < a.ids.length; i++) expect(at(a.ids, i)).toBeGreaterThan(at(a.ids, i - 1));
    expect(Math.max(...a.counts)).toBeGreaterThanOrEqual(3);
    expect(featurize('', DEFAULT_FEATURE_SPEC).ids.length).toBe(0);
  });
  it('featurizes and scores a 200,000-character text (speed is measured in bench/engine.ts, not here)', () => {
    // A quadratic step would take minutes here and hit the test timeout; how fast
    // a 10,000-character text is scored is a figure of `npm run bench -- engine`.
    const long = 'my card has not arrived and I am waiting for a refund of 349 kr. '.repeat(3200);
    const f = featurize(long, DEFAULT_FEATURE_SPEC);
    const [p] = toyModel.predict([long]);
    expect(f.ids.length).toBeGreaterThan(10);
    expect(p?.length).toBeGreaterThan(0);
  });
});

describe('Classifier', () => {
  it('softmax scores sum to 1 and lie in [0, 1]; empty text gives the prior', () => {
    for (const t of ['card not arrived', '', '!!!', 'zzzz qqqq']) {
      const s = toyModel.scores(featurize(t, toyModel.featureSpec));
      expect(s.length).toBe(3);
      expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      for (const p of s) expect(p >= 0 && p <= 1).toBe(true);
    }
    const prior = at(toyModel.predict(['']), 0);
    expect(prior.length).toBe(3);
    for (const p of prior) expect(p.score).toBeCloseTo(1 / 3, 1);
    expect(at(at(toyModel.predict(['refund my money'], { k: 1 }), 0), 0).label).toBe('refund');
  });

  it('sigmoid scores are independent per label (multi-label)', () => {
    const ml: LabeledExample[] = [];
    for (let r = 0; r < 6; r++) {
      ml.push({ text: `refund and card issue ${r}`, labels: ['refund', 'card'] });
      ml.push({ text: `only a refund ${r}`, labels: ['refund'] });
      ml.push({ text: `only my card ${r}`, labels: ['card'] });
      ml.push({ text: `hello there ${r}`, labels: [] });
    }
    const m = train(ml, { multiLabel: true, seed: 3, epochs: 30 }).model;
    expect(m.multiLabel).toBe(true);
    const both = m.scores(featurize('refund and card issue', m.featureSpec));
    expect(both[m.labels.indexOf('refund')]).toBeGreaterThan(0.5);
    expect(both[m.labels.indexOf('card')]).toBeGreaterThan(0.5);
    const none = m.scores(featurize('hello there', m.featureSpec));
    expect(at(none, 0) + at(none, 1)).toBeLessThan(1);
  });

  it('rank: labelFilter first, then k; ties keep model label order; unknown labels throw', () => {
    const scores = Float32Array.from([0.2, 0.5, 0.2]);
    const [l0, l1, l2] = [at(toyModel.labels, 0), at(toyModel.labels, 1), at(toyModel.labels, 2)];
    expect(toyModel.rank(scores).map((p) => p.label)).toEqual([l1, l0, l2]);
    expect(toyModel.rank(scores, { k: 2 }).map((p) => p.label)).toEqual([l1, l0]);
    const filtered = toyModel.rank(scores, { labelFilter: [l2, l0], k: 1 });
    expect(filtered).toEqual([{ label: l0, score: scores[0] }]);
    const tie = Float32Array.from([0.3, 0.3, 0.4]);
    expect(at(toyModel.rank(tie, { labelFilter: [l1, l0], k: 1 }), 0).label).toBe(l0);
    expect(at(toyModel.rank(tie, { k: 1 }), 0).label).toBe(l2);
    expect(() => toyModel.rank(scores, { labelFilter: ['nope'] })).toThrow(/unknown label/);
    expect(() => toyModel.rank(scores, { k: -1 })).toThrow(/k must be/);
  });

  it('predictMany matches per-model predict', () => {
    const other = train(TOY, { seed: 9, epochs: 5 }).model;
    const texts = ['forgot pin', 'refund please', ''];
    const many = predictMany([{ model: toyModel }, { model: other, options: { k: 1 } }], texts);
    expect(many[0]).toEqual(toyModel.predict(texts));
    expect(many[1]).toEqual(other.predict(texts, { k: 1 }));
  });

  it('models with identical row-resolution state share one vocabulary; predictMany scores are exactly their own', () => {
    // same texts, different labels (and tasks): same buckets, idf, block weights and feature spec
    const coarse = TOY.map((ex) => ({ text: ex.text, labels: [ex.labels[0] === 'refund' ? 'money' : 'other'] }));
    const a = train(TOY, { seed: 4, epochs: 5 }).model;
    const b = train(coarse, { seed: 4, epochs: 5 }).model;
    const c = train(TOY, { seed: 4, epochs: 5, minCount: 2 }).model; // fewer rows: its own vocabulary
    const aBack = deserializeModel(serializeModel(a));
    expect(b.vocab).toBe(a.vocab);
    expect(aBack.vocab).toBe(a.vocab);
    expect(b.params.buckets).toBe(a.params.buckets);
    expect(c.vocab).not.toBe(a.vocab);
    const texts = ['forgot pin', 'refund please', '', 'zzzz', 'my card has not arrived, I want a refund of 349 kr'];
    const models = [a, c, b, aBack];
    const many = predictMany(models.map((model) => ({ model })), texts);
    models.forEach((m, i) => {
      texts.forEach((t, j) => {
        const own = m.scores(featurize(t, m.featureSpec));
        const preds = at(at(many, i), j);
        expect(preds.length).toBe(m.labels.length);
        for (const p of preds) expect(p.score === at(own, m.labels.indexOf(p.label))).toBe(true);
      });
    });
  });
});

describe('train guards and determinism', () => {
  it('throws clear errors on bad input', () => {
    expect(() => train([])).toThrow(/no training examples/);
    expect(() => train([{ text: 'a', labels: ['x'] }, { text: 'b', labels: ['x'] }])).toThrow(/at least 2 distinct labels/);
    expect(() => train([{ text: 'a', labels: ['x', 'y'] }])).toThrow(/exactly one/);
    expect(() => train(TOY, { labels: ['card', 'pin'] })).toThrow(/not in options.labels/);
  });

  it('respects options.labels order and reports the split sizes', () => {
    const r = train(TOY, { labels: ['pin', 'refund', 'card'], epochs: 2 });
    expect(r.model.labels).toEqual(['pin', 'refund', 'card']);
    expect(r.trainedOn).toBe(TOY.length);
    expect(r.heldOut).toBe(9);
    expect(r.evaluation?.n).toBe(9);
  });

  it('same seed + same data => byte-identical artifact; different seed => different', () => {
    const a = serializeModel(train(TOY, { seed: 5, epochs: 5 }).model);
    const b = serializeModel(train(TOY, { seed: 5, epochs: 5 }).model);
    const c = serializeModel(train(TOY, { seed: 6, epochs: 5 }).model);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });
});

describe('artifact', () => {
  const bytes = serializeModel(toyModel);
  it('round-trips to identical scores (q8 and f32)', () => {
    const back = deserializeModel(bytes);
    expect(back.labels).toEqual(toyModel.labels);
    expect(back.temperature).toBe(toyModel.temperature);
    for (const t of ['card not here', 'refund', '', 'pin 1234']) {
      expect(Array.from(back.scores(featurize(t, back.featureSpec)))).toEqual(Array.from(toyModel.scores(featurize(t, toyModel.featureSpec))));
    }
    expect(Buffer.from(serializeModel(back)).equals(Buffer.from(bytes))).toBe(true);
    const f32 = train(TOY, { seed: 2, epochs: 3, weightEncoding: 'f32' }).model;
    const f32back = deserializeModel(serializeModel(f32));
    expect(Array.from(f32back.scores(featurize('refund', f32.featureSpec)))).toEqual(Array.from(f32.scores(featurize('refund', f32.featureSpec))));
  });
  it('rejects bad magic, unsupported version, truncation and corruption', () => {
    const bad = bytes.slice();
    bad[0] = 0;
    expect(() => deserializeModel(bad)).toThrow(/bad magic/);
    const ver = bytes.slice();
    new DataView(ver.buffer).setUint32(4, 99, true);
    expect(() => deserializeModel(ver)).toThrow(/unsupported artifact format version 99/);
    expect(() => deserializeModel(bytes.slice(0, bytes.length - 10))).toThrow(/truncated/);
    expect(() => deserializeModel(bytes.slice(0, 8))).toThrow(/truncated/);
    const flip = bytes.slice();
    flip[bytes.length - 20]! ^= 0xff;
    expect(() => deserializeModel(flip)).toThrow(/checksum/);
  });
});

describe('evaluation', () => {
  it('computes accuracy, macro-F1, confusion and ECE on a hand-computed case', () => {
    // truth: a a b b ; predicted: a b b b (confidences 0.9, 0.6, 0.8, 0.7)
    const P = (pa: number) => Float32Array.from([pa, 1 - pa]);
    const ev = evaluateProbabilities(['a', 'b'], false, [P(0.9), P(0.4), P(0.2), P(0.3)], [['a'], ['a'], ['b'], ['b']]);
    expect(ev.n).toBe(4);
    expect(ev.accuracy).toBeCloseTo(0.75);
    // a: P=1, R=0.5, F1=2/3; b: P=2/3, R=1, F1=0.8
    expect(ev.perLabel.a).toEqual({ precision: 1, recall: 0.5, f1: expect.closeTo(2 / 3, 6), support: 2 });
    expect(ev.perLabel.b?.precision).toBeCloseTo(2 / 3);
    expect(ev.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2);
    expect(ev.confusion).toEqual({ labels: ['a', 'b'], matrix: [[1, 1], [0, 2]] });
    // ECE: bins (15) hold one example each: |1-0.9| + |0-0.6| + |1-0.8| + |1-0.7| over 4
    expect(ev.ece).toBeCloseTo((0.1 + 0.6 + 0.2 + 0.3) / 4, 5);
  });
  it('multi-label uses subset accuracy', () => {
    const ev = evaluateProbabilities(['x', 'y'], true, [Float32Array.from([0.9, 0.8]), Float32Array.from([0.9, 0.1])], [['x', 'y'], ['x', 'y']]);
    expect(ev.accuracy).toBe(0.5);
    expect(ev.perLabel.y?.recall).toBe(0.5);
    expect(ev.confusion.matrix).toEqual([[2, 1], [2, 1]]);
  });
  it('stratifiedSplit is seeded, stratified and order-preserving', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ labels: [i < 40 ? 'big' : 'small'], i }));
    const s1 = stratifiedSplit(items, 0.2, 1);
    const s2 = stratifiedSplit(items, 0.2, 1);
    expect(s1).toEqual(s2);
    expect(s1.test.filter((x) => x.labels[0] === 'big').length).toBe(8);
    expect(s1.test.filter((x) => x.labels[0] === 'small').length).toBe(2);
    expect(s1.train.length + s1.test.length).toBe(50);
    for (let i = 1; i < s1.test.length; i++) expect(at(s1.test, i).i).toBeGreaterThan(at(s1.test, i - 1).i);
  });
});

const DATASETS = resolve(process.cwd(), process.env.CALLSIGHT_DATASETS ?? '../shared/datasets');
const HAVE_BANKING = existsSync(join(DATASETS, 'banking77', 'train.jsonl'));
if (!HAVE_BANKING) console.warn(`skipping BANKING77 accuracy test: ${DATASETS}/banking77 not found (set CALLSIGHT_DATASETS)`);

describe.skipIf(!HAVE_BANKING)('BANKING77 (real data)', () => {
  it('trains and reaches >= 0.90 test accuracy, calibrated', () => {
    const load = (split: string): LabeledExample[] =>
      readFileSync(join(DATASETS, 'banking77', `${split}.jsonl`), 'utf8').split('\n').filter(Boolean)
        .map((l) => { const o = JSON.parse(l); return { text: o.text, labels: [o.intent] }; });
    const r = train(load('train'), { seed: 1 });
    const ev = evaluate(r.model, load('test'));
    expect(r.model.labels.length).toBe(77);
    expect(ev.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(ev.ece!).toBeLessThan(0.05);
    expect(r.evaluation!.accuracy).toBeGreaterThan(0.88);
  }, 60_000);
});

void Classifier;
