import { isWordChar } from './context';

// Phone and card numbers are written in groups ("070-123 45 67", "4111 1111
// 1111 1111", "(415) 555-2671"). One pass over the text finds each chain of
// digit groups joined by short separators; the card and phone detectors then
// try the group-aligned spans of a chain. A scan, not a regular expression:
// linear in the text whatever it holds.

/** A run of digits. */
export interface DigitGroup {
  start: number;
  end: number;
}

export interface NumberChain {
  /** where the chain starts: its first digit, or a "+" or "(" right before it */
  start: number;
  end: number;
  groups: DigitGroup[];
  /** the chain starts with "+" (an international number) */
  plus: boolean;
}

/** A digit at `i` (local: a hot loop, no call through a module boundary). */
const isDigitAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * Chains with more groups than this are tables of numbers, not a phone or a
 * card: they are skipped whole (and only this many groups are kept), so one
 * hostile run of "1 2 3 4 …" costs one pass.
 */
export const MAX_CHAIN_GROUPS = 16;

// Separators inside a number: spaces (also no-break and thin), hyphens and dashes, dot, slash, parentheses.
const SOFT = new Set([' ', '\u00a0', '\u2009', '\u202f', '(', ')']);
const HARD = new Set(['-', '\u2010', '\u2011', '\u2012', '\u2013', '.', '/']);

/** The characters between two digit groups, if they join them: 1–3 separators with at most one hyphen, dot or slash. */
function joins(text: string, from: number): number {
  let hard = 0;
  let i = from;
  while (i < text.length && i - from < 3) {
    const ch = text[i]!;
    if (HARD.has(ch)) {
      if (++hard > 1) return -1;
    } else if (!SOFT.has(ch)) break;
    i++;
  }
  return i > from && i < text.length && isDigitAt(text, i) ? i : -1;
}

/** Every chain of digit groups in the text, left to right. Chains longer than MAX_CHAIN_GROUPS are left out. */
export function findNumberChains(text: string): NumberChain[] {
  const chains: NumberChain[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isDigitAt(text, i)) {
      i++;
      continue;
    }
    const groups: DigitGroup[] = [];
    let long = false;
    let pos = i;
    for (;;) {
      let end = pos;
      while (end < n && isDigitAt(text, end)) end++;
      if (groups.length < MAX_CHAIN_GROUPS) groups.push({ start: pos, end });
      else long = true;
      const next = joins(text, end);
      if (next < 0) {
        pos = end;
        break;
      }
      pos = next;
    }
    if (!long) {
      const first = groups[0]!.start;
      let start = first;
      let plus = false;
      if (text[start - 1] === '(' && text[start - 2] !== '(') start--;
      if (text[start - 1] === '+') {
        plus = true;
        start--;
        if (text[start - 1] === '(') start--;
      }
      chains.push({ start, end: groups[groups.length - 1]!.end, groups, plus });
    }
    i = pos;
  }
  return chains;
}

/** The digits of groups `from`..`to` (inclusive) of a chain. */
export function spanDigits(text: string, chain: NumberChain, from: number, to: number): string {
  let out = '';
  for (let g = from; g <= to; g++) out += text.slice(chain.groups[g]!.start, chain.groups[g]!.end);
  return out;
}

/** The separator text between group `g - 1` and group `g`. */
export const separatorBefore = (text: string, chain: NumberChain, g: number) => text.slice(chain.groups[g - 1]!.end, chain.groups[g]!.start);

/** A separator that may begin or end a number inside a chain (a space or parenthesis, not "-", "." or "/" alone). */
export const isBreak = (sep: string) => /[\s()]/.test(sep);

/**
 * The span is part of a longer token: a letter, digit, "@" or "#" right
 * before it, or "-", "/", "_" between it and a letter or digit ("INC-123456",
 * "#4521987", "CS-2024-88123"); a digit after a comma is a decimal ("1,299").
 */
export function gluedBefore(text: string, pos: number): boolean {
  const ch = text[pos - 1];
  if (ch === undefined) return false;
  if (isWordChar(ch) || ch === '@' || ch === '#' || ch === '&') return true;
  if (ch === '-' || ch === '/' || ch === '_' || ch === ',' || ch === '\u2011') return isWordChar(text[pos - 2]) && (ch !== ',' || isDigitAt(text, pos - 2));
  return false;
}

/** The same after the span: "123456abc", "349kr", "45%", "2024-88123-A", "1 299,50". */
export function gluedAfter(text: string, pos: number): boolean {
  const ch = text[pos];
  if (ch === undefined) return false;
  if (isWordChar(ch) || ch === '@' || ch === '%') return true;
  if (ch === '-' || ch === '/' || ch === '_' || ch === '\u2011') return isWordChar(text[pos + 1]);
  if (ch === ',' || ch === '.') return isDigitAt(text, pos + 1);
  return false;
}

const IBAN_HEAD = /(?:^|[^\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4})* ?$/u;

/**
 * The chain is the rest of an IBAN-like code ("DE29 8142 …" whose check digits
 * are wrong, "GB87 NWBK 1363 …"): none of its spans is a card or a phone.
 */
export function ibanLike(text: string, chain: NumberChain): boolean {
  const g = chain.groups[0]!;
  if (g.end - g.start === 2 && /[A-Z]{2}$/.test(text.slice(Math.max(0, g.start - 2), g.start)) && !/[\p{L}]/u.test(text[g.start - 3] ?? '')) return true;
  const before = text.slice(Math.max(0, chain.start - 32), chain.start);
  return /[A-Z]{2}\d{2}/.test(before) && IBAN_HEAD.test(before);
}
