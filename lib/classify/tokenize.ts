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
//
// The hot path (scanTokens, used by featurize) allocates nothing per text for ASCII input: the normalised text is
// written as UTF-16 code units into a reused buffer (lowercased on the fly), and tokens are index ranges into it.
// Non-ASCII input goes through String.prototype.normalize exactly as `normalize` describes, then the same scan.
// Character classes are per UTF-16 code unit (a surrogate pair is classified as one code point, see classify()).

export interface TokenizeOptions {
  lowercase: boolean;
  stripAccents: boolean;
  numberShapes: boolean;
}

export const AMOUNT_TOKEN = '<amount>';

const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const DIGIT = /\p{Nd}/u;

const CURRENCY_SYMBOLS = new Set(['$', '€', '£', '¥', '₹', '₽', '₩', '₺', '¢']);
const CURRENCY_WORDS = [
  'kr', 'sek', 'nok', 'dkk', 'usd', 'eur', 'gbp', 'chf', 'jpy', 'cad', 'aud', 'inr',
  'dollar', 'dollars', 'euro', 'euros', 'pound', 'pounds', 'krona', 'kronor', 'krone', 'kroner',
  'yen', 'cents', 'cent', 'bucks', 'rupees', 'francs',
];
/** currency words by length, as code-unit arrays (compared against token ranges without slicing) */
const CURRENCY_WORDS_BY_LENGTH: Uint16Array[][] = [];
for (const w of CURRENCY_WORDS) (CURRENCY_WORDS_BY_LENGTH[w.length] ??= []).push(Uint16Array.from(w, (c) => c.charCodeAt(0)));

/** Character classes (per UTF-16 code unit) and token kinds. */
export const SEP = 0, LETTER = 1, DIGIT_CLASS = 2, CURRENCY = 3, APOS = 4;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[a-zA-Z]/.test(ch)) ASCII_CLASS[c] = LETTER;
  else if (/[0-9]/.test(ch)) ASCII_CLASS[c] = DIGIT_CLASS;
  else if (ch === '$') ASCII_CLASS[c] = CURRENCY;
  else if (ch === "'") ASCII_CLASS[c] = APOS;
}
/** class of a single non-ASCII code unit (as a one-unit string), filled lazily; 255 = not yet known */
const UNIT_CLASS = new Uint8Array(0x10000).fill(255);

/** Class of the string `ch` (one code unit, or the two units starting at a high surrogate): tested as a whole. */
function classOfString(ch: string): number {
  if (LETTER_OR_MARK.test(ch)) return LETTER;
  if (DIGIT.test(ch)) return DIGIT_CLASS;
  if (CURRENCY_SYMBOLS.has(ch)) return CURRENCY;
  return SEP;
}

/**
 * Classes of the code units of `s` into `classes`. A high surrogate with a unit after it is classified together with
 * that unit (s.slice(i, i + 2), tested as a whole); a low surrogate that is not the first unit inherits the class of
 * the unit before it; any other non-ASCII unit is classified on its own.
 */
function classify(s: string, n: number, classes: Uint8Array): void {
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) classes[i] = ASCII_CLASS[c]!;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) classes[i] = classOfString(s.slice(i, i + 2));
    else if (c >= 0xdc00 && c <= 0xdfff && i > 0) classes[i] = classes[i - 1]!;
    else {
      let k = UNIT_CLASS[c]!;
      if (k === 255) UNIT_CLASS[c] = k = classOfString(s.charAt(i));
      classes[i] = k;
    }
  }
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

function normalizeNonAscii(text: string, opts: TokenizeOptions): string {
  let s = text.normalize('NFKC').replace(APOSTROPHES, "'");
  if (opts.stripAccents) s = s.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
  return opts.lowercase ? s.toLowerCase() : s;
}

export function normalize(text: string, opts: TokenizeOptions): string {
  if (typeof text !== 'string') throw new TypeError(`expected a text string, got ${text === null ? 'null' : typeof text}`);
  if (!isAscii(text)) return normalizeNonAscii(text, opts);
  return opts.lowercase ? text.toLowerCase() : text;
}

/**
 * A text scanned into tokens, in buffers reused from one scan to the next: the normalised text as code units
 * (number tokens already shaped when numberShapes is on) with their classes, and the tokens as index ranges.
 */
export class TokenScan {
  /** normalised text, code units [0, length) */
  units = new Uint16Array(256);
  classes = new Uint8Array(256);
  length = 0;
  /** token t is units[starts[t], ends[t]) of kind kinds[t] (LETTER, DIGIT_CLASS or CURRENCY) */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  kinds = new Uint8Array(64);
  count = 0;
  /** number of amount markers (see header) */
  amounts = 0;

  /** @internal */
  reserveUnits(n: number): void {
    if (n <= this.units.length) return;
    const cap = Math.max(n, this.units.length * 2);
    this.units = new Uint16Array(cap);
    this.classes = new Uint8Array(cap);
  }

  /** @internal */
  growTokens(): void {
    const cap = this.starts.length * 2;
    const starts = new Int32Array(cap), ends = new Int32Array(cap), kinds = new Uint8Array(cap);
    starts.set(this.starts);
    ends.set(this.ends);
    kinds.set(this.kinds);
    this.starts = starts;
    this.ends = ends;
    this.kinds = kinds;
  }
}

const sharedScan = new TokenScan();

/** Loads the normalised text into scan.units / scan.classes. */
function load(text: string, opts: TokenizeOptions, scan: TokenScan): void {
  if (typeof text !== 'string') throw new TypeError(`expected a text string, got ${text === null ? 'null' : typeof text}`);
  let n = text.length;
  scan.reserveUnits(n);
  let units = scan.units, classes = scan.classes;
  const lower = opts.lowercase;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) break;
    // ASCII: toLowerCase only maps A-Z
    units[i] = lower && c >= 65 && c <= 90 ? c + 32 : c;
    classes[i] = ASCII_CLASS[c]!;
  }
  if (i < n) {
    const s = normalizeNonAscii(text, opts);
    n = s.length;
    scan.reserveUnits(n);
    units = scan.units;
    classes = scan.classes;
    for (let j = 0; j < n; j++) units[j] = s.charCodeAt(j);
    classify(s, n, classes);
  }
  scan.length = n;
}

function isCurrencyWord(units: Uint16Array, start: number, end: number): boolean {
  const words = CURRENCY_WORDS_BY_LENGTH[end - start];
  if (!words) return false;
  for (const w of words) {
    let j = 0;
    while (j < w.length && units[start + j] === w[j]) j++;
    if (j === w.length) return true;
  }
  return false;
}

/**
 * Normalises and tokenises `text` into `scan` (default: a shared scan, valid until the next call that uses it).
 * The tokens are exactly those of `tokenize` (see header), as index ranges.
 */
export function scanTokens(text: string, opts: TokenizeOptions, scan: TokenScan = sharedScan): TokenScan {
  load(text, opts, scan);
  const n = scan.length, units = scan.units, classes = scan.classes, shapes = opts.numberShapes;
  let T = 0;
  let i = 0;
  while (i < n) {
    const k = classes[i]!;
    if (k === SEP || k === APOS) {
      i++;
      continue;
    }
    const start = i;
    if (k === CURRENCY) {
      const c = units[i]!;
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      if (i > n) i = n;
    } else if (k === LETTER) {
      i++;
      while (i < n) {
        const kk = classes[i]!;
        if (kk === LETTER) i++;
        else if (kk === APOS && i + 1 < n && classes[i + 1] === LETTER) i += 2;
        else break;
      }
    } else {
      // digits, with inner '.' or ',' followed by a digit
      i++;
      while (i < n) {
        const kk = classes[i]!;
        if (kk === DIGIT_CLASS) i++;
        else {
          const c = units[i]!;
          if ((c === 46 || c === 44) && i + 1 < n && classes[i + 1] === DIGIT_CLASS) i += 2;
          else break;
        }
      }
      if (shapes) {
        for (let j = start; j < i; j++) {
          const c = units[j]!;
          if (c !== 46 && c !== 44) units[j] = 48; // every code unit but the separators becomes '0'
        }
      }
    }
    if (T === scan.starts.length) scan.growTokens();
    scan.starts[T] = start;
    scan.ends[T] = i;
    scan.kinds[T] = k;
    T++;
  }
  const kinds = scan.kinds;
  let amounts = 0;
  for (let t = 0; t < T; t++) {
    if (kinds[t] !== DIGIT_CLASS) continue;
    const prev = t > 0 ? kinds[t - 1] : SEP;
    const next = t + 1 < T ? kinds[t + 1] : SEP;
    if (prev === CURRENCY || next === CURRENCY || (next === LETTER && isCurrencyWord(units, scan.starts[t + 1]!, scan.ends[t + 1]!))) amounts++;
  }
  scan.count = T;
  scan.amounts = amounts;
  return scan;
}

/** The code units [start, end) as a string (chunked: a token may be longer than an argument list may be). */
function unitsToString(units: Uint16Array, start: number, end: number): string {
  let out = '';
  for (let a = start; a < end; a += 8192) out += String.fromCharCode(...units.subarray(a, Math.min(end, a + 8192)));
  return out;
}

/** Normalised tokens of `text` (see header). Amount markers are returned separately. */
export function tokenize(text: string, opts: TokenizeOptions): { tokens: string[]; amounts: number } {
  const scan = scanTokens(text, opts, new TokenScan());
  const tokens: string[] = new Array(scan.count);
  for (let t = 0; t < scan.count; t++) tokens[t] = unitsToString(scan.units, scan.starts[t]!, scan.ends[t]!);
  return { tokens, amounts: scan.amounts };
}
