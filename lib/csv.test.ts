import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, csvRow, fixed, neutralizeCell, quoteField, toCsv, UTF8_BOM } from './csv';

const parseCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: false });

describe('neutralizeCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
  ])('prefixes a quote to %j', (input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });

  it.each(['plain', '', ' =not at the start', 'a=b', '<script>alert(1)</script>', '1-2', "'already", '\nnewline first'])('leaves %j alone', (input) => {
    expect(neutralizeCell(input)).toBe(input);
  });
});

describe('csvField', () => {
  it('quotes only when a comma, quote or line break needs it (RFC 4180)', () => {
    expect(quoteField('plain')).toBe('plain');
    expect(quoteField('a,b')).toBe('"a,b"');
    expect(quoteField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteField('two\nlines')).toBe('"two\nlines"');
    expect(quoteField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes our numbers as numbers, never neutralized; strings always are', () => {
    expect(csvField(-2)).toBe('-2');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField(fixed(0.94, 4))).toBe('0.9400');
    expect(csvField(fixed(-0.123456, 4))).toBe('-0.1235');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField('-2')).toBe("'-2");
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('=1+1,2')).toBe(`"'=1+1,2"`);
  });

  it('ends every record with CRLF', () => {
    expect(csvRow(['a', 1, null, 'b c'])).toBe('a,1,,b c\r\n');
  });
});

describe('round trip through csv-parse', () => {
  const tricky = [
    'He said "cancel it", then hung up',
    'line one\nline two\r\nline three',
    'comma, separated, words',
    'Ünïcødé: 日本語のテキスト, emoji 📞🙂, RTL שלום',
    '   leading and trailing spaces   ',
    '"',
    '',
    '<script>alert("x")</script>',
  ];

  it('gives back every value as written', () => {
    const text = toCsv(['id', 'text'], tricky.map((t, i) => [i, t]));
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['id', 'text']);
    expect(rows.slice(1)).toEqual(tricky.map((t, i) => [String(i), t]));
  });

  it('gives back formulas as text a spreadsheet will not run, and a BOM csv-parse strips', () => {
    const formulas = ['=HYPERLINK("http://x","y")', '+1', '@SUM(A1)', '-2+3', '\t=1', '\r=1'];
    const text = toCsv(['text'], formulas.map((f) => [f]), { bom: true });
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['text']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(formulas.map((f) => `'${f}`));
  });
});
