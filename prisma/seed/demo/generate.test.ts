import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateTranscripts, toTrainingExamples, type DemoTranscript } from './generate';
import {
  CHURN_RISKS, ISSUE_TYPES, MODEL_KEYS, OTHER_PRODUCT, PRODUCTS, ROOT_CAUSES, ROOT_CAUSE_PARENT, SENTIMENTS, TAXONOMY, isPlausible, labelNames,
} from './taxonomy';

const HELDOUT_PATH = fileURLToPath(new URL('./heldout.jsonl', import.meta.url));
const HELDOUT_OTHER_PATH = fileURLToPath(new URL('./heldout-other.jsonl', import.meta.url));

interface HeldOut {
  id: string; channel: string; text: string; product: string;
  issue_types: string[]; root_causes: string[]; sentiment: string; churn_risk: string;
}
const heldout: HeldOut[] = readFileSync(HELDOUT_PATH, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const heldoutOther: { id: string; channel: string; text: string; product: string }[] = readFileSync(HELDOUT_OTHER_PATH, 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

const corpus = generateTranscripts(2000, 20261128);

function words(t: string): string[] {
  return t.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
}
function shingles(t: string, n = 8): Set<string> {
  const w = words(t);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '));
  return out;
}
function checkLabels(product: string, issues: string[], rcs: string[], sentiment: string, churn: string) {
  expect(PRODUCTS).toContain(product);
  expect(SENTIMENTS).toContain(sentiment);
  expect(CHURN_RISKS).toContain(churn);
  if (product === OTHER_PRODUCT) {
    // about none of the products: no issue type, no root cause
    expect(issues).toEqual([]);
    expect(rcs).toEqual([]);
    return;
  }
  expect(issues.length).toBeGreaterThanOrEqual(1);
  expect(issues.length).toBeLessThanOrEqual(2);
  expect(new Set(issues).size).toBe(issues.length);
  for (const i of issues) expect(ISSUE_TYPES).toContain(i);
  expect(rcs.length).toBe(issues.length);
  for (const rc of rcs) {
    expect(ROOT_CAUSES).toContain(rc);
    expect(issues).toContain(ROOT_CAUSE_PARENT[rc]);
  }
  expect(new Set(rcs.map((rc) => ROOT_CAUSE_PARENT[rc])).size).toBe(issues.length); // one root cause per issue type
}

describe('taxonomy', () => {
  it('has the fixed model ids and label sets', () => {
    expect(MODEL_KEYS.map((k) => TAXONOMY[k].id)).toEqual([42, 87, 156, 201, 244]);
    expect(labelNames('product')).toEqual([...PRODUCTS]);
    expect(PRODUCTS.at(-1)).toBe(OTHER_PRODUCT);
    expect(labelNames('issueType')).toEqual([...ISSUE_TYPES]);
    expect(labelNames('rootCause')).toEqual(ROOT_CAUSES);
    expect(ROOT_CAUSES).toHaveLength(18);
    for (const l of TAXONOMY.rootCause.labels) expect(l.parent).toBe(ROOT_CAUSE_PARENT[l.name]);
    for (const k of MODEL_KEYS) for (const l of TAXONOMY[k].labels) expect(l.description.length).toBeGreaterThan(10);
    expect(TAXONOMY.issueType.multiLabel && TAXONOMY.rootCause.multiLabel).toBe(true);
    expect(isPlausible('Streaming', 'Coverage gap')).toBe(false);
    expect(isPlausible('Fiber', 'Missed installation')).toBe(true);
  });
});

describe('generateTranscripts', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateTranscripts(300, 7);
    const b = generateTranscripts(300, 7);
    expect(a).toEqual(b);
    const c = generateTranscripts(300, 8);
    expect(c.map((t) => t.text)).not.toEqual(a.map((t) => t.text));
  });

  it('produces labels consistent with the taxonomy and plausible for the product', () => {
    for (const t of corpus) {
      const l = t.labels;
      checkLabels(l.product, l.issueTypes, l.rootCauses, l.sentiment, l.churnRisk);
      for (const rc of l.rootCauses) expect(isPlausible(l.product, rc), `${l.product} / ${rc}`).toBe(true);
      if (l.issueTypes.includes('Cancellation')) expect(l.churnRisk).toBe('High');
    }
  });

  it('uses every label of every model', () => {
    const seen = new Set(corpus.flatMap((t) => [t.labels.product, ...t.labels.issueTypes, ...t.labels.rootCauses, t.labels.sentiment, t.labels.churnRisk]));
    for (const k of MODEL_KEYS) for (const name of labelNames(k)) expect(seen, `${k}: ${name}`).toContain(name);
  });

  it('has realistic, non-uniform distributions', () => {
    const share = (f: (t: DemoTranscript) => boolean) => corpus.filter(f).length / corpus.length;
    const high = share((t) => t.labels.churnRisk === 'High');
    expect(high).toBeGreaterThan(0.08);
    expect(high).toBeLessThan(0.2);
    expect(share((t) => t.labels.issueTypes.includes('Billing'))).toBeGreaterThan(share((t) => t.labels.issueTypes.includes('Account')));
    expect(share((t) => t.labels.sentiment === 'Satisfied')).toBeGreaterThan(share((t) => t.labels.sentiment === 'Angry'));
    const multi = share((t) => t.labels.issueTypes.length === 2);
    expect(multi).toBeGreaterThan(0.05);
    expect(multi).toBeLessThan(0.3);
    const other = share((t) => t.labels.product === OTHER_PRODUCT);
    expect(other).toBeGreaterThan(0.02);
    expect(other).toBeLessThan(0.12);
  });

  it('varies voice, length and channel style', () => {
    const n = (t: DemoTranscript) => words(t.text).length;
    const chats = corpus.filter((t) => t.channel === 'chat');
    const calls = corpus.filter((t) => t.channel === 'call');
    expect(chats.filter((t) => n(t) < 40).length / chats.length).toBeGreaterThan(0.1); // one-line chats
    expect(calls.filter((t) => n(t) > 250).length / calls.length).toBeGreaterThan(0.1); // long calls
    const share = (re: RegExp) => corpus.filter((t) => re.test(t.text)).length / corpus.length;
    expect(share(/\b(tack|takk|tak|hej|hei|alltså|faktura|abonnemang|abonnement|ikke)\b/i)).toBeGreaterThan(0.1); // Scandinavian English
    expect(share(/^Subject: /m)).toBeGreaterThan(0.05);
    expect(share(/\b(u|pls|thx|idk|tbh)\b/)).toBeGreaterThan(0.03); // chat shorthand
    expect(share(/\d ?(kr|kronor|SEK)\b|\d:-/)).toBeGreaterThan(0.1);
  });

  it('renders plausible transcripts with metadata', () => {
    const start = new Date('2026-11-28T00:00:00Z').getTime();
    const ids = new Set<string>();
    for (const t of corpus) {
      ids.add(t.externalId);
      expect(t.externalId).toMatch(/^demo-\d{6}$/);
      expect(['call', 'chat', 'email']).toContain(t.channel);
      expect(t.text).not.toMatch(/\{[a-z_0-9]+\}/); // no unfilled placeholders
      expect(t.text).not.toMatch(/\[[^\]\n]*\|[^\]\n]*\]/); // no unchosen [a|b] alternatives
      const n = words(t.text).length;
      expect(n).toBeGreaterThanOrEqual(5); // a one-line chat can be this short
      expect(n).toBeLessThanOrEqual(700);
      const ts = Date.parse(t.occurredAt);
      expect(ts).toBeLessThan(start);
      expect(ts).toBeGreaterThanOrEqual(start - 91 * 86400000);
      expect(t.agent && t.queue && t.customerId).toBeTruthy();
    }
    expect(ids.size).toBe(corpus.length);
    expect(new Set(corpus.map((t) => t.text)).size).toBe(corpus.length);
    const channels = new Set(corpus.map((t) => t.channel));
    expect(channels.size).toBe(3);
  });

  it('respects startDate and days', () => {
    const ts = generateTranscripts(200, 3, { startDate: new Date('2025-01-01T00:00:00Z'), days: 10 });
    for (const t of ts) {
      const d = Date.parse(t.occurredAt);
      expect(d).toBeLessThan(Date.parse('2025-01-01T00:00:00Z'));
      expect(d).toBeGreaterThanOrEqual(Date.parse('2024-12-21T00:00:00Z'));
    }
  });

  it('maps to training examples for every model', () => {
    const few = corpus.slice(0, 200);
    expect(toTrainingExamples(few, 'product').every((e, i) => e.labels[0] === few[i]!.labels.product && e.text === few[i]!.text)).toBe(true);
    // a contact about none of the products teaches Product "Other"; it has no issue type or root cause to teach
    const about = few.filter((t) => t.labels.product !== OTHER_PRODUCT);
    expect(about.length).toBeLessThan(few.length);
    for (const model of ['issueType', 'rootCause'] as const) {
      expect(toTrainingExamples(few, model).map((e) => e.text)).toEqual(about.map((t) => t.text));
    }
    const first = about[0]!;
    expect(toTrainingExamples(few, 'issueType')[0]!.labels).toEqual(first.labels.issueTypes);
    expect(toTrainingExamples(few, 'rootCause')[0]!.labels).toEqual(first.labels.rootCauses);
    expect(toTrainingExamples(few, 'sentiment')[0]!.labels).toEqual([first.labels.sentiment]);
    expect(toTrainingExamples(few, 'churnRisk')[0]!.labels).toEqual([first.labels.churnRisk]);
  });
});

describe('heldout.jsonl', () => {
  it('is valid and uses only known, consistent labels', () => {
    expect(heldout.length).toBeGreaterThanOrEqual(80);
    expect(new Set(heldout.map((h) => h.id)).size).toBe(heldout.length);
    for (const h of heldout) {
      expect(h.id).toMatch(/^ho-\d{3}$/);
      expect(['call', 'chat', 'email']).toContain(h.channel);
      expect(h.text.trim().length).toBeGreaterThan(40);
      checkLabels(h.product, h.issue_types, h.root_causes, h.sentiment, h.churn_risk);
    }
  });

  it('covers every label of every model at least 3 times', () => {
    const count = new Map<string, number>();
    const add = (k: string) => count.set(k, (count.get(k) ?? 0) + 1);
    for (const h of heldout) {
      add(`product:${h.product}`);
      h.issue_types.forEach((x) => add(`issueType:${x}`));
      h.root_causes.forEach((x) => add(`rootCause:${x}`));
      add(`sentiment:${h.sentiment}`);
      add(`churnRisk:${h.churn_risk}`);
    }
    // Product "Other" came after this set was written; heldout-other.jsonl holds its examples
    for (const k of MODEL_KEYS) for (const name of labelNames(k)) {
      if (k === 'product' && name === OTHER_PRODUCT) continue;
      expect(count.get(`${k}:${name}`) ?? 0, `${k}: ${name}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('does not appear (verbatim or nearly) in 2,000 generated transcripts', () => {
    const generated = new Set<string>();
    for (const t of corpus) for (const s of shingles(t.text)) generated.add(s);
    const joined = corpus.map((t) => words(t.text).join(' ')).join('\n');
    for (const h of heldout) {
      const hs = [...shingles(h.text)];
      const shared = hs.filter((s) => generated.has(s)).length;
      expect(shared / Math.max(1, hs.length), `${h.id} shares 8-word shingles`).toBeLessThan(0.1);
      expect(joined.includes(words(h.text).join(' ')), `${h.id} verbatim`).toBe(false);
    }
  });
});

describe('heldout-other.jsonl', () => {
  it('is valid: hand-written contacts about none of the products', () => {
    expect(heldoutOther.length).toBeGreaterThanOrEqual(25);
    expect(new Set(heldoutOther.map((h) => h.id)).size).toBe(heldoutOther.length);
    for (const h of heldoutOther) {
      expect(h.id).toMatch(/^oth-\d{3}$/);
      expect(['call', 'chat', 'email']).toContain(h.channel);
      expect(h.text.trim().length).toBeGreaterThan(40);
      expect(h.product).toBe(OTHER_PRODUCT);
    }
  });

  it('does not appear (verbatim or nearly) in 2,000 generated transcripts', () => {
    const generated = new Set<string>();
    for (const t of corpus) for (const s of shingles(t.text)) generated.add(s);
    for (const h of heldoutOther) {
      const hs = [...shingles(h.text)];
      const shared = hs.filter((s) => generated.has(s)).length;
      expect(shared / Math.max(1, hs.length), `${h.id} shares 8-word shingles`).toBeLessThan(0.1);
    }
  });
});
