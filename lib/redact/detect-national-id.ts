import { cprMod11, danishIdDateValid, finnishIdValid, norwegianIdValid, swedishIdValid } from './checksums';
import { idWordBefore, phoneWordBefore, referenceBefore } from './context';
import type { PiiEntity } from './types';

// Nordic identity numbers, each with its own check:
// - Swedish personnummer and samordningsnummer (day + 60): YYMMDD-NNNC,
//   YYMMDD+NNNC (100 years or older), YYYYMMDD-NNNC, YYYYMMDDNNNC (a space
//   may stand for the hyphen); a real date and Luhn over the ten digits. Ten
//   digits without a separator are taken only after a word like
//   "personnummer", or when they cannot be a Swedish phone number (no leading
//   0) and no word like "order" or "phone" comes right before them;
// - Norwegian fødselsnummer and D-number (day + 40), DDMMYYIIIKK: a real date
//   and both mod-11 control digits;
// - Danish CPR, DDMMYY-SSSS: a real date. Since 2007 CPR numbers need not pass
//   the old modulus-11 test, so it cannot decide: the hyphenated form is taken
//   on its date (unless a reference word comes right before it and it fails
//   modulus 11), ten digits without the hyphen only after "CPR" or "personnummer";
// - Finnish henkilötunnus, DDMMYYCZZZQ: a real date, the century sign and the
//   mod-31 control character.

// Not inside a longer token: no letter, digit, "@", "#" or "+" before; no "-" or "/" after a letter or digit; no decimal point.
const BEFORE = String.raw`(?<![\p{L}\p{N}_@#+]|[\p{L}\p{N}][\-\u2010\u2011\u2013/]|\p{N}[.,])`;
const AFTER = String.raw`(?![\p{L}\p{N}_@]|[\-\u2010\u2011\u2013/.,:]\p{N})`;
// sticky: tried only where a run of digits starts
const DIGIT_ID = new RegExp(String.raw`${BEFORE}(\d{8}|\d{6})([\-+\u2010\u2011\u2013 ]?)(\d{5}|\d{4})${AFTER}`, 'uy');
const FINNISH_ID = new RegExp(String.raw`${BEFORE}\d{6}[\-+A-FU-Ya-fu-y]\d{3}[0-9A-Ya-y]${AFTER}`, 'uy');

/** A digit at `i` (local: a hot loop, no call through a module boundary). */
const isDigitAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

const DASHES = new Set(['-', '\u2010', '\u2011', '\u2013']);

function digitIdAt(text: string, start: number, head: string, sep: string, tail: string): boolean {
  const digits = head + tail;
  if (head.length === 8) return tail.length === 4 && sep !== '+' && swedishIdValid(digits);
  if (tail.length === 5) return sep !== '+' && norwegianIdValid(digits);
  if (sep === '+') return swedishIdValid(digits);
  if (swedishIdValid(digits)) {
    if (sep) return true;
    if (idWordBefore(text, start)) return true;
    return digits[0] !== '0' && !referenceBefore(text, start) && !phoneWordBefore(text, start, 16);
  }
  if (!danishIdDateValid(digits)) return false;
  if (DASHES.has(sep)) return !referenceBefore(text, start) || cprMod11(digits) || idWordBefore(text, start);
  return idWordBefore(text, start);
}

/** Swedish, Norwegian, Danish and Finnish identity numbers. */
export function detectNationalIds(text: string, out: PiiEntity[]): void {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (!isDigitAt(text, i)) continue;
    let run = i + 1;
    while (run < n && isDigitAt(text, run)) run++;
    if (run - i === 6 || run - i === 8 || run - i === 10 || run - i === 11 || run - i === 12) {
      DIGIT_ID.lastIndex = i;
      const m = DIGIT_ID.exec(text);
      if (m && digitIdAt(text, i, m[1]!, m[2]!, m[3]!)) {
        out.push({ type: 'NATIONAL_ID', start: i, end: i + m[0].length });
        i += m[0].length - 1;
        continue;
      }
      FINNISH_ID.lastIndex = i;
      const f = run - i === 6 ? FINNISH_ID.exec(text) : null;
      if (f && finnishIdValid(f[0])) {
        out.push({ type: 'NATIONAL_ID', start: i, end: i + f[0].length });
        i += f[0].length - 1;
        continue;
      }
    }
    i = run - 1;
  }
}
