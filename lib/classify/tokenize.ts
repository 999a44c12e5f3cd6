// Text normalisation and word tokenisation.
//
//   normalize: NFKC (skipped for pure-ASCII input, where it is the identity), lowercase,
//              optional accent stripping (NFD, drop combining marks), typographic apostrophes -> '.
//   tokenize:  words   = runs of letters/marks (an apostrophe between two letters stays inside: "hasn't");
//              numbers = runs of digits, optionally with inner "." or "," separators ("1,299.50");
//                        with numberShapes every digit becomes "0" ("1,299.50" -> "0,000.00"),
//                        so "2 weeks" and "3 weeks" share features;
//              currency symbols ($ € £ ¥ ₹ ₽ ₩ ₺ ¢) are one-character tokens;
//              everything else separates tokens. Letter<->digit transitions split ("349kr" -> "000" "kr").
//   Amounts:   a number next to a currency symbol or word ("349 kr", "$20", "20 euros") additionally yields
//              the marker AMOUNT_TOKEN, so "how do I pay 349 kr" and "pay $12" share an "amount" feature.
// Linear time in the text length.

export interface TokenizeOptions {
  lowercase: boolean;
  stripAccents: boolean;
  numberShapes: boolean;
}

export const AMOUNT_TOKEN = '<amount>';

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

// Character classes: 0 = separator, 1 = letter/mark, 2 = digit, 3 = currency symbol, 4 = apostrophe.
const SEP = 0, LETTER = 1, DIGIT_CLASS = 2, CURRENCY = 3, APOS = 4;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[a-zA-Z]/.test(ch)) ASCII_CLASS[c] = LETTER;
  else if (/[0-9]/.test(ch)) ASCII_CLASS[c] = DIGIT_CLASS;
  else if (ch === '$') ASCII_CLASS[c] = CURRENCY;
  else if (ch === "'") ASCII_CLASS[c] = APOS;
}

function charClass(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return ASCII_CLASS[c]!;
  // Surrogate pairs: classify the full code point from the high surrogate; the low surrogate inherits.
  let ch: string;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) ch = s.slice(i, i + 2);
  else if (c >= 0xdc00 && c <= 0xdfff && i > 0) return charClass(s, i - 1);
  else ch = s.charAt(i);
  if (LETTER_OR_MARK.test(ch)) return LETTER;
  if (DIGIT.test(ch)) return DIGIT_CLASS;
  if (CURRENCY_SYMBOLS.has(ch)) return CURRENCY;
  return SEP;
}

export function normalize(text: string, opts: TokenizeOptions): string {
  let s = text;
  if (!ASCII_ONLY.test(s)) {
    s = s.normalize('NFKC').replace(APOSTROPHES, "'");
    if (opts.stripAccents) s = s.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
  }
  return opts.lowercase ? s.toLowerCase() : s;
}

function numberShape(tok: string): string {
  let out = '';
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    out += c === 46 || c === 44 ? tok[i] : '0';
  }
  return out;
}

/** Normalised tokens of `text` (see header). Amount markers are returned separately. */
export function tokenize(text: string, opts: TokenizeOptions): { tokens: string[]; amounts: number } {
  const s = normalize(text, opts);
  const tokens: string[] = [];
  const kinds: number[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const k = charClass(s, i);
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
        const kk = charClass(s, i);
        if (kk === LETTER) i++;
        else if (kk === APOS && i + 1 < n && charClass(s, i + 1) === LETTER) i += 2;
        else break;
      }
      tokens.push(s.slice(start, i));
      kinds.push(LETTER);
      continue;
    }
    // digits, with inner '.' or ',' followed by a digit
    i++;
    while (i < n) {
      const kk = charClass(s, i);
      if (kk === DIGIT_CLASS) i++;
      else {
        const c = s.charCodeAt(i);
        if ((c === 46 || c === 44) && i + 1 < n && charClass(s, i + 1) === DIGIT_CLASS) i += 2;
        else break;
      }
    }
    const tok = s.slice(start, i);
    tokens.push(opts.numberShapes ? numberShape(tok) : tok);
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
