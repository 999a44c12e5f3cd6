import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileFormat } from './detect';
import { parseFile, type ParsedItem, type ParseOptions } from './parse-file';

// The parsers on their own, on files written to a temporary folder: every
// hostile row ends as a rejected row with its line and a reason, and the rows
// around it are still read.
const dir = mkdtempSync(join(tmpdir(), 'callsight-parse-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function parse(content: string | Buffer, format: FileFormat, options: Partial<ParseOptions> = {}): Promise<ParsedItem[]> {
  const path = join(dir, `f${n++}`);
  writeFileSync(path, content);
  const items: ParsedItem[] = [];
  for await (const item of parseFile(path, { format, delimiter: format === 'csv' ? ',' : null, ...options })) items.push(item);
  return items;
}

const rows = (items: ParsedItem[]) => items.filter((i) => i.kind === 'row');
const errors = (items: ParsedItem[]) => items.filter((i): i is Extract<ParsedItem, { kind: 'error' }> => i.kind === 'error');
const deep = (levels: number) => `{"text":"deep","meta":${'['.repeat(levels)}${']'.repeat(levels)}}`;

describe('finding 1: one row can stall an import (deep nesting, huge rows)', () => {
  it('rejects a JSON Lines row nested 100,000 levels deep with its line, and reads the rows around it', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => (i === 30 ? deep(100_000) : JSON.stringify({ text: `row ${i + 1}` })));
    const items = await parse(`${lines.join('\n')}\n`, 'jsonl');
    expect(rows(items)).toHaveLength(39);
    expect(errors(items)).toEqual([{ kind: 'error', line: 31, reason: expect.stringMatching(/nested deeper than 64 levels/), excerpt: expect.any(String) }]);
    expect(errors(items)[0]!.excerpt.length).toBeLessThanOrEqual(200);
  });

  it('rejects a JSON array item nested 100,000 levels deep by its position, and reads the other items', async () => {
    const items = await parse(`[{"text":"a"},${deep(100_000)},{"text":"c"}]`, 'json');
    expect(rows(items).map((r) => r.line)).toEqual([1, 3]);
    expect(errors(items)).toEqual([expect.objectContaining({ line: 2, reason: expect.stringMatching(/nested deeper than 64 levels/) })]);
  });

  it('reads {"transcripts": [...]} item by item, skipping other keys of any depth', async () => {
    const items = await parse(`{"source":${'['.repeat(5000)}${']'.repeat(5000)},"transcripts":[{"text":"a"},"b",5]}`, 'json');
    expect(rows(items).map((r) => r.kind === 'row' && r.record)).toEqual([{ text: 'a' }, { text: 'b' }]);
    expect(errors(items)).toEqual([expect.objectContaining({ line: 3, reason: expect.stringMatching(/not an object/) })]);
  });

  it('rejects a JSON Lines line over the row limit without holding it, and goes on', async () => {
    const items = await parse(`{"text":"a"}\n{"text":"${'x'.repeat(50_000)}"}\n{"text":"c"}\n`, 'jsonl', { maxRowChars: 10_000 });
    expect(rows(items).map((r) => r.line)).toEqual([1, 3]);
    expect(errors(items)).toEqual([expect.objectContaining({ line: 2, reason: expect.stringMatching(/50,011 characters.*limit of 10,000.*INGEST_MAX_ROW_CHARS/) })]);
  });

  it('rejects a CSV row over the record limit with its line, and reads the rows after it', async () => {
    const csv = `id,text\n1,first\n2,"${'x'.repeat(30_000)}\nspanning lines"\n3,third\n4,"say ""hi"""\n`;
    const items = await parse(csv, 'csv', { maxRowChars: 10_000 });
    expect(rows(items).map((r) => [r.line, r.kind === 'row' && r.record.id])).toEqual([
      [2, '1'],
      [5, '3'],
      [6, '4'],
    ]);
    expect(errors(items)).toEqual([expect.objectContaining({ line: 3, reason: expect.stringMatching(/longer than the limit of 10,000 characters/) })]);
  });

  it('rejects an unclosed quote that swallows the rest of a large CSV as one row, with bounded memory', async () => {
    const csv = `id,text\n1,first\n2,"never closed ${'y'.repeat(200_000)}\n3,third\n`;
    const items = await parse(csv, 'csv', { maxRowChars: 10_000 });
    expect(rows(items).map((r) => r.line)).toEqual([2]);
    expect(errors(items)).toEqual([expect.objectContaining({ line: 3, reason: expect.stringMatching(/quoted value is never closed/) })]);
  });

  it('rejects a plain-text line over the row limit as a too-long transcript', async () => {
    const items = await parse(`short one\n\n${'z'.repeat(50_000)}\n\nlast one\n`, 'text', { maxRowChars: 10_000 });
    expect(rows(items).map((r) => r.line)).toEqual([1, 5]);
    expect(errors(items)).toEqual([expect.objectContaining({ line: 3, reason: expect.stringMatching(/50,000 characters.*limit of 10,000.*INGEST_MAX_ROW_CHARS/) })]);
  });

  it('counts CR-only, LF and CRLF line ends alike in JSON Lines and text', async () => {
    const items = await parse('{"text":"a"}\r{"text":"b"}\r\n{"text":"c"}\n{"text":"d"}', 'jsonl');
    expect(rows(items).map((r) => r.line)).toEqual([1, 2, 3, 4]);
    const text = await parse('\uFEFFone\r\rtwo\r\n\r\nthree', 'text');
    expect(rows(text).map((r) => [r.line, r.kind === 'row' && r.record.text])).toEqual([
      [1, 'one'],
      [3, 'two'],
      [5, 'three'],
    ]);
  });
});

describe('finding 3: a preview reads a bounded prefix', () => {
  it('stops at maxBytes and leaves out the row the limit cuts', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ text: `row ${i + 1} ${'w'.repeat(90)}` }));
    const items = await parse(lines.join('\n'), 'jsonl', { maxBytes: 1000 });
    expect(items.length).toBeGreaterThan(3);
    expect(items.length).toBeLessThan(12);
    expect(errors(items)).toEqual([]);
    const csv = await parse(`text\n${lines.map((l) => `"${l.replace(/"/g, '""')}"`).join('\n')}`, 'csv', { maxBytes: 1000 });
    expect(errors(csv)).toEqual([]);
    expect(rows(csv).length).toBeGreaterThan(3);
    const json = await parse(`[${lines.join(',')}]`, 'json', { maxBytes: 1000 });
    expect(errors(json)).toEqual([]);
    expect(rows(json).length).toBeGreaterThan(3);
  });
});
