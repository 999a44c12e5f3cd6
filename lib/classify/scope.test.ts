import { describe, it, expect } from 'vitest';
import { Rng, featurize, serializeModel, deserializeModel, train, type LabeledExample } from './index';
import { parseScopeProfile, scopeProfile, scopeProfileFromTraining, scopeReference, scopeScore, scopeScoreText, type ScopeProfile } from './scope';

// three intents in varied wording: enough examples for a held-out split of ~40 texts
const PHRASES: Record<string, string[]> = {
  card: ['my card has not arrived', 'where is my new card', 'card still not delivered', 'waiting for my card', 'when will the card come', 'the card was never delivered'],
  refund: ['i want a refund', 'refund my money please', 'how do i get a refund', 'refund not received', 'request a refund for the order', 'money back for the order'],
  pin: ['forgot my pin', 'change my pin code', 'pin is blocked', 'reset my pin number', 'my pin does not work', 'unblock the pin'],
};
const OPENERS = ['', 'hi ', 'hello, ', 'please help: ', 'good morning ', 'hey there '];
const CLOSERS = ['', ' thanks', ' asap', ' today', ' thank you', ' now'];
const rng = new Rng(3);
const pick = (xs: string[]) => xs[rng.nextInt(xs.length)]!;
const EXAMPLES: LabeledExample[] = [];
for (const [label, phrases] of Object.entries(PHRASES)) {
  for (const p of phrases) for (let k = 0; k < 11; k++) EXAMPLES.push({ text: `${pick(OPENERS)}${p}${pick(CLOSERS)}`, labels: [label] });
}
rng.shuffle(EXAMPLES);
const result = train(EXAMPLES, { seed: 7, epochs: 10 });
const model = result.model;
const profile = scopeProfileFromTraining(result, EXAMPLES);

describe('scopeProfile', () => {
  it('is deterministic, small and JSON-serialisable', () => {
    const again = scopeProfileFromTraining(train(EXAMPLES, { seed: 7, epochs: 10 }), EXAMPLES);
    expect(JSON.stringify(again)).toBe(JSON.stringify(profile));
    expect(JSON.stringify(profile).length).toBeLessThan(4096);
    expect(profile.n).toBe(result.heldOutScores.length);
    expect(profile.model).toEqual({ labels: 3, multiLabel: false, rows: model.rows, trainedOn: EXAMPLES.length });
    expect(profile.referenceRate).toBeLessThanOrEqual(profile.targetRate);
  });

  it('round-trips through JSON and scores the same', () => {
    const back = parseScopeProfile(JSON.parse(JSON.stringify(profile)));
    expect(back).toEqual(profile);
    for (const text of ['where is my new card', 'quantum chromodynamics lecture notes', '']) {
      expect(scopeScoreText(back, model, text)).toEqual(scopeScoreText(profile, model, text));
    }
  });

  it('rejects what is not a profile', () => {
    expect(() => parseScopeProfile(null)).toThrow(/not a scope profile/);
    expect(() => parseScopeProfile({ ...profile, version: 2 })).toThrow(/version/);
    expect(() => parseScopeProfile({ ...profile, coverage: profile.coverage.slice(1) })).toThrow(/coverage/);
    expect(() => parseScopeProfile({ ...profile, combined: [...profile.combined].reverse() })).toThrow(/combined/);
  });

  it('refuses the held-out split as plain texts (the returned model was trained on it)', () => {
    const split = result.heldOutScores.map((h) => EXAMPLES[h.index]!.text);
    expect(() => scopeProfile(model, EXAMPLES.map((e) => e.text), split)).toThrow(/heldOutScores/);
  });

  it('refuses train texts that are not the training set', () => {
    const heldOut = result.heldOutScores.map((h) => ({ text: EXAMPLES[h.index]!.text, scores: h.scores }));
    expect(() => scopeProfile(model, EXAMPLES.slice(0, 150).map((e) => e.text), heldOut)).toThrow(/not the set of texts/);
  });

  it('leaves a held-out text out of coverage: a word only it has is unknown', () => {
    const extra: LabeledExample = { text: 'my card has not arrived zanzibar', labels: ['card'] };
    const examples = [...EXAMPLES, extra];
    const m = train(examples, { seed: 7, epochs: 10, holdoutFraction: 0 }).model;
    const texts = examples.map((e) => e.text);
    const seen = scopeReference(m, texts, [{ text: extra.text, scores: m.scores(featurize(extra.text, m.featureSpec)) }]);
    const asNew = scopeScoreText(scopeProfile(m, texts, [...OPENERS.map((o) => `${o}where is my new card`)]), m, extra.text);
    expect(asNew.coverage).toBe(1); // the returned model knows every word of it
    expect(seen.coverage[0]).toBeLessThan(1); // "zanzibar" and its bigrams come from this text alone
  });
});

describe('scopeScore', () => {
  it('flags a text of unseen words', () => {
    const s = scopeScoreText(profile, model, 'quantum chromodynamics lecture notes xylophone');
    expect(s.coverage).toBe(0);
    expect(s.outOfScope).toBe(true);
    expect(s.score).toBeGreaterThan(0.95);
  });

  it('does not flag training texts', () => {
    for (const text of ['my card has not arrived', 'hello, refund my money please thanks', 'reset my pin number']) {
      const s = scopeScoreText(profile, model, text);
      expect(s.outOfScope).toBe(false);
      expect(s.coverage).toBe(1);
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThan(0.9);
    }
  });

  it('takes precomputed features and scores (the prediction path) with the same result', () => {
    const text = 'hi where is my new card asap';
    const f = featurize(text, model.featureSpec);
    expect(scopeScore(profile, model, f, model.scores(f))).toEqual(scopeScoreText(profile, model, text));
    expect(scopeScore(profile, model, f)).toEqual(scopeScoreText(profile, model, text));
  });

  it('works on a model loaded from its artifact', () => {
    const loaded = deserializeModel(serializeModel(model));
    expect(scopeScoreText(profile, loaded, 'pin is blocked')).toEqual(scopeScoreText(profile, model, 'pin is blocked'));
  });

  it('refuses a profile of another model', () => {
    const other = train(EXAMPLES.filter((e) => e.labels[0] !== 'pin'), { seed: 7 }).model;
    expect(() => scopeScoreText(profile, other, 'pin is blocked')).toThrow(/another model/);
    const wrong: ScopeProfile = { ...profile, model: { ...profile.model, rows: profile.model.rows + 1 } };
    expect(() => scopeScoreText(wrong, model, 'pin is blocked')).toThrow(/another model/);
  });

  it('scores in [0, 1], and higher for less familiar texts', () => {
    const known = scopeScoreText(profile, model, 'refund my money please');
    const half = scopeScoreText(profile, model, 'refund my xylophone zeppelin gizmo');
    const none = scopeScoreText(profile, model, 'xylophone zeppelin gizmo');
    expect(known.score).toBeLessThan(half.score);
    expect(half.score).toBeLessThanOrEqual(none.score);
    for (const s of [known, half, none]) expect(s.score >= 0 && s.score <= 1).toBe(true);
  });
});
