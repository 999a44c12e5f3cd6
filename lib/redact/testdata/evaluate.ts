import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PII_TYPES, type PiiEntity, type PiiType } from '../types';

// The labeled test set (pii.jsonl, written by generate-pii-set.ts) and how
// redaction is scored on it: shared by redact.test.ts and bench/redact.ts.

export interface LabeledSpan {
  type: PiiType;
  text: string;
  start: number;
  end: number;
}
export interface PiiCase {
  id: string;
  lang: 'en' | 'sv';
  text: string;
  entities: LabeledSpan[];
  /** decoys that must survive: no entity may touch them */
  keep: { text: string; start: number; end: number }[];
}

export const PII_SET_PATH = join(import.meta.dirname, 'pii.jsonl');

/** The test set, each labeled entity and decoy found in its text in the order listed. */
export function loadPiiSet(path = PII_SET_PATH): PiiCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const raw = JSON.parse(line) as { id: string; lang: 'en' | 'sv'; text: string; entities: { type: PiiType; text: string }[]; keep: string[] };
      let from = 0;
      const entities = raw.entities.map((e) => {
        const start = raw.text.indexOf(e.text, from);
        if (start < 0) throw new Error(`${raw.id}: "${e.text}" not found in its text`);
        from = start + e.text.length;
        return { ...e, start, end: from };
      });
      let at = 0;
      const keep = raw.keep.map((k) => {
        const start = raw.text.indexOf(k, at);
        if (start < 0) throw new Error(`${raw.id}: decoy "${k}" not found in its text`);
        at = start + 1;
        return { text: k, start, end: start + k.length };
      });
      return { id: raw.id, lang: raw.lang, text: raw.text, entities, keep };
    });
}

export interface TypeScore {
  /** labeled entities of this type */
  support: number;
  /** found with this type and exactly this span */
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** labeled entities of this type replaced whole, whatever type the match had */
  covered: number;
}

export interface PiiScore {
  byType: Record<PiiType, TypeScore>;
  decoys: { total: number; kept: number; rate: number };
  /** what went wrong, for reading */
  misses: { id: string; type: PiiType; text: string }[];
  falsePositives: { id: string; type: PiiType; text: string }[];
  lostDecoys: { id: string; text: string; by: string }[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

/** Precision, recall and F1 per type (exact span and type), coverage, and the share of decoys kept. */
export function scorePii(cases: readonly PiiCase[], find: (text: string) => PiiEntity[]): PiiScore {
  const counts = Object.fromEntries(PII_TYPES.map((t) => [t, { support: 0, tp: 0, fp: 0, fn: 0, covered: 0 }])) as Record<PiiType, { support: number; tp: number; fp: number; fn: number; covered: number }>;
  const score: PiiScore = { byType: {} as Record<PiiType, TypeScore>, decoys: { total: 0, kept: 0, rate: 1 }, misses: [], falsePositives: [], lostDecoys: [] };
  for (const c of cases) {
    const found = find(c.text);
    const matched = new Set<PiiEntity>();
    for (const e of c.entities) {
      const count = counts[e.type];
      count.support++;
      const hit = found.find((f) => f.type === e.type && f.start === e.start && f.end === e.end);
      if (hit) {
        count.tp++;
        matched.add(hit);
      } else {
        count.fn++;
        score.misses.push({ id: c.id, type: e.type, text: e.text });
      }
      if (found.some((f) => f.start <= e.start && f.end >= e.end)) count.covered++;
    }
    for (const f of found) {
      if (matched.has(f)) continue;
      counts[f.type].fp++;
      score.falsePositives.push({ id: c.id, type: f.type, text: c.text.slice(f.start, f.end) });
    }
    for (const k of c.keep) {
      score.decoys.total++;
      const by = found.find((f) => f.start < k.end && f.end > k.start);
      if (by) score.lostDecoys.push({ id: c.id, text: k.text, by: `${by.type}:${c.text.slice(by.start, by.end)}` });
      else score.decoys.kept++;
    }
  }
  for (const t of PII_TYPES) {
    const { support, tp, fp, fn, covered } = counts[t];
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    score.byType[t] = { support, tp, fp, fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, covered };
  }
  score.decoys.rate = ratio(score.decoys.kept, score.decoys.total);
  return score;
}
