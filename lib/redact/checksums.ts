// The check digits that tell a real identifier from a number that only looks
// like one. Each takes the digits (or characters) alone, separators removed.

const ZERO = 48;
const digit = (s: string, i: number) => s.charCodeAt(i) - ZERO;
const isDigits = (s: string) => /^\d+$/.test(s);

/** Luhn (mod 10): payment cards and the last ten digits of a Swedish personnummer. */
export function luhnValid(digits: string): boolean {
  if (digits.length < 2 || !isDigits(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digit(digits, i);
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Days in a month; a two-digit year (no century) counts as a leap year when divisible by 4 (2000 was one). */
export function daysInMonth(year: number, month: number, fullYear = true): number {
  if (month === 2) {
    const leap = fullYear ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 : year % 4 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A calendar date that exists (month 1–12, day within the month). */
export function validDate(year: number, month: number, day: number, fullYear = true): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month, fullYear);
}

/**
 * Swedish personnummer or samordningsnummer (coordination number: day + 60),
 * 10 digits YYMMDDNNNC, or 12 with the century (18, 19 or 20): a real date and
 * Luhn over the ten digits.
 */
export function swedishIdValid(digits: string): boolean {
  if (!isDigits(digits) || (digits.length !== 10 && digits.length !== 12)) return false;
  let year: number;
  let full = false;
  if (digits.length === 12) {
    const century = Number(digits.slice(0, 2));
    if (century < 18 || century > 20) return false;
    year = Number(digits.slice(0, 4));
    full = true;
    digits = digits.slice(2);
  } else year = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  let day = Number(digits.slice(4, 6));
  if (day > 60) day -= 60;
  return validDate(year, month, day, full) && luhnValid(digits);
}

const NO_W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const NO_W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** A mod-11 control digit over `digits` with `weights`, or -1 where none exists (the remainder leaves 10). */
function mod11Control(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digit(digits, i) * weights[i]!;
  const k = 11 - (sum % 11);
  return k === 11 ? 0 : k === 10 ? -1 : k;
}

/**
 * Norwegian fødselsnummer, DDMMYYIIIKK: two mod-11 control digits and a real
 * date; a D-number has day + 40, an H-number month + 40.
 */
export function norwegianIdValid(digits: string): boolean {
  if (!isDigits(digits) || digits.length !== 11) return false;
  let day = Number(digits.slice(0, 2));
  let month = Number(digits.slice(2, 4));
  if (day > 40) day -= 40;
  if (month > 40) month -= 40;
  if (!validDate(Number(digits.slice(4, 6)), month, day, false)) return false;
  const k1 = mod11Control(digits, NO_W1);
  const k2 = mod11Control(digits, NO_W2);
  return k1 === digit(digits, 9) && k2 === digit(digits, 10);
}

/** Danish CPR, DDMMYYSSSS: a real date. The modulus-11 test is not required (numbers issued since 2007 may fail it), see cprMod11. */
export function danishIdDateValid(digits: string): boolean {
  if (!isDigits(digits) || digits.length !== 10) return false;
  return validDate(Number(digits.slice(4, 6)), Number(digits.slice(2, 4)), Number(digits.slice(0, 2)), false);
}

/** The old CPR modulus-11 test (weights 4 3 2 7 6 5 4 3 2 1): true for most numbers issued before 2007. */
export function cprMod11(digits: string): boolean {
  if (!isDigits(digits) || digits.length !== 10) return false;
  const w = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += digit(digits, i) * w[i]!;
  return sum % 11 === 0;
}

const FI_CONTROL = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const FI_CENTURY: Record<string, number> = { '+': 1800, '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900, A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000 };

/**
 * Finnish henkilötunnus, DDMMYYCZZZQ: C the century sign (+ 1800s; - or U–Y
 * 1900s; A–F 2000s), ZZZ the individual number (002–999), Q the control
 * character: DDMMYYZZZ mod 31 in 0–9 A–Y without G I O Q Z.
 */
export function finnishIdValid(id: string): boolean {
  if (id.length !== 11) return false;
  const upper = id.toUpperCase();
  const datePart = upper.slice(0, 6);
  const individual = upper.slice(7, 10);
  const century = FI_CENTURY[upper[6]!];
  if (century === undefined || !isDigits(datePart) || !isDigits(individual) || Number(individual) < 2) return false;
  if (!validDate(century + Number(datePart.slice(4, 6)), Number(datePart.slice(2, 4)), Number(datePart.slice(0, 2)))) return false;
  return FI_CONTROL[Number(datePart + individual) % 31] === upper[10];
}

/** IBAN lengths by country (SWIFT IBAN registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27,
  GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24,
  PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25,
  SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** IBAN (ISO 13616): the country's length and mod 97 = 1 over BBAN + country + check digits, letters as 10–35. */
export function ibanValid(iban: string): boolean {
  const s = iban.toUpperCase();
  if (IBAN_LENGTHS[s.slice(0, 2)] !== s.length || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s)) return false;
  const check = Number(s.slice(2, 4));
  if (check < 2 || check > 98) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c <= 57) rest = (rest * 10 + (c - ZERO)) % 97;
    else rest = (rest * 100 + (c - 55)) % 97;
  }
  return rest === 1;
}
