import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectFormat } from './detect';
import { guessMapping, mapRecord, parseTimestamp } from './map-row';
import { classificationWindow, CLASSIFY_WINDOW, WINDOW_MARKER } from './text-window';

describe('text window', () => {
  it('classifies short texts whole and long ones on their first 16,000 and last 4,000 characters', () => {
    expect(classificationWindow('short')).toBe('short');
    const exact = 'a'.repeat(CLASSIFY_WINDOW.maxChars);
    expect(classificationWindow(exact)).toBe(exact);
    const long = `${'h'.repeat(30_000)}${'t'.repeat(10_000)}`;
    const w = classificationWindow(long);
    expect(w).toBe(`${'h'.repeat(16_000)}${WINDOW_MARKER}${'t'.repeat(4_000)}`);
  });
});

describe('format detection', () => {
  it('finds the separator outside quotes', () => {
    expect(detectDelimiter('a;b;"c,d,e"\n1;2;3')).toBe(';');
    expect(detectDelimiter('\uFEFFa\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('text,id\n')).toBe(',');
  });
  it('uses the extension, then the content', () => {
    expect(detectFormat('x.csv', 'a,b')).toBe('csv');
    expect(detectFormat('x.json', '{"text":"a"}\n{"text":"b"}\n')).toBe('jsonl');
    expect(detectFormat('x', '[{"text":"a"}]')).toBe('json');
    expect(detectFormat('x', 'just words\nmore words')).toBe('text');
  });
});

describe('row mapping', () => {
  it('guesses columns from common names', () => {
    expect(guessMapping(['Call ID', 'Transcript', 'timestamp', 'Agent Name', 'x'])).toEqual({ text: 'Transcript', externalId: 'Call ID', occurredAt: 'timestamp', agent: 'Agent Name' });
  });
  it('reads ISO dates as UTC and Unix seconds', () => {
    expect(parseTimestamp('2026-11-28 14:05')?.toISOString()).toBe('2026-11-28T14:05:00.000Z');
    expect(parseTimestamp('1764583200')?.toISOString()).toBe('2025-12-01T10:00:00.000Z');
    expect(parseTimestamp('yesterday')).toBeNull();
  });
  it('rejects empty text and over-long text with a reason', () => {
    const d = new Date('2026-01-01T00:00:00Z');
    expect(mapRecord(2, { t: '  ' }, { text: 't' }, d)).toEqual({ ok: false, reason: expect.stringMatching(/empty/) });
    expect(mapRecord(2, { t: 'x'.repeat(200_001) }, { text: 't' }, d)).toEqual({ ok: false, reason: expect.stringMatching(/over the limit of 200,000/) });
    const ok = mapRecord(2, { t: ' hi ', extra: 'v' }, { text: 't' }, d);
    expect(ok).toMatchObject({ ok: true, row: { line: 2, text: 'hi', occurredAt: d.toISOString(), metadata: { extra: 'v' } } });
  });
});
