import { describe, expect, it } from 'vitest';
import { Rng, evaluate, serializeModel, type LabeledExample } from './index';
import { LONG_TEXT_CHARS, chooseLoss, train, trainAsync } from './train';

const FILLER = [
  'Agent: Thank you for contacting us, my name is Sam, how can I help you today?',
  'Agent: Could you confirm your full name and date of birth, please?',
  'Customer: Sure, it is Anna Novak, born 12/03/1985.',
  'Agent: Thanks for confirming. Please bear with me while I check your account.',
  'Customer: No rush, I am on my lunch break.',
  'Agent: I apologise for the wait, our systems are a little slow today.',
  'Customer: Ok, I will wait.',
  'Agent: Is there anything else I can help you with today?',
  'Customer: No, that is all, thanks.',
];
const SIGNAL: Record<string, string[]> = {
  card: ['my card has not arrived yet', 'where is the new card you sent', 'the card still is not delivered', 'I am waiting for my card in the post'],
  refund: ['I want my money back for the order', 'please refund the payment', 'the refund has not reached my account', 'how do I get a refund'],
  pin: ['I forgot my pin', 'my pin is blocked after three tries', 'how do I reset the pin number', 'the pin does not work at the machine'],
};

/** Long conversations: generic turns, and one customer sentence that carries the label. */
function conversations(n: number, seed: number): LabeledExample[] {
  const rng = new Rng(seed);
  const labels = Object.keys(SIGNAL);
  return Array.from({ length: n }, (_, i) => {
    const label = labels[i % labels.length]!;
    const turns = rng.shuffle(FILLER.slice());
    const signal = SIGNAL[label]!;
    turns.splice(1 + rng.nextInt(turns.length - 1), 0, `Customer: ${signal[rng.nextInt(signal.length)]!}`);
    return { text: turns.join('\n'), labels: [label] };
  });
}

const SHORT: LabeledExample[] = Object.entries(SIGNAL).flatMap(([label, texts]) => texts.flatMap((t) => [t, `${t} please`].map((text) => ({ text, labels: [label] }))));

describe('the default loss', () => {
  it('is softmax for short texts and hinge for long ones; an explicit loss wins', () => {
    expect(chooseLoss(SHORT)).toBe('softmax');
    const long = conversations(30, 1);
    expect(long.every((e) => e.text.length >= LONG_TEXT_CHARS)).toBe(true);
    expect(chooseLoss(long)).toBe('hinge');
    expect(chooseLoss([{ text: 'x'.repeat(LONG_TEXT_CHARS), labels: ['a'] }, { text: 'x'.repeat(LONG_TEXT_CHARS - 1), labels: ['b'] }])).toBe('softmax');
    expect(train(SHORT, { seed: 1 }).loss).toBe('softmax');
    expect(train(long, { seed: 1 }).loss).toBe('hinge');
    expect(train(long, { seed: 1, loss: 'softmax' }).loss).toBe('softmax');
    expect(train(SHORT, { seed: 1, loss: 'hinge' }).loss).toBe('hinge');
  });
});

describe('hinge (squared-hinge SVMs by dual coordinate descent)', () => {
  const data = conversations(150, 2);
  const test = conversations(60, 3);

  it('finds the one sentence that matters in long conversations, with calibrated scores', () => {
    const r = train(data, { seed: 1 });
    expect(r.loss).toBe('hinge');
    const ev = evaluate(r.model, test);
    expect(ev.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.evaluation!.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.model.temperature).toBeGreaterThan(0);
    for (const s of r.model.predict([test[0]!.text])[0]!) expect(s.score >= 0 && s.score <= 1).toBe(true);
  });

  it('is deterministic (same seed => same bytes; trainAsync = train) and depends on the seed', async () => {
    const a = serializeModel(train(data, { seed: 5 }).model);
    const b = serializeModel(train(data, { seed: 5 }).model);
    const c = serializeModel((await trainAsync(data, { seed: 5, sliceMs: 1 })).model);
    const d = serializeModel(train(data, { seed: 6 }).model);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(d))).toBe(false);
  });

  it('makes at most `epochs` passes and stops early once converged', () => {
    const passes = (opts: { epochs?: number }, examples: LabeledExample[]) => {
      let n = 0;
      train(examples, { seed: 1, holdoutFraction: 0, loss: 'hinge', ...opts, onProgress: () => void n++ });
      return n;
    };
    expect(passes({}, data)).toBeLessThanOrEqual(6);
    expect(passes({ epochs: 2 }, data)).toBe(2);
    // two well-separated short labels: converged long before 100 passes
    const easy = Array.from({ length: 20 }, (_, i) => ({ text: i % 2 ? `apple ${i}` : `zebra ${i}`, labels: [i % 2 ? 'a' : 'z'] }));
    expect(passes({ epochs: 100 }, easy)).toBeLessThan(100);
  });

  it('trains multi-label models (one SVM per label, sigmoid scores)', () => {
    const ml = data.map((e, i) => ({ text: i % 3 === 0 ? `${e.text}\nCustomer: also the app keeps crashing` : e.text, labels: i % 3 === 0 ? [e.labels[0]!, 'app'] : e.labels }));
    const r = train(ml, { seed: 1, multiLabel: true });
    expect(r.loss).toBe('hinge');
    const [p] = r.model.predict([`${test[0]!.text}\nCustomer: also the app keeps crashing`], { k: 2 });
    expect(p!.map((x) => x.label).sort()).toEqual([test[0]!.labels[0]!, 'app'].sort());
    expect(p!.every((x) => x.score > 0.5)).toBe(true);
  });

  it('takes l2 as C = 1 / (l2 * examples): a huge penalty leaves the model near the prior', () => {
    const strong = train(data, { seed: 1, l2: 10, holdoutFraction: 0 }).model;
    const weak = train(data, { seed: 1, holdoutFraction: 0 }).model;
    const top = (m: typeof weak) => m.predict([test[0]!.text], { k: 1 })[0]![0]!.score;
    expect(top(strong)).toBeLessThan(top(weak));
  });
});
