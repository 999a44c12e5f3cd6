import { luhnValid } from './checksums';
import { referenceBefore } from './context';
import { gluedAfter, gluedBefore, ibanLike, isBreak, separatorBefore, spanDigits, type NumberChain } from './number-chains';
import type { PiiEntity } from './types';

// Card brands by their issuer prefix (IIN) and the lengths each issues.
// A number that passes Luhn but matches no brand (an OCR payment reference,
// an IMEI) is left alone.
const BRANDS: readonly { test: (d: string) => boolean; lengths: readonly number[] }[] = [
  { test: (d) => d[0] === '4', lengths: [13, 16, 19] }, // Visa
  { test: (d) => inRange(d, 2, 51, 55) || inRange(d, 4, 2221, 2720), lengths: [16] }, // Mastercard
  { test: (d) => d.startsWith('34') || d.startsWith('37'), lengths: [15] }, // American Express
  { test: (d) => d.startsWith('6011') || d.startsWith('65') || inRange(d, 3, 644, 649) || inRange(d, 6, 622126, 622925), lengths: [16, 17, 18, 19] }, // Discover
  { test: (d) => inRange(d, 3, 300, 305) || d.startsWith('36') || d.startsWith('38') || d.startsWith('39') || d.startsWith('3095'), lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { test: (d) => inRange(d, 4, 3528, 3589), lengths: [16, 17, 18, 19] }, // JCB
  { test: (d) => d.startsWith('62') || d.startsWith('81'), lengths: [16, 17, 18, 19] }, // UnionPay
  { test: (d) => inRange(d, 4, 2200, 2204), lengths: [16, 17, 18, 19] }, // Mir
  { test: (d) => d.startsWith('50') || inRange(d, 2, 56, 69) || d.startsWith('6759') || d.startsWith('676770') || d.startsWith('676774'), lengths: [12, 13, 14, 15, 16, 17, 18, 19] }, // Maestro
];

function inRange(digits: string, n: number, lo: number, hi: number): boolean {
  const v = Number(digits.slice(0, n));
  return v >= lo && v <= hi;
}

/** A known brand issues card numbers with these digits' prefix and length. */
export function cardBrandKnown(digits: string): boolean {
  return BRANDS.some((b) => b.lengths.includes(digits.length) && b.test(digits));
}

/** A payment card number: 13–19 digits (as one run, or in groups of 3–6 joined by spaces or hyphens), a known issuer prefix and Luhn. */
export function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && cardBrandKnown(digits) && luhnValid(digits);
}

/** Card numbers among the number chains. */
export function detectCards(text: string, chains: readonly NumberChain[], out: PiiEntity[]): void {
  for (const chain of chains) {
    const groups = chain.groups;
    if (chain.end - chain.start < 13 || ibanLike(text, chain)) continue;
    for (let from = 0; from < groups.length; from++) {
      if (from > 0 && !isBreak(separatorBefore(text, chain, from))) continue;
      const start = groups[from]!.start;
      if (gluedBefore(text, from === 0 ? chain.start : start) || (from === 0 && chain.plus)) continue;
      let found = -1;
      let digits = 0;
      let to = from;
      // the longest span of well-formed groups from here
      for (; to < groups.length; to++) {
        const g = groups[to]!;
        const len = g.end - g.start;
        if (to > from) {
          const sep = separatorBefore(text, chain, to);
          if (sep !== ' ' && sep !== '-' && sep !== '\u00a0' && sep !== ' - ') break;
          if (len < 3 || len > 6) break;
        } else if (len > 19 || (len < 13 && (len < 3 || len > 6))) break;
        digits += len;
        if (digits > 19) break;
      }
      for (let end = to - 1; end >= from; end--) {
        const d = spanDigits(text, chain, from, end);
        if (d.length < 13) break;
        if (end < groups.length - 1 && !isBreak(separatorBefore(text, chain, end + 1)) && separatorBefore(text, chain, end + 1) !== '-') continue;
        if (gluedAfter(text, groups[end]!.end)) continue;
        if (isCardNumber(d)) {
          found = end;
          break;
        }
      }
      if (found < 0 || referenceBefore(text, start)) continue;
      out.push({ type: 'CARD', start, end: groups[found]!.end });
      from = found;
    }
  }
}
