// The featurization is part of every trained artifact (artifacts store bucket ids), so the single-pass extractor
// must give exactly the ids and counts of the engine before issue 15. The reference below is that engine's
// tokenize.ts / hash.ts / features.ts code, kept verbatim apart from names (a straightforward string-per-token
// implementation), and compared on random texts: unicode, digits, currency, apostrophes, surrogate pairs (also lone
// ones), empty and long texts, under random feature specs.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_FEATURE_SPEC, extractRaw, featurize, type FeatureSpec } from './features';
import { normalize, tokenize, type TokenizeOptions } from './tokenize';
import { Vocabulary, type Resolved } from './vocabulary';

// ---- reference: the pre-issue-15 implementation -------------------------------------------------------------------

const REF_AMOUNT_TOKEN = '<amount>';
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const DIGIT = /\p{Nd}/u;
const CURRENCY_SYMBOLS = new Set(['$', '€', '£', '¥', '₹', '₽', '₩', '₺', '¢']);
const CURRENCY_WORDS = new Set([
  'kr', 'sek', 'nok', 'dkk', 'usd', 'eur', 'gbp', 'chf', 'jpy', 'cad', 'aud', 'inr',
  'dollar', 'dollars', 'euro', 'euros', 'pound', 'pounds', 'krona', 'kronor', 'krone', 'kroner',
  'yen', 'cents', 'cent', 'bucks', 'rupees', 'francs',
]);
const SEP = 0, LETTER = 1, DIGIT_CLASS = 2, CURRENCY = 3, APOS = 4;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[a-zA-Z]/.test(ch)) ASCII_CLASS[c] = LETTER;
  else if (/[0-9]/.test(ch)) ASCII_CLASS[c] = DIGIT_CLASS;
  else if (ch === '$') ASCII_CLASS[c] = CURRENCY;
  else if (ch === "'") ASCII_CLASS[c] = APOS;
}

function refCharClass(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return ASCII_CLASS[c]!;
  let ch: string;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) ch = s.slice(i, i + 2);
  else if (c >= 0xdc00 && c <= 0xdfff && i > 0) return refCharClass(s, i - 1);
  else ch = s.charAt(i);
  if (LETTER_OR_MARK.test(ch)) return LETTER;
  if (DIGIT.test(ch)) return DIGIT_CLASS;
  if (CURRENCY_SYMBOLS.has(ch)) return CURRENCY;
  return SEP;
}

function refNormalize(text: string, opts: TokenizeOptions): string {
  let s = text;
  if (!ASCII_ONLY.test(s)) {
    s = s.normalize('NFKC').replace(APOSTROPHES, "'");
    if (opts.stripAccents) s = s.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
  }
  return opts.lowercase ? s.toLowerCase() : s;
}

function refNumberShape(tok: string): string {
  let out = '';
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    out += c === 46 || c === 44 ? tok[i] : '0';
  }
  return out;
}

function refTokenize(text: string, opts: TokenizeOptions): { tokens: string[]; amounts: number } {
  const s = refNormalize(text, opts);
  const tokens: string[] = [];
  const kinds: number[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const k = refCharClass(s, i);
    if (k === SEP || k === APOS) {
      i++;
      continue;
    }
    const start = i;
    if (k === CURRENCY) {
      i += s.charCodeAt(i) >= 0xd800 && s.charCodeAt(i) <= 0xdbff ? 2 : 1;
      tokens.push(s.slice(start, i));
      kinds.push(CURRENCY);
      continue;
    }
    if (k === LETTER) {
      i++;
      while (i < n) {
        const kk = refCharClass(s, i);
        if (kk === LETTER) i++;
        else if (kk === APOS && i + 1 < n && refCharClass(s, i + 1) === LETTER) i += 2;
        else break;
      }
      tokens.push(s.slice(start, i));
      kinds.push(LETTER);
      continue;
    }
    i++;
    while (i < n) {
      const kk = refCharClass(s, i);
      if (kk === DIGIT_CLASS) i++;
      else {
        const c = s.charCodeAt(i);
        if ((c === 46 || c === 44) && i + 1 < n && refCharClass(s, i + 1) === DIGIT_CLASS) i += 2;
        else break;
      }
    }
    const tok = s.slice(start, i);
    tokens.push(opts.numberShapes ? refNumberShape(tok) : tok);
    kinds.push(DIGIT_CLASS);
  }
  let amounts = 0;
  for (let t = 0; t < tokens.length; t++) {
    if (kinds[t] !== DIGIT_CLASS) continue;
    const prev = t > 0 ? kinds[t - 1] : SEP;
    const next = t + 1 < tokens.length ? kinds[t + 1] : SEP;
    if (prev === CURRENCY || next === CURRENCY || (next === LETTER && CURRENCY_WORDS.has(tokens[t + 1]!))) amounts++;
  }
  return { tokens, amounts };
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const refFnvStep = (h: number, code: number) => Math.imul(h ^ code, 0x01000193);
function refFmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
function refHashString(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = refFnvStep(h, s.charCodeAt(i));
  return h;
}
const refCombine = (a: number, b: number) => refFmix32((Math.imul(a, 0x9e3779b1) ^ b) + 0x27d4eb2d);
const WORD_SEED = FNV_OFFSET;
const CHAR_SEED = refFmix32(FNV_OFFSET ^ 0x5bd1e995);
const BOUNDARY = 0x0001;

function refFeaturize(text: string, spec: FeatureSpec): { ids: number[]; counts: number[] } {
  const { tokens, amounts } = refTokenize(text, spec);
  const [wmin, wmax] = spec.wordNgrams;
  const wmask = spec.wordBuckets - 1;
  const cmask = spec.charBuckets - 1;
  const coff = spec.wordBuckets;
  const buf: number[] = [];
  const wh = tokens.map((t) => refHashString(t, WORD_SEED));
  for (let t = 0; t < tokens.length; t++) {
    let h = wh[t]!;
    for (let n = 1; n <= wmax && t + n <= tokens.length; n++) {
      if (n > 1) h = refCombine(h, wh[t + n - 1]!);
      if (n >= wmin) buf.push(refFmix32(h + n) & wmask);
    }
  }
  for (let i = 0; i < amounts; i++) buf.push(refFmix32(refHashString(REF_AMOUNT_TOKEN, WORD_SEED) + 1) & wmask);
  if (spec.charNgrams) {
    const [cmin, cmax] = spec.charNgrams;
    for (const tok of tokens) {
      const p = tok.length + 2;
      for (let i = 0; i + cmin <= p; i++) {
        let h = CHAR_SEED;
        const end = Math.min(p, i + cmax);
        for (let j = i; j < end; j++) {
          const code = j === 0 || j === p - 1 ? BOUNDARY : tok.charCodeAt(j - 1);
          h = refFnvStep(h, code);
          if (j - i + 1 >= cmin) buf.push(coff + (refFmix32(h) & cmask));
        }
      }
    }
  }
  const raw = Int32Array.from(buf).sort();
  const ids: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (i === 0 || raw[i] !== raw[i - 1]) {
      ids.push(raw[i]!);
      counts.push(1);
    } else counts[counts.length - 1]!++;
  }
  return { ids, counts };
}

// ---- generators ---------------------------------------------------------------------------------------------------

/** Pieces that exercise every branch of the tokenizer, mixed with random code units and code points. */
const PIECES = [
  'a', 'Z', 'card', 'Hasn', "'t", "'", ' ', '  ', '\n', '\t', '.', ',', '!', '?', '-', '/', '0', '7', '349', '1,299.50', '3.', ',5',
  '$', '€', '£', '¥', '₹', '₽', '₩', '₺', '¢', 'kr', 'KR', 'sek', 'usd', 'euros', 'dollars', 'Kronor', 'bucks', 'kr.',
  '\u2018', '\u2019', '\u02bc', '`', '\u00b4', 'é', 'É', 'e\u0301', '\u0301', 'Å', 'ö', 'ß', 'İ', 'ﬁ', 'Ⅻ', '½', '３', '٣', '४',
  '漢字', 'Ελλάδα', 'Москва', 'שלום', 'مرحبا', '😀', '👍🏽', '𝟙', '𝐀', '\ud800', '\udc00', '\udbff\udfff', '\ud83d',
  '\u0000', '\u0001', '\u00a0', '\u200b', '\ufeff', '\uff04', '\u20a0', 'ǅ', 'ﬀ', '…',
];
const piece = fc.oneof(
  { arbitrary: fc.constantFrom(...PIECES), weight: 8 },
  { arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), weight: 1 },
  { arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)), weight: 1 },
  { arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), weight: 3 },
);
const text = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));

const pow2 = (min: number, max: number) => fc.integer({ min, max }).map((e) => 2 ** e);
const spec: fc.Arbitrary<FeatureSpec> = fc.record({
  version: fc.constant(1 as const),
  lowercase: fc.boolean(),
  stripAccents: fc.boolean(),
  numberShapes: fc.boolean(),
  wordNgrams: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 })).map(([a, d]) => [a, a + d] as [number, number]),
  charNgrams: fc.option(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 })).map(([a, d]) => [a, a + d] as [number, number]), { nil: null }),
  wordBuckets: pow2(1, 28),
  charBuckets: pow2(1, 28),
});
const specOrDefault = fc.oneof(fc.constant(DEFAULT_FEATURE_SPEC), spec);

function expectSameFeatures(t: string, s: FeatureSpec): void {
  const want = refFeaturize(t, s);
  const got = featurize(t, s);
  expect(Array.from(got.ids)).toEqual(want.ids);
  expect(Array.from(got.counts)).toEqual(want.counts);
  // the raw ids (what prediction resolves directly) are the same multiset
  const raw = extractRaw(t, s);
  expect(raw.n).toBe(want.counts.reduce((a, b) => a + b, 0));
  expect(Array.from(raw.ids.slice(0, raw.n)).sort((a, b) => a - b)).toEqual(want.ids.flatMap((id, i) => Array<number>(want.counts[i]!).fill(id)));
}

describe('single-pass featurization equals the reference implementation', () => {
  it('normalize and tokenize: same strings, tokens and amount markers', () => {
    fc.assert(
      fc.property(text, spec, (t, s) => {
        expect(normalize(t, s)).toBe(refNormalize(t, s));
        expect(tokenize(t, s)).toEqual(refTokenize(t, s));
      }),
      { numRuns: 3000 },
    );
  });

  it('featurize: same bucket ids and counts for every text and spec', () => {
    fc.assert(fc.property(text, specOrDefault, (t, s) => expectSameFeatures(t, s)), { numRuns: 3000 });
  });

  it('the same on fast-check full-unicode and binary strings', () => {
    const any = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ maxLength: 80 }));
    fc.assert(fc.property(any, specOrDefault, (t, s) => expectSameFeatures(t, s)), { numRuns: 2000 });
  });

  it('edge cases: empty, separators only, one character, boundaries of the ASCII fast path', () => {
    const cases = [
      '', ' ', "'", "''a''", 'a', 'A', '$', '$$', '9', '9.', '.9', '1,2,3', '1..2', "don't", "o'clock'", "'tis", 'rock\u2019n\u2019roll',
      'I paid 349 kr and $20.50, hasn’t arrived ﬁne', '349kr', 'kr349', '20 euros', '€20', '20€', '£ 5', '5 USD', 'Ä', 'äÄ', 'İstanbul',
      '\ud800', '\udc00', 'a\udc00', '\udc00a', '$\udc00', '1\udc00', '\ud800a', '\ud8001', '\ud800$', '😀😀', 'a😀b', '𝟙𝟚 kr', 'x'.repeat(300),
    ];
    for (const s of [DEFAULT_FEATURE_SPEC, { ...DEFAULT_FEATURE_SPEC, lowercase: false, numberShapes: false, stripAccents: true }]) {
      for (const t of cases) {
        expect(tokenize(t, s)).toEqual(refTokenize(t, s));
        expectSameFeatures(t, s);
      }
    }
  });

  it('long texts (transcripts of 1k to 200k characters, and one 100k-character token)', () => {
    const rng = fc.sample(fc.array(piece, { minLength: 200, maxLength: 400 }), { numRuns: 20, seed: 15 });
    const texts = rng.map((p, i) => p.join(' ').repeat(1 + (i % 5)));
    texts.push('my card has not arrived and I am waiting for a refund of 349 kr. '.repeat(3200));
    texts.push('Ärendet gäller ett kort som inte kommit fram, jag väntar på återbetalning på 349 kr. '.repeat(500));
    texts.push('a'.repeat(100_000), '1'.repeat(70_000) + ' kr');
    for (const t of texts) expectSameFeatures(t, DEFAULT_FEATURE_SPEC);
  });
});

describe('resolveRaw (raw ids, no sort) equals resolve(featurize(text))', () => {
  const corpus = fc.sample(text, { numRuns: 400, seed: 7 });
  /** a vocabulary of the buckets of `texts` (plus `extra` random ones), with made-up idf values */
  function vocabularyOf(texts: string[], s: FeatureSpec, extra: number): Vocabulary {
    const ids = new Set<number>();
    for (const t of texts) for (const id of featurize(t, s).ids) ids.add(id);
    let x = 99;
    while (ids.size < texts.length + extra) ids.add((x = (Math.imul(x, 0x2c1b3c6d) + 0x3a7) >>> 0) % (s.wordBuckets + s.charBuckets));
    const buckets = Int32Array.from([...ids].sort((a, b) => a - b));
    const idf = Float32Array.from(buckets, (b) => 1 + (b % 97) / 13);
    return new Vocabulary(buckets, idf, [1, 0.7], s);
  }
  function expectSameResolution(v: Vocabulary, t: string, s: FeatureSpec): void {
    const a: Resolved = { rows: new Int32Array(0), vals: new Float64Array(0), m: 0 };
    const b: Resolved = { rows: new Int32Array(0), vals: new Float64Array(0), m: 0 };
    v.resolve(featurize(t, s), a);
    const want = { rows: Array.from(a.rows.subarray(0, a.m)), vals: Array.from(a.vals.subarray(0, a.m)) };
    v.resolveRaw(extractRaw(t, s), b);
    expect({ rows: Array.from(b.rows.subarray(0, b.m)), vals: Array.from(b.vals.subarray(0, b.m)) }).toEqual(want);
  }

  it('walking the row bitmap: a vocabulary trained on part of the texts, unseen texts and repeated words', () => {
    const v = vocabularyOf(corpus.slice(0, 200), DEFAULT_FEATURE_SPEC, 0);
    for (const t of [...corpus, '', 'card card card card', 'x'.repeat(3000), corpus.join(' ')]) expectSameResolution(v, t, DEFAULT_FEATURE_SPEC);
  });

  it('sorting instead (a large vocabulary and short texts), and after the bitmap path on the same vocabulary', () => {
    const v = vocabularyOf(corpus.slice(0, 50), DEFAULT_FEATURE_SPEC, 1 << 18);
    for (const t of [...corpus.slice(0, 100), 'card card', corpus.join(' '), 'pin', '']) expectSameResolution(v, t, DEFAULT_FEATURE_SPEC);
  });

  it('any spec, any text', () => {
    fc.assert(
      fc.property(spec, fc.array(text, { minLength: 1, maxLength: 6 }), (s, texts) => {
        const v = vocabularyOf(texts.slice(1), s, 0);
        for (const t of texts) expectSameResolution(v, t, s);
      }),
      { numRuns: 300 },
    );
  });
});
