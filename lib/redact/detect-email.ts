import type { PiiEntity } from './types';

// E-mail addresses, found from each "@": the local part read leftwards (at
// most 64 characters: letters of any script, digits, . _ % + - '), the
// domain rightwards (at most 253: labels of letters, digits and hyphens,
// ending in a top-level domain of two or more letters). Never a regular
// expression over the text: "a@a@a@…" or a megabyte without "@" costs one pass.

const LOCAL_ASCII = /[A-Za-z0-9._%+\-'!#$&*=?^`{|}~]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const isLocalChar = (ch: string) => (ch.charCodeAt(0) < 128 ? LOCAL_ASCII.test(ch) : LETTER_OR_DIGIT.test(ch));
const isDomainChar = (ch: string) => {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46;
  return LETTER_OR_DIGIT.test(ch);
};
const TLD = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** A domain of at least two labels, the last one a top-level domain of letters. */
export function validDomain(domain: string): boolean {
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || !TLD.test(labels[labels.length - 1]!)) return false;
  return labels.every((l) => l.length <= 63 && LABEL.test(l));
}

/** E-mail addresses, left to right, never overlapping. */
export function detectEmails(text: string, out: PiiEntity[]): void {
  let floor = 0; // where the previous address ended: the next one's local part cannot reach into it
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > floor && at - start < 64 && isLocalChar(text[start - 1]!)) start--;
    // a local part does not start or end with a dot, nor start with quote-like punctuation
    while (start < at && /[.'\-]/.test(text[start]!)) start++;
    if (start === at || text[at - 1] === '.') continue;
    let end = at + 1;
    while (end < text.length && end - at <= 253 && isDomainChar(text[end]!)) end++;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    if (!validDomain(text.slice(at + 1, end))) continue;
    out.push({ type: 'EMAIL', start, end });
    floor = end;
    at = end - 1;
  }
}
