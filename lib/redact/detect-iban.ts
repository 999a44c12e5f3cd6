import { IBAN_LENGTHS, ibanValid } from './checksums';
import { isWordChar } from './context';
import type { PiiEntity } from './types';

// An IBAN starts with a country code and two check digits; its length is the
// country's. From each start, exactly that many letters and digits are read,
// allowing one space (or hyphen) between them, and the whole passes mod 97.
const START = /(?<![\p{L}\p{N}_])[A-Za-z]{2}\d{2}/gu;
const SEPARATORS = new Set([' ', '\u00a0', '-']);

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** IBANs, written as one run or in groups ("SE45 5000 0000 0583 9825 7466"). */
export function detectIbans(text: string, out: PiiEntity[]): void {
  START.lastIndex = 0;
  for (let m = START.exec(text); m; m = START.exec(text)) {
    const length = IBAN_LENGTHS[m[0].slice(0, 2).toUpperCase()];
    if (!length) continue;
    let chars = '';
    let i = m.index;
    while (i < text.length && chars.length < length) {
      const c = text.charCodeAt(i);
      if (isAlnum(c)) {
        chars += text[i];
        i++;
      } else if (SEPARATORS.has(text[i]!) && chars.length >= 4 && isAlnum(text.charCodeAt(i + 1))) i++;
      else break;
    }
    if (chars.length !== length || isWordChar(text[i])) continue;
    if (!ibanValid(chars)) continue;
    out.push({ type: 'IBAN', start: m.index, end: i });
    START.lastIndex = i;
  }
}
