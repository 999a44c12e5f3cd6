import { afterEach, describe, expect, it } from 'vitest';
import { mapRecord, parseTimestamp, timestampProblem } from './map-row';
import { cutText, toWellFormed } from '@/lib/text/well-formed';

const upload = new Date('2026-03-01T12:00:00Z');
const mapping = { text: 'text', occurredAt: 'time' };
const at = (time: string) => mapRecord(2, { text: 'My invoice is wrong', time }, mapping, upload);

describe('finding 6: timestamps are strict', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = tz;
  });

  it('rejects "0", "Call 5" and 2026-02-30, saying what is accepted', () => {
    for (const raw of ['0', 'Call 5', '2026-02-30', '2025-02-29', '2026-13-01', '2026-01-01T24:00:00', '2026-01-01T10:60', '12345', '2026-01-01T10:00:00+25:00']) {
      const r = at(raw);
      expect(r, raw).toEqual({ ok: false, reason: expect.stringMatching(/is not a date.*ISO 8601.*Unix/) });
    }
    expect(at('2026-02-30')).toEqual({ ok: false, reason: expect.stringMatching(/February 2026 has 28 days/) });
  });

  it('reads a time without a zone as UTC whatever TZ the process has', () => {
    for (const zone of ['America/New_York', 'Asia/Kolkata', 'UTC']) {
      process.env.TZ = zone;
      expect(parseTimestamp('2026-02-01T10:00:00')?.toISOString(), zone).toBe('2026-02-01T10:00:00.000Z');
      expect(parseTimestamp('2026-02-01 10:00')?.toISOString(), zone).toBe('2026-02-01T10:00:00.000Z');
      expect(parseTimestamp('2026-02-01')?.toISOString(), zone).toBe('2026-02-01T00:00:00.000Z');
    }
  });

  it('reads zones, leap days, fractions and Unix seconds and milliseconds', () => {
    expect(parseTimestamp('2026-02-01T10:00:00+01:00')?.toISOString()).toBe('2026-02-01T09:00:00.000Z');
    expect(parseTimestamp('2026-02-01T10:00:00.5-0230')?.toISOString()).toBe('2026-02-01T12:30:00.500Z');
    expect(parseTimestamp('2026-02-01T10:00Z')?.toISOString()).toBe('2026-02-01T10:00:00.000Z');
    expect(parseTimestamp('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseTimestamp('1767225600')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseTimestamp('1767225600.25')?.toISOString()).toBe('2026-01-01T00:00:00.250Z');
    expect(parseTimestamp('1767225600000')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(at('1767225600')).toMatchObject({ ok: true, row: { occurredAt: '2026-01-01T00:00:00.000Z' } });
    expect(timestampProblem('2026-02-30')).toMatch(/28 days/);
    expect(timestampProblem('2026-02-01')).toBeNull();
  });
});

describe('finding 8: text integrity', () => {
  it('rejects a row with a lone surrogate in any field, naming the field', () => {
    expect(mapRecord(7, { text: 'bad \uD800 half', id: '1' }, { text: 'text' }, upload)).toEqual({ ok: false, reason: expect.stringMatching(/"text" contains an unpaired surrogate.*not valid Unicode/) });
    expect(mapRecord(7, { text: 'fine', note: 'x\uDC00' }, { text: 'text' }, upload)).toEqual({ ok: false, reason: expect.stringMatching(/"note" contains an unpaired surrogate/) });
    expect(mapRecord(7, { text: 'a real pair 😀 is fine' }, { text: 'text' }, upload)).toMatchObject({ ok: true });
  });

  it('never cuts a surrogate pair in half when shortening text', () => {
    const s = `${'a'.repeat(199)}😀tail`;
    expect(cutText(s, 200)).toBe('a'.repeat(199));
    expect(toWellFormed('x\uD800y\uDC00')).toBe('x\uFFFDy\uFFFD');
    const long = mapRecord(2, { text: 'hello', note: `${'b'.repeat(1999)}😀` }, { text: 'text' }, upload);
    expect(long.ok && long.row.metadata.note).toBe('b'.repeat(1999));
  });
});
