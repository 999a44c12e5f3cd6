import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { validDate } from './checksums';
import { amountAround, phoneWordBefore, referenceBefore } from './context';
import { gluedAfter, gluedBefore, ibanLike, isBreak, separatorBefore, type NumberChain } from './number-chains';
import type { PiiEntity } from './types';
import { work } from './work';

// Phone numbers are validated against libphonenumber-js's full metadata
// (number ranges per country and type), never by shape alone:
// - "+46 70 123 45 67", "0046 70-123 45 67", "+46 (0)70…": any country;
// - with a trunk 0 ("070-123 45 67", "08-123 456 78", "040 123 4567",
//   "020 7946 0958"): a valid number of Sweden, Finland, the UK or Germany;
// - without one, Norway and Denmark (8 digits) and North America (10): only
//   when written in a phone's groups ("912 34 567", "20 12 34 56",
//   "(415) 555-2671") or after a word like "phone", "ring", "nummer", since
//   an 8-digit order number is as likely to be a valid Danish number as not.
// A date, a time, an amount, a reference ("order 0701234567"), eleven digits
// in one run (unless a British mobile), and any part of a number written like
// a card or an IBAN are never a phone.

const TRUNK_COUNTRIES: readonly CountryCode[] = ['SE', 'FI', 'GB', 'DE'];
const EIGHT_DIGIT_COUNTRIES: readonly CountryCode[] = ['NO', 'DK'];
/** Candidate spans tried per chain at most (each costs a metadata lookup or a few): bounded work on hostile input. */
const MAX_LOOKUPS_PER_CHAIN = 24;

/** Group lengths written like an 8-digit Nordic number ("912 34 567", "22 12 34 56", "2012 3456"). */
const NORDIC_GROUPS = new Set(['2-2-2-2', '3-2-3', '4-4']);
const NANP_GROUPS = '3-3-4';

const DATE = /^(?:(\d{4})[./-](\d{1,2})[./-](\d{1,2})|(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4}))$/;
const TIME = /^\d{1,2}[.:]\d{2}(?:\s?[-–]\s?\d{1,2}[.:]\d{2})?$/;

/** "2024-03-05", "05/03/2024", "5.3.24": a date, whichever order its parts are in. */
export function looksLikeDate(raw: string): boolean {
  const m = DATE.exec(raw);
  if (!m) return false;
  if (m[1]) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  const a = Number(m[4]);
  const b = Number(m[5]);
  const y = Number(m[6]);
  return validDate(y, b, a, m[6]!.length === 4) || validDate(y, a, b, m[6]!.length === 4);
}

function validIn(number: string, countries: readonly (CountryCode | undefined)[]): boolean {
  for (const country of countries) {
    work.phoneLookups++;
    if (parsePhoneNumberFromString(number, country)?.isValid()) return true;
  }
  return false;
}

interface Budget {
  lookups: number;
}

/** Whether groups `from`..`to` of the chain are a phone number. */
function isPhoneSpan(text: string, chain: NumberChain, from: number, to: number, start: number, budget: Budget): boolean {
  work.spans++;
  const groups = chain.groups;
  let digits = '';
  const lengths: number[] = [];
  let dotOrSlash = 0;
  for (let g = from; g <= to; g++) {
    const part = text.slice(groups[g]!.start, groups[g]!.end);
    if (g > from) {
      const sep = separatorBefore(text, chain, g);
      // "+46 (0)70 …": the trunk 0 in parentheses is not dialled from abroad
      if (part === '0' && sep.endsWith('(') && text[groups[g]!.end] === ')') continue;
      if (/[./]/.test(sep)) dotOrSlash++;
    }
    digits += part;
    lengths.push(part.length);
  }
  let international = from === 0 && chain.plus;
  if (!international && digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  }
  const end = groups[to]!.end;
  if (international) {
    if (digits.length < 7 || digits.length > 15) return false;
    if (referenceBefore(text, start) || budget.lookups-- <= 0) return false;
    return validIn(`+${digits}`, [undefined]);
  }
  const raw = text.slice(start, end);
  if (looksLikeDate(raw) || TIME.test(raw)) return false;
  const pattern = lengths.join('-');
  let countries: readonly CountryCode[];
  if (digits[0] === '0') {
    if (digits.length < 8 || digits.length > 11) return false;
    // eleven digits in one run: only a British mobile ("07911123456"); Nordic numbers are shorter
    if (digits.length === 11 && from === to && !digits.startsWith('07')) return false;
    // dots and slashes are dates and amounts, except "08/123 45 67" (after the area code)
    if (dotOrSlash > 1 || (dotOrSlash === 1 && !/^[/]$/.test(separatorBefore(text, chain, from + 1).trim()))) return false;
    countries = digits.length === 11 && from === to ? ['GB'] : TRUNK_COUNTRIES;
  } else {
    const nordic = digits.length === 8 && NORDIC_GROUPS.has(pattern);
    const nanp = digits.length === 10 && pattern === NANP_GROUPS;
    if (digits.length !== 8 && digits.length !== 10) return false;
    if (dotOrSlash && !nanp) return false;
    // without a trunk 0 the groups must be the number's own, and alone in their chain
    // (two "4-4" halves of a card number that fails Luhn are not two Danish phones)
    const alone = from === 0 && to === groups.length - 1;
    if (!((nordic || nanp) && alone) && !phoneWordBefore(text, start)) return false;
    countries = digits.length === 8 ? EIGHT_DIGIT_COUNTRIES : ['US'];
  }
  if (amountAround(text, start, end) || referenceBefore(text, start)) return false;
  if ((budget.lookups -= countries.length) < 0) return false;
  return validIn(digits, countries);
}

/** Written like a card number (4-4-4-4, 4-6-5, 13–19 digits in one run): no phone is written so, and none is inside one. */
function cardShaped(text: string, chain: NumberChain): boolean {
  const lengths = chain.groups.map((g) => g.end - g.start);
  const total = lengths.reduce((a, b) => a + b, 0);
  if (total < 13 || total > 19) return false;
  const pattern = lengths.join('-');
  if (lengths.length === 1) return !chain.plus && !text.startsWith('00', chain.groups[0]!.start);
  return /^(?:4-){2,4}\d$/.test(pattern) || pattern === '4-6-5' || pattern === '4-6-4';
}

/** Phone numbers among the number chains: the longest valid span from each group where a number can begin. */
export function detectPhones(text: string, chains: readonly NumberChain[], out: PiiEntity[]): void {
  for (const chain of chains) {
    const groups = chain.groups;
    if (chain.end - chain.start < 7 || ibanLike(text, chain) || cardShaped(text, chain)) continue;
    const budget: Budget = { lookups: MAX_LOOKUPS_PER_CHAIN };
    for (let from = 0; from < groups.length && budget.lookups > 0; from++) {
      let start = groups[from]!.start;
      if (from === 0) {
        start = chain.start;
        if (gluedBefore(text, start)) continue;
      } else {
        const sep = separatorBefore(text, chain, from);
        if (!isBreak(sep)) continue;
        if (sep.endsWith('(')) start--;
      }
      let found = -1;
      let total = 0;
      let to = from;
      for (; to < groups.length && to - from < 8; to++) {
        total += groups[to]!.end - groups[to]!.start;
        if (total > 17) break;
      }
      for (let end = to - 1; end >= from; end--) {
        if (end < groups.length - 1 && !isBreak(separatorBefore(text, chain, end + 1))) continue;
        if (end === groups.length - 1 && gluedAfter(text, groups[end]!.end)) continue;
        const g = groups[end]!;
        if (g.end - groups[from]!.start < 7) break;
        if (isPhoneSpan(text, chain, from, end, start, budget)) {
          found = end;
          break;
        }
      }
      if (found < 0) continue;
      const end = groups[found]!.end;
      // "(08) 123 45 67" keeps its parenthesis; "(070-123 45 67)" is a number in parentheses
      if (text[start] === '(' && !text.slice(start, end).includes(')')) start++;
      out.push({ type: 'PHONE', start, end });
      from = found;
    }
  }
}
