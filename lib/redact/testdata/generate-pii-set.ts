// Writes lib/redact/testdata/pii.jsonl, the labeled PII test set:
//
//   npx tsx lib/redact/testdata/generate-pii-set.ts
//
// Hand-written sentences in English and Swedish (contact-centre calls, chats
// and e-mails) with slots, each rendered with values made here: the check
// digits are computed by this file's own code, not lib/redact's, so a wrong
// checksum in the engine cannot hide behind the same mistake in its test data.
// Every line lists the personal data it holds (type and exact text, in order
// of appearance) and the decoys that must survive (order numbers, amounts,
// dates, times, ticket ids, numbers with a wrong check digit). The seed is
// fixed: the file only changes when this script does.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Type = 'EMAIL' | 'CARD' | 'NATIONAL_ID' | 'PHONE' | 'IBAN' | 'IP' | 'NAME';
interface Line {
  id: string;
  lang: 'en' | 'sv';
  text: string;
  entities: { type: Type; text: string }[];
  keep: string[];
}

// ---------------------------------------------------------------- random, seeded
let seed = 20240305;
function rand(): number {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const digits = (n: number, first = '0123456789') => pick([...first]) + Array.from({ length: n - 1 }, () => String(int(0, 9))).join('');
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

// ---------------------------------------------------------------- check digits (independent of lib/redact)
/** The digit that makes `body + digit` pass Luhn. */
function luhnDigit(body: string): number {
  let total = 0;
  const rev = body.split('').reverse();
  rev.forEach((ch, i) => {
    let d = Number(ch);
    if (i % 2 === 0) {
      d = d * 2;
      if (d > 9) d = d - 9;
    }
    total += d;
  });
  return (10 - (total % 10)) % 10;
}
function daysIn(y: number, m: number) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
function birthDate(from: number, to: number) {
  const y = int(from, to);
  const m = int(1, 12);
  return { y, m, d: int(1, daysIn(y, m)) };
}

// ---------------------------------------------------------------- values
const SV_FIRST = ['Anna', 'Erik', 'Karin', 'Lars', 'Maria', 'Johan', 'Sara', 'Mikael', 'Eva', 'Anders', 'Åsa', 'Björn', 'Märta', 'Örjan', 'Ingrid', 'Per', 'Lena', 'Oskar', 'Elin', 'Nils', 'Anna-Karin', 'Linnéa'];
const SV_LAST = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Lindqvist', 'Öberg', 'Åkesson', 'Bergström', 'Lindberg', 'Holm', 'Sjöberg', 'Wallin', 'Engström', 'Hedlund'];
const EN_FIRST = ['James', 'Emily', 'Michael', 'Sarah', 'David', 'Laura', 'Thomas', 'Olivia', 'Daniel', 'Sophie', 'Kari', 'Ola', 'Mette', 'Søren', 'Ville', 'Aino'];
const EN_LAST = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Clarke', "O'Brien", 'Miller', 'Hansen', 'Nordmann', 'Jensen', 'Nielsen', 'Virtanen', 'Korhonen'];
const DOMAINS = ['gmail.com', 'hotmail.com', 'outlook.com', 'telia.com', 'live.se', 'yahoo.se', 'icloud.com', 'bredband.net', 'online.no', 'jubii.dk', 'elisanet.fi', 'company.co.uk', 'foretaget.se', 'mail.example.org', 'kommun.se', 'protonmail.com'];

const ascii = (s: string) => s.toLowerCase().replace(/[åä]/g, 'a').replace(/ö/g, 'o').replace(/ø/g, 'o').replace(/é/g, 'e').replace(/[^a-z]/g, '');
function name(lang: 'en' | 'sv') {
  return lang === 'sv' ? { first: pick(SV_FIRST), last: pick(SV_LAST) } : { first: pick(EN_FIRST), last: pick(EN_LAST) };
}
function email(lang: 'en' | 'sv'): string {
  const { first, last } = name(lang);
  const f = ascii(first);
  const l = ascii(last);
  const local = pick([`${f}.${l}`, `${f}${l}`, `${f[0]}.${l}`, `${f}_${l}${int(1, 99)}`, `${f}${int(60, 99)}`, `${f}.${l}+faktura`, `${l}.${f}`]);
  const address = `${local}@${pick(DOMAINS)}`;
  return rand() < 0.08 ? address.toUpperCase() : address;
}

function phoneSe(): string {
  const mobile = `7${pick(['0', '2', '3', '6', '9'])}`;
  const sub = digits(7, '123456789');
  const [a, b, c] = [sub.slice(0, 3), sub.slice(3, 5), sub.slice(5, 7)];
  return pick([
    `0${mobile}-${a} ${b} ${c}`,
    `0${mobile} ${a} ${b} ${c}`,
    `0${mobile}${sub}`,
    `0${mobile}-${sub}`,
    `+46 ${mobile} ${a} ${b} ${c}`,
    `+46${mobile}${sub}`,
    `0046 ${mobile} ${a} ${b} ${c}`,
    `+46 (0)${mobile}-${a} ${b} ${c}`,
    `+46-${mobile}-${sub}`,
    `08-${digits(3, '1234567')} ${digits(3)} ${digits(2)}`,
    `08 ${digits(2, '1234567')} ${digits(2)} ${digits(2)}`,
    `031-${digits(2, '1234789')} ${digits(2)} ${digits(2)}`,
    `040-${digits(2, '1234569')} ${digits(2)} ${digits(2)}`,
    `+46 8 ${digits(3, '1234567')} ${digits(3)} ${digits(2)}`,
  ]);
}
function phoneNo(): string {
  const n = pick([`${pick(['40', '45', '46', '47', '48'])}${digits(6)}`, `9${digits(7)}`, `2${digits(7, '23')}`]);
  return pick([`${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`, `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6)}`, `+47 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`, `+47${n}`, `0047 ${n}`, `+47 ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6)}`]);
}
function phoneDk(): string {
  const n = pick(['2', '30', '31', '40', '42', '50', '51', '52', '53', '60', '61', '91', '93']);
  const full = n + digits(8 - n.length);
  const pairs = `${full.slice(0, 2)} ${full.slice(2, 4)} ${full.slice(4, 6)} ${full.slice(6)}`;
  return pick([pairs, `+45 ${pairs}`, `+45${full}`, `${full.slice(0, 4)} ${full.slice(4)}`, `0045 ${pairs}`]);
}
function phoneFi(): string {
  const p = pick(['40', '41', '44', '45', '46', '50']);
  const sub = digits(7, '123456789');
  return pick([`0${p} ${sub.slice(0, 3)} ${sub.slice(3)}`, `0${p}-${sub}`, `+358 ${p} ${sub.slice(0, 3)} ${sub.slice(3)}`, `+358${p}${sub}`, `09 ${digits(4, '2345678')} ${digits(4)}`]);
}
function phoneOther(): string {
  const area = pick(['212', '415', '646', '617', '312', '206', '303', '512']);
  const ex = `${int(2, 9)}${int(0, 9)}${int(1, 9)}`;
  const line = digits(4);
  return pick([
    `(${area}) ${ex}-${line}`,
    `+1 ${area} ${ex} ${line}`,
    `${area}-${ex}-${line}`,
    `+44 7${int(4, 9)}${digits(2)} ${digits(6, '123456789')}`,
    `07${int(4, 9)}${digits(2)} ${digits(6, '123456789')}`,
    `020 7${int(0, 8)}${digits(2)} ${digits(4)}`,
    `+49 30 ${digits(8, '123456789')}`,
    `+49 151 ${digits(8, '123456789')}`,
  ]);
}
function phone(lang: 'en' | 'sv'): string {
  const r = rand();
  if (lang === 'sv') return r < 0.6 ? phoneSe() : r < 0.75 ? phoneNo() : r < 0.9 ? phoneDk() : phoneFi();
  return r < 0.35 ? phoneSe() : r < 0.5 ? phoneNo() : r < 0.6 ? phoneDk() : r < 0.7 ? phoneFi() : phoneOther();
}

function cardDigits(): string {
  const brand = pick(['visa', 'visa', 'visa', 'mc', 'mc', 'mc2', 'amex', 'discover']);
  const prefix = brand === 'visa' ? '4' : brand === 'mc' ? `5${int(1, 5)}` : brand === 'mc2' ? String(int(2221, 2720)) : brand === 'amex' ? pick(['34', '37']) : '6011';
  const length = brand === 'amex' ? 15 : 16;
  const body = prefix + digits(length - 1 - prefix.length);
  return body + luhnDigit(body);
}
function formatCard(d: string): string {
  if (d.length === 15) return pick([`${d.slice(0, 4)} ${d.slice(4, 10)} ${d.slice(10)}`, d]);
  const g = d.match(/.{4}/g)!;
  return pick([g.join(' '), g.join(' '), g.join('-'), d]);
}
const card = () => formatCard(cardDigits());
/** A 16-digit Visa or Mastercard number with its last digit wrong. */
function badCard(): string {
  const d = cardDigits().slice(0, 15);
  const good = luhnDigit(d);
  return formatCard(d + ((good + int(1, 9)) % 10));
}

function pnrParts(from = 1940, to = 2006, coordination = false) {
  const { y, m, d } = birthDate(from, to);
  const day = coordination ? d + 60 : d;
  const body = `${pad(y % 100)}${pad(m)}${pad(day)}${digits(3)}`;
  return { y, body, check: luhnDigit(body) };
}
function pnr(): string {
  const r = rand();
  if (r < 0.1) {
    const { body, check } = pnrParts(1915, 1923);
    return `${body.slice(0, 6)}+${body.slice(6)}${check}`;
  }
  const { y, body, check } = pnrParts(1940, 2006, r > 0.88);
  const century = String(Math.floor(y / 100));
  return pick([`${body.slice(0, 6)}-${body.slice(6)}${check}`, `${body.slice(0, 6)}-${body.slice(6)}${check}`, `${century}${body.slice(0, 6)}-${body.slice(6)}${check}`, `${century}${body}${check}`]);
}
/** Ten digits without a separator: only found after a word like "personnummer". */
function pnrPlain(): string {
  const { body, check } = pnrParts(1945, 1999);
  return `${body}${check}`;
}
function badPnr(): string {
  const { body, check } = pnrParts(1950, 2000);
  return `${body.slice(0, 6)}-${body.slice(6)}${(check + int(1, 9)) % 10}`;
}

/** Norwegian fødselsnummer (or D-number): two mod-11 control digits; bodies whose control would be 10 are redrawn. */
function fnrDigits(dNumber = false): string {
  for (;;) {
    const { y, m, d } = birthDate(1940, 1999);
    const body = `${pad(dNumber ? d + 40 : d)}${pad(m)}${pad(y % 100)}${pad(int(0, 499), 3)}`;
    const c = (ds: string, w: number[]) => {
      const s = w.reduce((acc, wi, i) => acc + wi * Number(ds[i]), 0);
      const k = 11 - (s % 11);
      return k === 11 ? 0 : k;
    };
    const k1 = c(body, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
    if (k1 === 10) continue;
    const k2 = c(body + k1, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    if (k2 === 10) continue;
    return `${body}${k1}${k2}`;
  }
}
const fnr = () => {
  const d = fnrDigits(rand() < 0.15);
  return rand() < 0.75 ? d : `${d.slice(0, 6)} ${d.slice(6)}`;
};
function badFnr(): string {
  const d = fnrDigits();
  return `${d.slice(0, 10)}${(Number(d[10]) + int(1, 9)) % 10}`;
}
function cpr(): string {
  const { y, m, d } = birthDate(1940, 2005);
  return `${pad(d)}${pad(m)}${pad(y % 100)}-${digits(4)}`;
}
function cprPlain(): string {
  return cpr().replace('-', '');
}

const FI_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
function hetu(): string {
  const { y, m, d } = birthDate(1945, 2012);
  const sign = y >= 2000 ? pick(['A', 'A', 'B']) : pick(['-', '-', '-', 'Y']);
  const z = pad(int(2, 899), 3);
  const n = Number(`${pad(d)}${pad(m)}${pad(y % 100)}${z}`);
  return `${pad(d)}${pad(m)}${pad(y % 100)}${sign}${z}${FI_CHARS[n % 31]}`;
}
/**
 * A henkilötunnus with a wrong control character, always a letter: with a
 * digit there, "DDMMYY-ZZZD" is also a well-formed Danish CPR number (which
 * has no check digit to fail), and personal data by that rule.
 */
function badHetu(): string {
  const h = hetu();
  const letters = FI_CHARS.slice(10).replace(h[10]!, '');
  return h.slice(0, 10) + pick([...letters]);
}

function ibanCheck(country: string, bban: string): string {
  const moved = (bban + country + '00').split('').map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  let r = 0;
  for (const ch of moved) r = (r * 10 + Number(ch)) % 97;
  return pad(98 - r);
}
function ibanRaw(): string {
  const [country, bban] = pick([
    ['SE', `${pick(['500', '800', '600', '300', '120'])}${digits(17)}`],
    ['SE', `${pick(['500', '800', '600'])}${digits(17)}`],
    ['NO', digits(11)],
    ['DK', digits(14)],
    ['FI', digits(14)],
    ['DE', digits(18)],
    ['GB', `${pick(['NWBK', 'BARC', 'HBUK', 'LOYD'])}${digits(14)}`],
    ['NL', `${pick(['ABNA', 'INGB', 'RABO'])}${digits(10)}`],
    ['FR', digits(23)],
  ] as const);
  return `${country}${ibanCheck(country, bban)}${bban}`;
}
const groupIban = (s: string) => s.match(/.{1,4}/g)!.join(' ');
const iban = () => {
  const raw = ibanRaw();
  return rand() < 0.65 ? groupIban(raw) : raw;
};
function badIban(): string {
  const raw = ibanRaw();
  const wrong = pad((Number(raw.slice(2, 4)) + int(1, 50)) % 97 || 3);
  return groupIban(raw.slice(0, 2) + wrong + raw.slice(4));
}

function ipv4(): string {
  return pick([`192.168.${int(0, 5)}.${int(2, 254)}`, `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`, `${pick([31, 46, 78, 81, 85, 90, 94, 188, 213])}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`, `172.${int(16, 31)}.${int(0, 255)}.${int(1, 254)}`]);
}
function ipv6(): string {
  const h = () => int(0, 0xffff).toString(16);
  return pick([`2001:db8:${h()}:${h()}::${h()}`, `fe80::${h()}:${h()}:${h()}:${h()}`, `2a02:${h()}:${h()}:${h()}:${h()}:${h()}:${h()}:${h()}`, `2001:${h()}:${h()}::1`]);
}
const ip = () => (rand() < 0.7 ? ipv4() : ipv6());

// ---------------------------------------------------------------- decoys
const decoy = {
  order: (lang: 'en' | 'sv') => (lang === 'sv' ? pick(['ordernummer', 'order', 'beställning', 'ordernr']) : pick(['order', 'order number', 'order no.', 'order #'])) + ' ' + digits(int(6, 10), '123456789'),
  orderZero: (lang: 'en' | 'sv') => `${lang === 'sv' ? 'ordernummer' : 'order number'} 00${digits(8)}`,
  amount: (lang: 'en' | 'sv') =>
    lang === 'sv'
      ? pick([`${int(99, 999)} kr`, `${int(1, 9)} ${digits(3)} kr`, `${int(1, 99)} ${digits(3)},${pick(['00', '50', '95'])} kr`, `${int(100, 999)}:-`, `SEK ${int(1, 50)} ${digits(3)}`, `${int(1, 9)} ${digits(3)} ${digits(3)} kronor`])
      : pick([`$${int(1, 9)},${digits(3)}.${digits(2)}`, `€${int(10, 999)}.${digits(2)}`, `£${int(10, 99)}.99`, `${int(100, 999)} SEK`, `NOK ${int(1, 9)} ${digits(3)}`, `DKK ${int(100, 999)},95`, `$${int(10, 99)}`]),
  date: (lang: 'en' | 'sv') => {
    const { y, m, d } = birthDate(2019, 2025);
    return pick([`${y}-${pad(m)}-${pad(d)}`, `${pad(d)}/${pad(m)}/${y}`, `${pad(d)}.${pad(m)}.${y}`, `${y}.${pad(m)}.${pad(d)}`, `${d}/${m}/${String(y).slice(2)}`, lang === 'sv' ? `${d} ${pick(['januari', 'mars', 'maj', 'oktober'])} ${y}` : `March ${d}, ${y}`]);
  },
  time: () => pick([`${pad(int(7, 20))}:${pad(int(0, 59))}`, `kl. ${pad(int(7, 20))}.${pick(['00', '15', '30', '45'])}`, `${pad(int(8, 11))}.30-${pad(int(12, 16))}.15`, `${pad(int(7, 20))}:${pad(int(0, 59))}:${pad(int(0, 59))}`]),
  ticket: () => pick([`INC-${digits(6)}`, `#${digits(7, '123456789')}`, `CS-20${int(19, 25)}-${digits(5)}`, `SR-${digits(7)}`, `REQ00${digits(5)}`, `TCK${digits(8)}`]),
  caseNo: (lang: 'en' | 'sv') => (lang === 'sv' ? pick(['ärende', 'ärendenummer', 'kundnummer', 'referens']) : pick(['case', 'case number', 'customer number', 'reference'])) + ' ' + pick([digits(8, '123456789'), `20${int(19, 25)}-${digits(6)}`, digits(7, '123456789')]),
  puk: () => `${pick(['PUK', 'PUK-kod', 'PIN'])} ${digits(8, '123456789')}`,
  ocr: () => {
    const body = `4${digits(11)}`;
    return `OCR ${body}${luhnDigit(body)}`;
  },
  imei: () => {
    const body = `35${digits(12)}`;
    return `IMEI ${body}${luhnDigit(body)}`;
  },
  version: () => pick([`v${int(1, 9)}.${int(0, 20)}.${int(0, 9)}`, `firmware ${int(1, 9)}.${int(0, 9)}.${int(0, 99)}`, `${int(10, 500)} Mbit/s`, `${int(1, 50)} GB`, `${pick(['100/100', '250/100', '500/500', '1000/1000'])}`]),
  postal: () => pick([`${int(111, 984)} ${pad(int(10, 99))} ${pick(['Stockholm', 'Göteborg', 'Malmö', 'Uppsala'])}`, `${pad(int(1, 99), 4)} Oslo`, `${int(1000, 9990)} København`]),
};

// ---------------------------------------------------------------- templates
// {x} slots: e-mail, phone, card, pnr, pnr_plain, fnr, cpr, cpr_plain, hetu, iban, ip, first (cued first
// name), full (cued full name), bare (a name without a cue: NAME, usually missed); decoys: order, order0,
// amount, date, time, ticket, case, puk, ocr, imei, version, postal, bad_pnr, bad_card, bad_iban, bad_fnr, bad_hetu.
const EN: string[] = [
  'You can reach me on {phone} any time after {time}.',
  'My number is {phone}, please call back about {order}.',
  'Please send the invoice to {email} instead of the old address.',
  'Hi, this is {first} from customer service, how can I help you today?',
  'My name is {full} and I am calling about {ticket}.',
  'The card I used was {card}, charged {amount} on {date}.',
  'I paid {amount} with my card {card}, that was {order}.',
  'Can you update my e-mail to {email} and my mobile to {phone}?',
  'The router at {ip} keeps dropping, I restarted it at {time}.',
  'Refund it to my account {iban}, not the card.',
  'My personal number is {pnr} and I moved on {date}.',
  'For the Norwegian account, my fødselsnummer is {fnr}.',
  'The Danish CPR on the contract is {cpr}.',
  'My Finnish henkilötunnus is {hetu}, it should be on file.',
  'I was charged {amount} twice for {order}, see {ticket}.',
  'Text me on {phone} when the technician is on the way.',
  'It says the IP address is {ip} in the admin page.',
  'Reference {case} was opened on {date} and nobody called me.',
  'Best regards,\n{full}',
  'Thanks,\n{first}',
  'Please bill {email}, our order {order} was {amount}.',
  'Account holder: {full}, IBAN {iban}.',
  'I tried the PUK code, {puk}, and it did not work.',
  'The phone IMEI is {imei} if you need it.',
  'Your OCR reference is {ocr} and the amount is {amount}.',
  'The speed is only {version} even though I pay {amount} a month.',
  'The card number {bad_card} was rejected, is that the right number?',
  'I think the personnummer you have, {bad_pnr}, has a typo.',
  'The IBAN {bad_iban} bounced, so please check it.',
  'Delivery to {postal} was expected on {date} between {time}.',
  'Mr {last} called earlier from {phone} about {ticket}.',
  'You are speaking with {first}, could I have your customer number?',
  'Hello, this is {first} at the billing team.',
  'My wife {bare} usually handles the bills, her e-mail is {email}.',
  'Can I speak to {bare} please? My number is {phone}.',
  'The last four digits are 4421, the charge was {amount} on {date}.',
  'We sent a confirmation to {email} at {time} on {date}.',
  'I am on {phone} or {phone}, whichever works.',
  'Ticket {ticket}: customer {full} reports the IP {ip} is blocked.',
  'Order {order} for {amount} was shipped on {date}.',
  'Our case number is {case} and the invoice total was {amount}.',
  'There is nothing personal here, just {order}, {amount} and {date}.',
  'New plan from {date}: {version} for {amount}.',
  'The IPv6 address on the box is {ip}.',
  'Card {card}, expiry 08/27, please refund {amount}.',
  'Please confirm the number {fnr} is correct.',
  'My samordningsnummer is {pnr}.',
  'I got a text from {phone} saying my order {order} is delayed.',
  'Dr {last} asked us to send the report to {email}.',
  'Contact person: {full}, {phone}, {email}.',
  'I called at {time} and again at {time}, ticket {ticket}.',
  'Your ticket {ticket} was updated on {date}: {amount} credited.',
  'The number on the bill, {bad_fnr}, does not look like mine.',
  'Is {bad_hetu} a valid ID? It was on the form.',
  'Wire it to {iban} by {date}, reference {order}.',
  'My old card {bad_card} expired, the new one is {card}.',
  'Call me on {phone}, or e-mail {email}.',
  'The customer number {case} belongs to a business account.',
  'Postcode {postal}, order {order}, delivered {date}.',
  'This is {first} here, I spoke to someone yesterday about {ticket}.',
  'Reach me at {email}.',
  'E-mail: <{email}>, tel: {phone}',
  'Mobile: {phone}\nE-mail: {email}',
  'Call me back ({phone}) before {time} please.',
  '{phone} is my work number, {phone} my private one.',
  'The price went from {amount} to {amount} on {date}, that is {version} more expensive?',
  'I have been a customer since {date}, customer number {case}, and I pay {amount}.',
  'Open 24/7, 1-2 days delivery, {amount} for 3 months, see {ticket}.',
  'I sent {amount} to IBAN {iban} on {date} at {time}.',
  'Please forward this to {email} and cc {email}.',
  'My date of birth is {date} and my Swedish personnummer {pnr}.',
  'The static IP {ip} was assigned on {date} under {order}.',
  'My husband {full} is the account holder, his number is {phone}.',
  'I called {phone} three times between {time} and got no answer.',
  'Apartment 1102, {postal}, floor 11, door code 4711.',
];
const SV: string[] = [
  'Du kan nå mig på {phone} efter {time}.',
  'Mitt nummer är {phone}, ring tillbaka angående {order}.',
  'Skicka fakturan till {email} istället för den gamla adressen.',
  'Hej, det här är {first} på kundtjänst, vad kan jag hjälpa till med?',
  'Jag heter {full} och ringer om {ticket}.',
  'Kortet jag använde var {card}, det drogs {amount} den {date}.',
  'Jag betalade {amount} med kortet {card}, det gällde {order}.',
  'Kan ni ändra min e-post till {email} och mobilen till {phone}?',
  'Routern på {ip} tappar anslutningen hela tiden, jag startade om den {time}.',
  'Betala tillbaka till kontot {iban}, inte till kortet.',
  'Mitt personnummer är {pnr} och jag flyttade den {date}.',
  'Personnummer {pnr_plain}, jag väntar på svar om {order}.',
  'Mitt norska fødselsnummer är {fnr}.',
  'Det danska CPR-numret i avtalet är {cpr}.',
  'CPR {cpr_plain} står på kontraktet.',
  'Min finska henkilötunnus är {hetu}.',
  'Jag har blivit debiterad {amount} två gånger för {order}, se {ticket}.',
  'Skicka ett sms till {phone} när teknikern är på väg.',
  'IP-adressen är {ip} enligt adminsidan.',
  '{case} öppnades den {date} och ingen har ringt mig.',
  'Med vänliga hälsningar\n{full}',
  'Mvh {full}',
  'Fakturera {email}, vår order {order} var på {amount}.',
  'Kontoinnehavare: {full}, IBAN {iban}.',
  'Jag testade {puk} men det fungerade inte.',
  'Telefonens {imei} om ni behöver det.',
  'Ert {ocr} och beloppet är {amount}.',
  'Hastigheten är bara {version} fast jag betalar {amount} i månaden.',
  'Kortnumret {bad_card} nekades, är det rätt nummer?',
  'Jag tror att personnumret ni har, {bad_pnr}, är felskrivet.',
  'IBAN {bad_iban} studsade, kan ni kolla det?',
  'Leveransen till {postal} skulle komma {date} mellan {time}.',
  'Fru {last} ringde tidigare från {phone} om {ticket}.',
  'Du pratar med {first}, kan jag få ditt kundnummer?',
  'Hej, det är {first} från fakturaavdelningen.',
  'Min man {bare} sköter räkningarna, hans mejl är {email}.',
  'Kan jag få prata med {bare}? Mitt nummer är {phone}.',
  'Vi skickade en bekräftelse till {email} {time} den {date}.',
  'Jag nås på {phone} eller {phone}.',
  'Ärende {ticket}: kunden {full} säger att IP {ip} är blockerad.',
  'Order {order} på {amount} skickades {date}.',
  'Vårt {case} och fakturan var på {amount}.',
  'Inget personligt här, bara {order}, {amount} och {date}.',
  'Nytt abonnemang från {date}: {version} för {amount}.',
  'Kort {card}, giltigt till 08/27, återbetala {amount}.',
  'Mitt samordningsnummer är {pnr}.',
  'Jag fick ett sms från {phone} om att {order} är försenad.',
  'Kontaktperson: {full}, {phone}, {email}.',
  'Jag ringde {time} och igen {time}, ärende {ticket}.',
  'Ditt ärende {ticket} uppdaterades {date}: {amount} krediterades.',
  'Numret på räkningen, {bad_fnr}, ser inte ut som mitt.',
  'Är {bad_hetu} ett giltigt id? Det stod på blanketten.',
  'För över till {iban} senast {date}, referens {order}.',
  'Mitt gamla kort {bad_card} gick ut, det nya är {card}.',
  'Ring mig på {phone} eller mejla {email}.',
  'Postadress {postal}, {order}, levererad {date}.',
  'Mitt namn är {full}, jag ringde i går om {ticket}.',
  'Hälsningar,\n{first}',
  'Ring {phone} mellan {time}, fråga efter mig.',
  'Mobilnummer: {phone}. E-post: {email}.',
  'Nå mig på {email}.',
  'E-post: <{email}>, tel: {phone}',
  'Mobil: {phone}\nMejl: {email}',
  'Ring tillbaka ({phone}) före {time} tack.',
  '{phone} är mitt jobbnummer, {phone} mitt privata.',
  'Priset gick från {amount} till {amount} den {date}, varför?',
  'Jag har varit kund sedan {date}, {case}, och betalar {amount}.',
  'Öppet dygnet runt, leverans 1-2 dagar, {amount} i 3 månader, se {ticket}.',
  'Jag skickade {amount} till IBAN {iban} den {date} {time}.',
  'Vidarebefordra till {email} och kopia till {email}.',
  'Mitt födelsedatum är {date} och mitt personnummer {pnr}.',
  'Den fasta IP-adressen {ip} tilldelades {date} under {order}.',
  'Min fru {full} står på kontot, hennes nummer är {phone}.',
  'Jag ringde {phone} tre gånger mellan {time} utan svar.',
  'Lägenhet 1102, {postal}, våning 11, portkod 4711.',
  'Jag heter {first} och mitt telefonnummer är {phone}.',
];

/** Longer snippets, each rendered once: calls and chats as transcribed, several speakers, several values. */
const SNIPPETS: { lang: 'en' | 'sv'; text: string }[] = [
  { lang: 'en', text: 'Agent: Thank you for calling, this is {first} speaking.\nCustomer: Hi, my name is {full}. I was charged {amount} on {date} but my plan is {amount}.\nAgent: Can I have your personal number?\nCustomer: Sure, it is {pnr}.' },
  { lang: 'en', text: 'Customer: My internet has been down since {time}. The router says {ip}.\nAgent: I can see {ticket} on your account. Is {phone} still the best number?\nCustomer: Yes, or {email}.' },
  { lang: 'en', text: 'Chat: hi, I ordered on {date}, {order}, and paid {amount} with {card}. Nothing arrived. Please refund to {iban}.' },
  { lang: 'en', text: 'Agent: For security, could you confirm your date of birth?\nCustomer: It is {date}. And my ID number is {fnr}.\nAgent: Thank you, Mr {last}.' },
  { lang: 'en', text: 'From: {email}\nSubject: invoice {order}\n\nHello, the invoice of {amount} from {date} is wrong. Please call me on {phone}.\n\nKind regards,\n{full}' },
  { lang: 'en', text: 'Customer: The technician {bare} came at {time} but left without fixing it.\nAgent: I am sorry. I will open {ticket} and call you on {phone} tomorrow.' },
  { lang: 'en', text: 'Agent: Your order {order} of {amount} ships {date}. The tracking code was sent to {email}.\nCustomer: Great, thanks {bare}!' },
  { lang: 'en', text: 'Customer: I moved to Denmark, my CPR is {cpr} and my new number is {phone}.\nAgent: Noted, and the IBAN for refunds?\nCustomer: {iban}.' },
  { lang: 'en', text: 'Customer: I got an SMS from {phone} asking for my card {card} and the code {puk}. Is that you?\nAgent: No, that is a scam. I have blocked it under {ticket}.' },
  { lang: 'en', text: 'Agent: I see two payments of {amount}, on {date} and {date}.\nCustomer: The second one is wrong. My account is {iban} and my e-mail {email}.' },
  { lang: 'en', text: 'Customer: hello, this is {first} from the office at {postal}. Our public IP {ip} is on a block list since {date}.' },
  { lang: 'en', text: 'Customer: My Finnish ID is {hetu}, I live in Helsinki, phone {phone}.\nAgent: And your order number?\nCustomer: {order}.' },
  { lang: 'en', text: 'Agent: Please read me the card number.\nCustomer: {card}, expiry 11/26.\nAgent: And the amount was {amount}?\nCustomer: Yes, on {date} at {time}.' },
  { lang: 'en', text: 'Customer: The reference on the letter is {ocr} and the amount {amount}, but my order {order} was cancelled.' },
  { lang: 'en', text: 'Customer: No personal data: my speed test says {version} at {time}, ticket {ticket}, plan {amount}.' },
  { lang: 'en', text: 'Agent: Could you spell the e-mail?\nCustomer: {email}.\nAgent: And is {phone} a mobile?\nCustomer: Yes, and the landline is {phone}.' },
  { lang: 'sv', text: 'Agent: Välkommen till kundtjänst, du pratar med {first}.\nKund: Hej, jag heter {full}. Jag har fått en faktura på {amount} den {date} men mitt abonnemang kostar {amount}.\nAgent: Kan jag få ditt personnummer?\nKund: Ja, det är {pnr}.' },
  { lang: 'sv', text: 'Kund: Internet har legat nere sedan {time}. Routern visar {ip}.\nAgent: Jag ser {ticket} på ditt konto. Är {phone} fortfarande bäst att nå dig på?\nKund: Ja, eller {email}.' },
  { lang: 'sv', text: 'Chatt: hej, jag beställde den {date}, {order}, och betalade {amount} med {card}. Inget har kommit. Återbetala till {iban}.' },
  { lang: 'sv', text: 'Från: {email}\nÄmne: faktura {order}\n\nHej, fakturan på {amount} från {date} är fel. Ring mig på {phone}.\n\nMed vänliga hälsningar\n{full}' },
  { lang: 'sv', text: 'Kund: Teknikern {bare} kom {time} men åkte utan att laga något.\nAgent: Det är jag ledsen för. Jag öppnar {ticket} och ringer dig på {phone} i morgon.' },
  { lang: 'sv', text: 'Agent: Din order {order} på {amount} skickas {date}. Spårningskoden gick till {email}.\nKund: Toppen, tack {bare}!' },
  { lang: 'sv', text: 'Kund: Jag har flyttat till Norge, mitt fødselsnummer är {fnr} och mitt nya nummer {phone}.\nAgent: Noterat. Och kontot för återbetalning?\nKund: {iban}.' },
  { lang: 'sv', text: 'Kund: Jag fick ett sms från {phone} som bad om mitt kort {card} och {puk}. Är det ni?\nAgent: Nej, det är bedrägeri. Jag har spärrat det under {ticket}.' },
  { lang: 'sv', text: 'Agent: Jag ser två dragningar på {amount}, den {date} och den {date}.\nKund: Den andra är fel. Mitt konto är {iban} och min e-post {email}.' },
  { lang: 'sv', text: 'Kund: Hej, det här är {first} från kontoret på {postal}. Vår publika IP {ip} är svartlistad sedan {date}.' },
  { lang: 'sv', text: 'Agent: Läs upp kortnumret är du snäll.\nKund: {card}, giltigt till 11/26.\nAgent: Och beloppet var {amount}?\nKund: Ja, den {date} klockan {time}.' },
  { lang: 'sv', text: 'Kund: Referensen på brevet är {ocr} och beloppet {amount}, men min order {order} är avbeställd.' },
  { lang: 'sv', text: 'Kund: Inga personuppgifter: hastighetstestet visar {version} {time}, ärende {ticket}, abonnemang {amount}.' },
  { lang: 'sv', text: 'Agent: Kan du bokstavera e-postadressen?\nKund: {email}.\nAgent: Och är {phone} en mobil?\nKund: Ja, och fasta numret är {phone}.' },
  { lang: 'sv', text: 'Kund: Mitt samordningsnummer är {pnr} och jag bor på {postal}. Ordernumret är {order0}.' },
  { lang: 'sv', text: 'Kund: Min dansk CPR är {cpr}, mobil {phone}.\nAgent: Tack, jag ser {case}.' },
];

/**
 * Written out whole, values included (the cards and identity numbers are the
 * issuers' published test numbers): formats and wordings the templates do not
 * cover, some of which redact() is known to miss (see docs/benchmarks.md).
 */
const WRITTEN: { lang: 'en' | 'sv'; text: string; entities: [Type, string][]; keep?: string[] }[] = [
  { lang: 'en', text: 'You can text me at 070.123.45.67 or e-mail anna.svensson at gmail dot com.', entities: [['PHONE', '070.123.45.67'], ['EMAIL', 'anna.svensson at gmail dot com']] },
  { lang: 'en', text: 'my name is anna svensson and my number is 46701234567', entities: [['NAME', 'anna svensson'], ['PHONE', '46701234567']] },
  { lang: 'en', text: 'Call +46 070 123 45 67 or +44 (0)20 7946 0321, or 1-415-555-2671 in the US.', entities: [['PHONE', '+46 070 123 45 67'], ['PHONE', '+44 (0)20 7946 0321'], ['PHONE', '1-415-555-2671']] },
  { lang: 'sv', text: 'Ring 070–123 45 67 (tankstreck) eller 0701-23 45 67, inte 08-17 som är öppettiderna.', entities: [['PHONE', '070–123 45 67'], ['PHONE', '0701-23 45 67']], keep: ['08-17'] },
  { lang: 'sv', text: 'Personnummer 19811218–9876, min sambo har 121212-1212.', entities: [['NATIONAL_ID', '19811218–9876'], ['NATIONAL_ID', '121212-1212']] },
  { lang: 'sv', text: 'Organisationsnummer 556036-0793, momsnummer SE556036079301, bankgiro 5050-1055.', entities: [], keep: ['556036-0793', 'SE556036079301', '5050-1055'] },
  { lang: 'en', text: 'Test cards: 4012 8888 8888 1881, 5105 1051 0510 5100 and 4111 111111 111111 failed.', entities: [['CARD', '4012 8888 8888 1881'], ['CARD', '5105 1051 0510 5100'], ['CARD', '4111 111111 111111']] },
  { lang: 'en', text: 'ISBN 978-91-7037-681-8, item 12 34 56 78 90, serial 4111-1111.', entities: [], keep: ['978-91-7037-681-8', '12 34 56 78 90', '4111-1111'] },
  { lang: 'sv', text: 'Box 1234, 114 55 Stockholm. Postnummer 11455. Telefontid 8–17.', entities: [], keep: ['Box 1234', '114 55', '11455', '8–17'] },
  { lang: 'en', text: 'The router admin page is at http://192.168.1.1/admin and the WAN IP is 81.232.17.44.', entities: [['IP', '192.168.1.1'], ['IP', '81.232.17.44']] },
  { lang: 'en', text: 'Send it to ANNA.SVENSSON@GMAIL.COM or anna@sub.mail.co.uk, not anna@localhost.', entities: [['EMAIL', 'ANNA.SVENSSON@GMAIL.COM'], ['EMAIL', 'anna@sub.mail.co.uk']], keep: ['anna@localhost'] },
  { lang: 'en', text: 'Norwegian customer, fnr 17054026641, mobile 91 23 45 67.', entities: [['NATIONAL_ID', '17054026641'], ['PHONE', '91 23 45 67']] },
  { lang: 'en', text: 'Danish customer, CPR-nr. 070761-4285, phone +45 2012 3456.', entities: [['NATIONAL_ID', '070761-4285'], ['PHONE', '+45 2012 3456']] },
  { lang: 'en', text: 'Finnish customer, henkilötunnus 131052-308T, puhelin +358 (0)40 123 4567.', entities: [['NATIONAL_ID', '131052-308T'], ['PHONE', '+358 (0)40 123 4567']] },
  { lang: 'sv', text: 'IBAN: SE45 5000 0000 0583 9825 7466 (kontot står på min fru), BIC ESSESESS.', entities: [['IBAN', 'SE45 5000 0000 0583 9825 7466']], keep: ['ESSESESS'] },
  { lang: 'en', text: 'Please refund GB82 WEST 1234 5698 7654 32, sort code 60-16-13.', entities: [['IBAN', 'GB82 WEST 1234 5698 7654 32']], keep: ['60-16-13'] },
  { lang: 'en', text: 'The invoice is dated 2024-03-05, due 05/04/2024, amount $1,299.50, OCR 4000000000006.', entities: [], keep: ['2024-03-05', '05/04/2024', '$1,299.50', 'OCR 4000000000006'] },
  { lang: 'sv', text: 'Fakturan från 5 mars, förfallodag 2024-04-05, 1 299,00 kr, OCR 4000000000006.', entities: [], keep: ['2024-04-05', '1 299,00 kr', 'OCR 4000000000006'] },
  { lang: 'en', text: 'Can I talk to Erik? He helped me on Monday.', entities: [['NAME', 'Erik']] },
  { lang: 'sv', text: 'Det var Lisa på er kundtjänst som lovade att ringa.', entities: [['NAME', 'Lisa']] },
  { lang: 'en', text: 'Agent: You are chatting with Viktor. Customer: hi Viktor, my e-mail is v.berg@outlook.com', entities: [['NAME', 'Viktor'], ['NAME', 'Viktor'], ['EMAIL', 'v.berg@outlook.com']] },
  { lang: 'en', text: 'I was born 1981-12-18 and my personal number is 811218-9876; my son is 121212-1212.', entities: [['NATIONAL_ID', '811218-9876'], ['NATIONAL_ID', '121212-1212']], keep: ['1981-12-18'] },
  { lang: 'en', text: 'Speeds of 100/100 Mbit, ping 12 ms, 3 x 299 kr, 24/7 support, 1-2 days.', entities: [], keep: ['100/100', '12 ms', '3 x 299 kr', '24/7', '1-2 days'] },
  { lang: 'sv', text: 'Mitt kundnummer är 20 12 34 56 och ordern 91 23 45 67.', entities: [], keep: ['20 12 34 56', '91 23 45 67'] },
  { lang: 'en', text: 'Tracking number 00340434161234567890, parcel 123456789SE, PIN 4711.', entities: [], keep: ['00340434161234567890', '123456789SE', '4711'] },
  { lang: 'sv', text: 'Hej! Jag heter Karl-Johan af Klercker och min mejl är kj@klercker.se.', entities: [['NAME', 'Karl-Johan af Klercker'], ['EMAIL', 'kj@klercker.se']] },
  { lang: 'en', text: 'The IPv6 prefix is 2001:db8:abcd:12::/64 and the gateway fe80::1.', entities: [['IP', '2001:db8:abcd:12::'], ['IP', 'fe80::1']] },
  { lang: 'en', text: 'Version 10.0.19045.3803 of Windows, build 22H2, at 10:15:30.', entities: [], keep: ['10.0.19045.3803', '10:15:30'] },
];

// ---------------------------------------------------------------- rendering
const ENTITY_SLOTS: Record<string, (lang: 'en' | 'sv') => { type: Type; text: string }> = {
  email: (l) => ({ type: 'EMAIL', text: email(l) }),
  phone: (l) => ({ type: 'PHONE', text: phone(l) }),
  card: () => ({ type: 'CARD', text: card() }),
  pnr: () => ({ type: 'NATIONAL_ID', text: pnr() }),
  pnr_plain: () => ({ type: 'NATIONAL_ID', text: pnrPlain() }),
  fnr: () => ({ type: 'NATIONAL_ID', text: fnr() }),
  cpr: () => ({ type: 'NATIONAL_ID', text: cpr() }),
  cpr_plain: () => ({ type: 'NATIONAL_ID', text: cprPlain() }),
  hetu: () => ({ type: 'NATIONAL_ID', text: hetu() }),
  iban: () => ({ type: 'IBAN', text: iban() }),
  ip: () => ({ type: 'IP', text: ip() }),
  first: (l) => ({ type: 'NAME', text: name(l).first }),
  full: (l) => {
    const n = name(l);
    return { type: 'NAME', text: `${n.first} ${n.last}` };
  },
  last: (l) => ({ type: 'NAME', text: name(l).last }),
  bare: (l) => ({ type: 'NAME', text: name(l).first }),
};
const DECOY_SLOTS: Record<string, (lang: 'en' | 'sv') => string> = {
  order: decoy.order,
  order0: decoy.orderZero,
  amount: decoy.amount,
  date: decoy.date,
  time: decoy.time,
  ticket: decoy.ticket,
  case: decoy.caseNo,
  puk: decoy.puk,
  ocr: decoy.ocr,
  imei: decoy.imei,
  version: decoy.version,
  postal: decoy.postal,
  bad_pnr: badPnr,
  bad_card: badCard,
  bad_iban: badIban,
  bad_fnr: badFnr,
  bad_hetu: badHetu,
};

function render(template: string, lang: 'en' | 'sv', id: string): Line {
  const entities: Line['entities'] = [];
  const keep: string[] = [];
  const text = template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    const e = ENTITY_SLOTS[slot];
    if (e) {
      const v = e(lang);
      entities.push(v);
      return v.text;
    }
    const d = DECOY_SLOTS[slot];
    if (!d) throw new Error(`unknown slot {${slot}} in ${template}`);
    const v = d(lang);
    keep.push(v);
    return v;
  });
  return { id, lang, text, entities, keep };
}

const lines: Line[] = [];
const ROUNDS = 5;
for (let round = 0; round < ROUNDS; round++) {
  EN.forEach((t, i) => lines.push(render(t, 'en', `en-${i + 1}-${round + 1}`)));
  SV.forEach((t, i) => lines.push(render(t, 'sv', `sv-${i + 1}-${round + 1}`)));
}
SNIPPETS.forEach((s, i) => lines.push(render(s.text, s.lang, `snippet-${i + 1}`)));
WRITTEN.forEach((w, i) => lines.push({ id: `written-${i + 1}`, lang: w.lang, text: w.text, entities: w.entities.map(([type, text]) => ({ type, text })), keep: w.keep ?? [] }));

const out = join(import.meta.dirname, 'pii.jsonl');
writeFileSync(out, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
const count = (f: (l: Line) => number) => lines.reduce((a, l) => a + f(l), 0);
console.log(`${out}: ${lines.length} lines, ${count((l) => l.entities.length)} entities, ${count((l) => l.keep.length)} decoys`);
