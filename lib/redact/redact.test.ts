import { describe, expect, it } from 'vitest';
import { cprMod11, danishIdDateValid, finnishIdValid, findPii, ibanValid, luhnValid, norwegianIdValid, PII_TYPES, redact, swedishIdValid, type PiiType } from '.';
import { isIpv4, isIpv6 } from './detect-ip';
import { loadPiiSet, scorePii } from './testdata/evaluate';
import { resetWork, work } from './work';

/** What was found, as "TYPE:text" in order. */
const found = (text: string, types?: PiiType[]) => findPii(text, { types }).map((e) => `${e.type}:${text.slice(e.start, e.end)}`);
const none = (text: string) => expect(found(text), text).toEqual([]);

describe('checksums', () => {
  it('Luhn', () => {
    for (const ok of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '79927398713']) expect(luhnValid(ok), ok).toBe(true);
    for (const bad of ['4111111111111112', '5555555555554445', '79927398710', '', '1', '12a4']) expect(luhnValid(bad), bad).toBe(false);
  });

  it('Swedish personnummer and samordningsnummer: date and Luhn, 10 or 12 digits', () => {
    for (const ok of ['8112189876', '198112189876', '1212121212', '7010632391', '197010632391']) expect(swedishIdValid(ok), ok).toBe(true);
    // wrong control digit; 13th month; 30 February; day 92 (samordning tops out at 91); century 21
    for (const bad of ['8112189877', '8113189876', '8502300000', '7010922391', '218112189876', '811218987']) expect(swedishIdValid(bad), bad).toBe(false);
  });

  it('Norwegian fødselsnummer and D-number: both mod-11 control digits and the date', () => {
    for (const ok of ['15076500565', '17054026641', '29029600013', '41018036736']) expect(norwegianIdValid(ok), ok).toBe(true);
    for (const bad of ['15076500566', '15076500575', '01010112345', '32129900000', '1507650056']) expect(norwegianIdValid(bad), bad).toBe(false);
  });

  it('Danish CPR: a real date; the old modulus 11 only as a hint', () => {
    expect(danishIdDateValid('0707614285')).toBe(true);
    expect(danishIdDateValid('0707614286')).toBe(true); // fails modulus 11, still a valid CPR since 2007
    expect(cprMod11('0707614285')).toBe(true);
    expect(cprMod11('0707614286')).toBe(false);
    for (const bad of ['3202901234', '2902011234', '0013901234', '070761428']) expect(danishIdDateValid(bad), bad).toBe(false);
    expect(danishIdDateValid('2902001234')).toBe(true); // 29 February 2000
  });

  it('Finnish henkilötunnus: century sign, date, individual number and the mod-31 character', () => {
    for (const ok of ['131052-308T', '131052A308T', '131052Y308T', '131052+308T', '131052-308t']) expect(finnishIdValid(ok), ok).toBe(true);
    for (const bad of ['131052-308U', '131052G308T', '310252-308T', '131052-001T', '131052-308']) expect(finnishIdValid(bad), bad).toBe(false);
  });

  it('IBAN: country length and mod 97', () => {
    for (const ok of ['SE4550000000058398257466', 'GB82WEST12345698765432', 'DE89370400440532013000', 'NO9386011117947', 'DK5000400440116243', 'FI2112345600000785', 'gb82west12345698765432'])
      expect(ibanValid(ok), ok).toBe(true);
    for (const bad of ['GB82WEST12345698765433', 'SE455000000005839825746', 'XX4550000000058398257466', 'SE0050000000058398257466', 'NO93860111179470']) expect(ibanValid(bad), bad).toBe(false);
  });

  it('IP addresses', () => {
    for (const ok of ['192.168.1.1', '0.0.0.0', '255.255.255.255']) expect(isIpv4(ok), ok).toBe(true);
    for (const bad of ['256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4.5']) expect(isIpv4(bad), bad).toBe(false);
    for (const ok of ['2001:db8:85a3::8a2e:370:7334', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', 'fe80::1', '::1', '::ffff:192.0.2.128']) expect(isIpv6(ok), ok).toBe(true);
    for (const bad of ['2001:db8::85a3::1', '1:2:3:4:5:6:7', '12345::1', 'g::1', '1:2:3:4:5:6:7:8:9']) expect(isIpv6(bad), bad).toBe(false);
  });
});

describe('detectors', () => {
  it('e-mail addresses, with their punctuation left outside', () => {
    expect(found('Mail anna.svensson@gmail.com, or <erik+faktura@mail.example.org>.')).toEqual(['EMAIL:anna.svensson@gmail.com', 'EMAIL:erik+faktura@mail.example.org']);
    expect(found('SKRIV TILL MATS.OLSSON@HOTMAIL.COM.')).toEqual(['EMAIL:MATS.OLSSON@HOTMAIL.COM']);
    expect(found('åsa@företag.se')).toEqual(['EMAIL:åsa@företag.se']);
    none('an @ sign, user@localhost, a@b.c, me@.se, @home, 50 @ 3 kr');
  });

  it('payment cards: grouped or not, known issuers, Luhn', () => {
    expect(found('Card 4111 1111 1111 1111 exp 12/26')).toEqual(['CARD:4111 1111 1111 1111']);
    expect(found('kort 5555-5555-5555-4444, amex 3782 822463 10005, discover 6011111111111117')).toEqual(['CARD:5555-5555-5555-4444', 'CARD:3782 822463 10005', 'CARD:6011111111111117']);
    none('Card 4111 1111 1111 1112'); // fails Luhn
    none('IMEI 356938035643809'); // Luhn-valid but no card brand issues 15 digits from 35
    none('Ref 1234 5678 9012 3452'); // Luhn-valid, no issuer starts with 1
    none('OCR 4000000000006'); // a Luhn-valid payment reference, after its name
  });

  it('Swedish, Norwegian, Danish and Finnish identity numbers', () => {
    expect(found('pnr 811218-9876, 19811218-9876, 198112189876, 121212+1212')).toEqual(['NATIONAL_ID:811218-9876', 'NATIONAL_ID:19811218-9876', 'NATIONAL_ID:198112189876', 'NATIONAL_ID:121212+1212']);
    expect(found('samordningsnummer 701063-2391')).toEqual(['NATIONAL_ID:701063-2391']);
    expect(found('personnummer 8112189876')).toEqual(['NATIONAL_ID:8112189876']);
    expect(found('fødselsnummer 15076500565 eller 150765 00565')).toEqual(['NATIONAL_ID:15076500565', 'NATIONAL_ID:150765 00565']);
    expect(found('CPR 070761-4285, cpr-nummer 0707614285')).toEqual(['NATIONAL_ID:070761-4285', 'NATIONAL_ID:0707614285']);
    expect(found('hetu 131052-308T.')).toEqual(['NATIONAL_ID:131052-308T']);
    none('pnr 811218-9877'); // wrong Luhn digit, and 18 is not a month for a CPR
    none('fnr 15076500566');
    none('hetu 131052-308U');
    expect(found('0707614285')).toEqual(['PHONE:0707614285']); // without a CPR word, ten digits from 07 are a Swedish mobile
    none('ordernummer 240305-1237'); // CPR-shaped (a date, no Swedish Luhn), but a reference after its name
    expect(found('kod 240305-1237 och 240305-1237')).toEqual(['NATIONAL_ID:240305-1237']); // without the reference word: a CPR
  });

  it('IBANs, grouped or not, and not when the check digits are wrong', () => {
    expect(found('IBAN SE45 5000 0000 0583 9825 7466, or GB82WEST12345698765432.')).toEqual(['IBAN:SE45 5000 0000 0583 9825 7466', 'IBAN:GB82WEST12345698765432']);
    none('IBAN SE46 5000 0000 0583 9825 7466');
    none('GB82 WEST 1234 5698 7654 33'); // its digits are not a phone or a card either
  });

  it('IP addresses, not versions or times', () => {
    expect(found('router 192.168.1.10; v6 2001:db8:85a3::8a2e:370:7334 and fe80::1ff:fe23:4567:890a.')).toEqual(['IP:192.168.1.10', 'IP:2001:db8:85a3::8a2e:370:7334', 'IP:fe80::1ff:fe23:4567:890a']);
    none('version 10.2.3.4.5, v1.2.3.4, 999.1.1.1, at 14:30:00, MAC 00:1A:2B:3C:4D:5E, score 2::1');
  });

  it('phone numbers, Nordic and international', () => {
    const phones = [
      '070-123 45 67', '0701234567', '+46 70 123 45 67', '+46701234567', '0046 70 123 45 67', '+46 (0)70-123 45 67', '08-123 456 78', '031-12 34 56',
      '+47 912 34 567', '912 34 567', '22 12 34 56', '+45 20 12 34 56', '20 12 34 56', '040 123 4567', '+358 40 123 4567', '09 1234 5678',
      '020 7946 0958', '+44 20 7946 0958', '07911 123456', '(415) 555-2671', '+1 415 555 2671', '+49 30 12345678',
    ];
    for (const p of phones) expect(found(`Ring mig på ${p}, tack.`), p).toEqual([`PHONE:${p}`]);
    expect(found('mobil 91234567')).toEqual(['PHONE:91234567']); // eight digits in a run: after a phone word only
    expect(found('call me (070-123 45 67)')).toEqual(['PHONE:070-123 45 67']);
  });

  it('keeps order numbers, amounts, dates, times and ticket ids', () => {
    for (const decoy of [
      'order 45871236', 'ordernummer 0701234567', 'my order number is 20123456', 'kundnummer: 5566778', 'PUK-kod 12345678', 'ärende 2024-113456',
      '349 kr', '1 299 kr', '$1,299.50', '€45.90', '12 500 000 kr', '2 499,00 kr', 'SEK 12 500',
      '2024-03-05', '05/03/2024', '05.03.2024', '2024.03.05', '5/3/24', '20240305',
      '14:30', 'kl. 09.15', '08.30-09.15', '10:15:30',
      'INC-123456', '#4521987', 'CS-2024-88123', 'REQ0012345', 'SR-7788123',
      '45871236', '100 Mbit/s', '114 55 Stockholm', 'v2.14.3', '24/7', '3-5 working days',
    ]) none(`Hej, det gäller ${decoy} tack.`);
  });

  it('names after a cue only', () => {
    expect(found('Hi, this is Anna from Telia. My name is John Smith.')).toEqual(['NAME:Anna', 'NAME:John Smith']);
    expect(found('Jag heter Anna-Karin Öberg och ringer om fakturan.')).toEqual(['NAME:Anna-Karin Öberg']);
    expect(found('Thank you, Mr O\'Brien.')).toEqual(["NAME:O'Brien"]);
    expect(found('Best regards,\nLars van der Berg')).toEqual(['NAME:Lars van der Berg']);
    none('This is Telia customer service. I am Swedish. Can I talk to Erik? This is ridiculous.');
    none("I'm Swedish. Det är Måndag. Thanks, Bye");
  });
});

describe('redact()', () => {
  it('replaces each entity with its typed placeholder and keeps the rest', () => {
    const text = 'Mail anna@example.se or call 070-123 45 67 about order 4521987 (349 kr).';
    expect(redact(text)).toEqual({
      text: 'Mail [EMAIL] or call [PHONE] about order 4521987 (349 kr).',
      entities: [
        { type: 'EMAIL', start: 5, end: 20 },
        { type: 'PHONE', start: 29, end: 42 },
      ],
    });
    const all = redact('a@b.se 4111 1111 1111 1111 811218-9876 SE45 5000 0000 0583 9825 7466 10.0.0.1 +46701234567. My name is Anna.');
    expect(all.text).toBe('[EMAIL] [CARD] [NATIONAL_ID] [IBAN] [IP] [PHONE]. My name is [NAME].');
    expect(all.entities.map((e) => e.type)).toEqual(['EMAIL', 'CARD', 'NATIONAL_ID', 'IBAN', 'IP', 'PHONE', 'NAME']);
    expect(PII_TYPES).toEqual(['EMAIL', 'IBAN', 'CARD', 'NATIONAL_ID', 'IP', 'PHONE', 'NAME']);
  });

  it('offsets are UTF-16 code units into the original text', () => {
    const text = '😀 Åsa: åsa@företag.se 🇸🇪 070-123 45 67';
    const { entities } = redact(text);
    expect(entities.map((e) => text.slice(e.start, e.end))).toEqual(['åsa@företag.se', '070-123 45 67']);
    expect(entities[0]!.start).toBe(8); // the emoji is two code units
  });

  it('on the whole test set: entities are ordered, disjoint, and rebuild the redacted text', () => {
    for (const c of loadPiiSet()) {
      const r = redact(c.text);
      let rebuilt = '';
      let at = 0;
      for (const e of r.entities) {
        expect(e.start, c.id).toBeGreaterThanOrEqual(at);
        expect(e.end, c.id).toBeGreaterThan(e.start);
        rebuilt += `${c.text.slice(at, e.start)}[${e.type}]`;
        at = e.end;
      }
      expect(rebuilt + c.text.slice(at), c.id).toBe(r.text);
      if (!r.entities.length) expect(r.text).toBe(c.text);
    }
  });

  it('finds only the types asked for', () => {
    const text = 'anna@example.se, 070-123 45 67, 811218-9876, 4111 1111 1111 1111, SE45 5000 0000 0583 9825 7466, 10.0.0.1, my name is Anna';
    expect(redact(text, { types: ['EMAIL', 'PHONE'] }).text).toBe('[EMAIL], [PHONE], 811218-9876, 4111 1111 1111 1111, SE45 5000 0000 0583 9825 7466, 10.0.0.1, my name is Anna');
    expect(redact(text, { types: [] })).toEqual({ text, entities: [] });
    for (const type of PII_TYPES) {
      const only = findPii(text, { types: [type] });
      expect(only.map((e) => e.type), type).toEqual([type]);
    }
  });

  it('does bounded work on hostile input (1 MB each)', () => {
    const MB = 1 << 20;
    const fill = (s: string) => s.repeat(Math.ceil(MB / s.length)).slice(0, MB);
    const inputs = [
      '0123456789', '1 2 3 4 5 6 ', '12 34 56 78 ', '12-34-56-78-', '1.2.3.4.', '1 -2/3.4(5)6 ', '+46 ', '(0)', '070 123 45 67 ', '070 123 45 67\n', '4111 1111 1111 1112 ',
      '850709-9805 ', 'SE45 ', '@', 'a@a.', 'ab@cd.se ', 'a', ':', 'ab:cd:', '\n', ' ', '. this is ', 'my name is Anna ', 'åäö 😀 ',
    ];
    for (const s of inputs) {
      const text = fill(s);
      resetWork();
      const r = redact(text);
      // every entity is small, metadata lookups and spans tried stay linear with a small constant
      expect(r.entities.every((e) => e.end - e.start <= 64), JSON.stringify(s)).toBe(true);
      expect(work.phoneLookups, JSON.stringify(s)).toBeLessThanOrEqual(text.length / 8);
      expect(work.spans, JSON.stringify(s)).toBeLessThanOrEqual(text.length / 2);
      expect(r.text.length, JSON.stringify(s)).toBeLessThanOrEqual(text.length + r.entities.length * 14);
    }
  });

  it('is linear: ten times the text, about ten times the work', () => {
    const unit = 'Ring 070-123 45 67 eller 912 34 567, order 45871236, 12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34 56, ';
    const count = (n: number) => {
      resetWork();
      const r = redact(unit.repeat(n));
      return { lookups: work.phoneLookups, spans: work.spans, entities: r.entities.length };
    };
    const small = count(1_000);
    const large = count(10_000);
    expect(large.entities).toBe(small.entities * 10);
    expect(large.lookups).toBe(small.lookups * 10);
    expect(large.spans).toBe(small.spans * 10);
  });
});

describe('the labeled test set (lib/redact/testdata/pii.jsonl)', () => {
  const cases = loadPiiSet();
  const score = scorePii(cases, (t) => findPii(t));
  const detail = (type: PiiType) => JSON.stringify(score.misses.filter((m) => m.type === type).slice(0, 10));

  it('holds several hundred English and Swedish sentences with every type and decoys', () => {
    expect(cases.length).toBeGreaterThanOrEqual(500);
    expect(cases.filter((c) => c.lang === 'sv').length).toBeGreaterThanOrEqual(200);
    expect(cases.filter((c) => c.lang === 'en').length).toBeGreaterThanOrEqual(200);
    for (const type of PII_TYPES) expect(score.byType[type].support, type).toBeGreaterThanOrEqual(30);
    expect(score.decoys.total).toBeGreaterThanOrEqual(500);
  });

  it('recall ≥ 0.98 for the checksummed types and e-mail, ≥ 0.95 for phones', () => {
    for (const type of ['EMAIL', 'CARD', 'NATIONAL_ID', 'IBAN'] as const) expect(score.byType[type].recall, detail(type)).toBeGreaterThanOrEqual(0.98);
    expect(score.byType.IP.recall, detail('IP')).toBeGreaterThanOrEqual(0.98);
    expect(score.byType.PHONE.recall, detail('PHONE')).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps ≥ 0.98 of the decoys, and what it finds is mostly right', () => {
    expect(score.decoys.rate, JSON.stringify(score.lostDecoys.slice(0, 10))).toBeGreaterThanOrEqual(0.98);
    for (const type of PII_TYPES) expect(score.byType[type].precision, `${type} ${JSON.stringify(score.falsePositives.filter((f) => f.type === type).slice(0, 10))}`).toBeGreaterThanOrEqual(0.95);
  });

  it('names: only cued names are found, so recall is reported, not promised', () => {
    expect(score.byType.NAME.recall).toBeGreaterThan(0.6);
  });
});

