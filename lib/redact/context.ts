// The words around a number: what tells an order number, an amount or a
// ticket id from a phone number or an identity number. Every look is a
// bounded window next to the match, so the cost per candidate is constant.

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A letter or digit in any script (ASCII answered without a regex). */
export function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return LETTER_OR_DIGIT.test(ch);
}

/** Up to `n` characters before `pos`, lower-cased. */
export const textBefore = (text: string, pos: number, n: number) => text.slice(Math.max(0, pos - n), pos).toLowerCase();
/** Up to `n` characters from `pos`, lower-cased. */
export const textAfter = (text: string, pos: number, n: number) => text.slice(pos, pos + n).toLowerCase();

// Words that make the number after them a reference, not personal data: "order 4521987",
// "kundnummer: 5566778", "ärende #2024-113456", "PUK-kod 12345678". Only right before the
// number, with at most a few filler words between ("number", "nr", "is", "är"). The words
// of the second list are references only with a filler ("customer number 5566778"), since
// alone they are speaker labels and sentence ends ("Customer: 070…", "… on your account. Is 070…").
const REFERENCE_WORDS = [
  'order', 'orders', 'ordern', 'ordernr', 'ordernummer', 'ordernumret', 'beställning', 'beställningen', 'beställningsnummer', 'bestilling', 'bestillingsnummer', 'bestillingsnr',
  'invoice', 'faktura', 'fakturan', 'fakturanummer', 'fakturanr', 'fakturaen', 'ocr', 'ocr-nummer', 'ocr-nr', 'referens', 'referensnummer', 'reference', 'ref', 'ref.nr',
  'case', 'ärende', 'ärendet', 'ärendenummer', 'ärendenr', 'saksnummer', 'sagsnummer', 'ticket', 'tickets', 'ticketnummer', 'incident',
  'kundnummer', 'kundnr', 'kund-id', 'kundenummer', 'kundenr', 'asiakasnumero', 'medlemsnummer', 'kontonummer', 'kontonr',
  'tracking', 'spårningsnummer', 'kolli', 'kollinummer', 'kolli-id', 'sändningsnummer',
  'serial', 'serienummer', 'imei', 'iccid', 'artikelnummer', 'sku', 'version',
  'booking', 'bokning', 'bokningsnummer', 'reservation', 'confirmation', 'bekräftelse', 'bekräftelsenummer', 'transaction', 'transaktion', 'transaktionsnummer',
  'voucher', 'kupong', 'rabattkod', 'pin', 'pin-kod', 'pinkod', 'puk', 'puk-kod', 'pukkod', 'kod', 'koden', 'code', 'postnummer', 'zip', 'postcode',
  'avtalsnummer', 'abonnemangsnummer', 'bankgiro', 'plusgiro', 'bg', 'pg',
];
const REFERENCE_WITH_FILLER = [
  'customer', 'kund', 'kunden', 'member', 'account', 'konto', 'kontot', 'paket', 'paketet', 'parcel', 'shipment', 'sändning', 'sim', 'sim-kort', 'simkort', 'mac',
  'artikel', 'article', 'item', 'product', 'produkt', 'model', 'modell', 'avtal', 'contract', 'abonnemang', 'subscription', 'plan', 'router', 'box', 'serie', 'part',
];
const GAP = String.raw`[\s:#\-]*`;
const FILLER = String.raw`(?:nr|no|num|number|numbers|nummer|numret|numer|nummeret|id|code|kod|#)\.?${GAP}`;
const VERB = String.raw`(?:(?:is|är|er|was|var|=)${GAP})?`;
const REFERENCE_BEFORE = new RegExp(
  String.raw`(?:^|[^\p{L}\p{N}])(?:(?:${REFERENCE_WORDS.map(escape).join('|')})\.?${GAP}(?:${FILLER}){0,2}|(?:${REFERENCE_WITH_FILLER.map(escape).join('|')})${GAP}(?:${FILLER}){1,2})${VERB}$`,
  'u',
);

/** A reference word right before `pos` ("order 4521987", "kundnummer: 5566778"): the number is not personal data. */
export function referenceBefore(text: string, pos: number): boolean {
  return REFERENCE_BEFORE.test(textBefore(text, pos, 48));
}

const PHONE_WORDS = /(?:^|[^\p{L}])(?:tel|tfn|tlf|telefon\p{L}*|phone\p{L}*|mobil\p{L}*|mobile|cell\p{L}*|number|nummer\p{L}*|numret|nr|ring\p{L}*|call\p{L}*|reach|nå|nås|sms|text|whatsapp|fax|kontakt\p{L}*|contact|puhelin\p{L}*|matkapuhelin)(?:[^\p{L}]|$)/u;

/** A word about phones within `window` characters before `pos`. */
export function phoneWordBefore(text: string, pos: number, window = 40): boolean {
  return PHONE_WORDS.test(textBefore(text, pos, window));
}

const ID_WORDS =
  /(?:^|[^\p{L}])(?:person\p{L}*|pnr|p-nr|samordningsnummer\p{L}*|social security|ssn|födelse\p{L}*|fødsels\p{L}*|fnr|d-nummer\p{L}*|cpr(?:-?\p{L}+)?|henkilötunnus|hetu|henkilö\p{L}*|national id|id number|id-nummer\p{L}*|identitet\p{L}*|identity|born|född)(?=[^\p{L}]|$)/gu;
const PHONE_WORDS_ANYWHERE = new RegExp(PHONE_WORDS.source, 'u');

/**
 * A word about identity numbers within 48 characters before `pos`
 * ("personnummer", "CPR-nummer", "fødselsnummer", "hetu"), with no word about
 * phones after it ("CPR 070761-4285, mobil 0704369154": the second is a phone).
 */
export function idWordBefore(text: string, pos: number): boolean {
  const before = textBefore(text, pos, 48);
  let end = -1;
  ID_WORDS.lastIndex = 0;
  for (let m = ID_WORDS.exec(before); m; m = ID_WORDS.exec(before)) end = m.index + m[0].length;
  return end >= 0 && !PHONE_WORDS_ANYWHERE.test(before.slice(end));
}

const CURRENCY_BEFORE = /(?:[$€£¥]|\b(?:sek|nok|dkk|eur|usd|gbp|kr|kr\.|isk|chf))\s?$/u;
const UNIT_AFTER =
  /^\s?(?:kr\b|kr\.|kronor|krone[r]?|sek\b|nok\b|dkk\b|eur\b|euro|usd\b|gbp\b|dollar|pund|€|\$|£|:-|,-|%|procent|percent|st\b|stycken|pcs|mb\b|gb\b|tb\b|kb\b|mbit|gbit|kbit|min\b|minuter|minutes|sms\b|dagar|days|timmar|hours|år\b|years|kg\b|km\b|mil\b|meter|m2|kvm)/u;

/** An amount or a quantity: a currency just before, or a currency or unit just after ("349 kr", "$1 299", "12 500 000 SEK"). */
export function amountAround(text: string, start: number, end: number): boolean {
  return CURRENCY_BEFORE.test(textBefore(text, start, 5)) || UNIT_AFTER.test(textAfter(text, end, 10));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
