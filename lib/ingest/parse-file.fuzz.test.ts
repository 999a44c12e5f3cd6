import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestConfig } from './config';
import { FileFormatError, type FileFormat } from './detect';
import { mapRecord } from './map-row';
import { parseFile, type ParsedItem } from './parse-file';
import { hasLoneSurrogate } from '@/lib/text/well-formed';

// Property-based fuzzing of the upload parsers: thousands of generated
// hostile files (deep nesting, huge lines, bad quotes, BOMs, NULs, lone
// surrogates, wrong encodings, CR-only line ends). Whatever the bytes, a
// parse ends: rows and rejected rows (each with a line and a reason), or a
// FileFormatError that fails the job with its message. Nothing else escapes,
// and nothing it hands on is unstorable text. The row limit is set low, so
// "huge" stays fast.
const dir = mkdtempSync(join(tmpdir(), 'callsight-fuzz-'));
const MAX_ROW = 2_000;
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fragment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('"', '""', ',', ';', '\t', '|', '\n', '\r', '\r\n', '\uFEFF', '\u0000', '{', '}', '[', ']', ':', '\\', '\\"', '\\ud800', '\\udc00', '\\u0000', 'text', '"text"', '{"text":"', '"}', 'id', ' ', '\n\n', 'null', '5', '1767225600', '2026-02-30') },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((d) => '['.repeat(d * 10) + ']'.repeat(d * 5)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((d) => '{"a":'.repeat(d * 10)) },
  { weight: 1, arbitrary: fc.integer({ min: MAX_ROW / 2, max: MAX_ROW * 3 }).map((k) => 'x'.repeat(k)) },
);

/** Text made of hostile fragments, encoded as UTF-8, or as bytes that are not UTF-8 at all. */
const hostileBytes = fc.oneof(
  { weight: 8, arbitrary: fc.array(fragment, { maxLength: 60 }).map((parts) => Buffer.from(parts.join(''), 'utf8')) },
  { weight: 1, arbitrary: fc.array(fragment, { maxLength: 30 }).map((parts) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(parts.join(''), 'utf16le')])) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: fc.array(fragment, { maxLength: 30 }).map((parts) => Buffer.concat([Buffer.from(parts.join(''), 'latin1'), Buffer.from([0xed, 0xa0, 0x80, 0xe9])])) },
);

/** A header line first (CSV needs one; a JSON value may follow it), then the hostile bytes. */
const headerFor: Record<FileFormat, fc.Arbitrary<string>> = {
  csv: fc.constantFrom('text,id\n', 'id;text;time\r\n', '\uFEFFtext\n', '"te""xt",id\n', ''),
  jsonl: fc.constantFrom('{"text":"ok"}\n', '{"text":"ok","time":"0"}\r', ''),
  json: fc.constantFrom('[', '[{"text":"ok"},', '{"transcripts":[', '{"x":[[[', ''),
  text: fc.constantFrom('first transcript\n\n', ''),
};

async function parseAll(bytes: Buffer, format: FileFormat, maxBytes?: number): Promise<ParsedItem[] | FileFormatError> {
  const path = join(dir, `fuzz-${n++}`);
  writeFileSync(path, bytes);
  const items: ParsedItem[] = [];
  try {
    for await (const item of parseFile(path, { format, delimiter: format === 'csv' ? ',' : null, maxRowChars: MAX_ROW, maxBytes })) items.push(item);
  } catch (e) {
    // The one error that may end a parse: the file as a whole cannot be read (the job fails, saying why).
    if (e instanceof FileFormatError) return e;
    throw e;
  } finally {
    rmSync(path, { force: true });
  }
  return items;
}

function checkItems(items: ParsedItem[] | FileFormatError, format: FileFormat) {
  // a text block holds many lines, up to the text limit; every other row is one record
  const longest = format === 'text' ? ingestConfig.INGEST_MAX_TEXT_CHARS + 1 : MAX_ROW * 6;
  if (items instanceof FileFormatError) {
    expect(items.message.length).toBeGreaterThan(20);
    return;
  }
  for (const item of items) {
    expect(Number.isInteger(item.line) && item.line >= 1).toBe(true);
    if (item.kind === 'error') {
      expect(item.reason.length).toBeGreaterThan(10);
      expect(item.reason.length).toBeLessThanOrEqual(1000);
      expect(item.excerpt.length).toBeLessThanOrEqual(200);
      expect(hasLoneSurrogate(item.reason) || hasLoneSurrogate(item.excerpt)).toBe(false);
    } else {
      for (const [k, v] of Object.entries(item.record)) {
        expect(typeof v).toBe('string');
        expect(k.length + v.length).toBeLessThanOrEqual(longest);
      }
      // Mapping a row never throws either: it is a row to store or a reason.
      const m = mapRecord(item.line, item.record, { text: 'text', occurredAt: 'time' }, new Date('2026-01-01T00:00:00Z'));
      if (m.ok) {
        const { text, externalId, channel, agent, queue, customerId, metadata } = m.row;
        for (const v of [text, externalId, channel, agent, queue, customerId, ...Object.keys(metadata), ...Object.values(metadata)]) expect(hasLoneSurrogate(v ?? '')).toBe(false);
      }
      else expect(m.reason.length).toBeGreaterThan(10);
    }
  }
}

describe('fuzz: the upload parsers end every hostile input in rows and rejected rows', () => {
  for (const format of ['csv', 'jsonl', 'json', 'text'] as const) {
    it(`${format}: never throws anything but a FileFormatError, every rejection has a line and a reason`, async () => {
      await fc.assert(
        fc.asyncProperty(headerFor[format], hostileBytes, fc.option(fc.integer({ min: 1, max: 600 }), { nil: undefined }), async (header, bytes, maxBytes) => {
          checkItems(await parseAll(Buffer.concat([Buffer.from(header, 'utf8'), bytes]), format, maxBytes), format);
        }),
        { numRuns: RUNS },
      );
    }, 120_000);
  }

  it('deep nesting far past the stack, in every format, ends as a rejected row', async () => {
    const deep = `{"text":"x","m":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    for (const [format, content] of [
      ['jsonl', `${deep}\n{"text":"after"}\n`],
      ['json', `[${deep},{"text":"after"}]`],
    ] as const) {
      const items = await parseAll(Buffer.from(content), format);
      checkItems(items, format);
      expect(Array.isArray(items) && items.map((i) => i.kind)).toEqual(['error', 'row']);
    }
  });
});
