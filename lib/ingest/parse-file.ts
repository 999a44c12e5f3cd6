import { parse as parseCsv, type CsvError } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { ingestConfig } from './config';
import { FileFormatError, type FileFormat } from './detect';

/** One item out of a file: a record (column → value) or a row that could not be read, with its line. */
export type ParsedItem =
  | { kind: 'row'; line: number; record: Record<string, string> }
  | { kind: 'error'; line: number; reason: string; excerpt: string };

export interface ParseOptions {
  format: FileFormat;
  delimiter?: string | null;
  /** called now and then with the bytes read so far */
  onBytes?: (bytes: number) => void;
}

const EXCERPT = 200;
const excerptOf = (raw: string) => raw.replace(/\s+/g, ' ').trim().slice(0, EXCERPT);

/**
 * Streams a file as records. CSV goes through csv-parse (quoted newlines,
 * BOM, the separator detected at upload); JSONL and plain text line by line;
 * a JSON array is read whole, so it is capped (INGEST_MAX_JSON_BYTES).
 * Line numbers are 1-based lines of the file where the row starts; for a
 * JSON array they are the item's position.
 */
export async function* parseFile(path: string, options: ParseOptions): AsyncGenerator<ParsedItem> {
  switch (options.format) {
    case 'csv':
      yield* parseCsvFile(path, options.delimiter ?? ',', options.onBytes);
      return;
    case 'jsonl':
      yield* parseJsonLines(path, options.onBytes);
      return;
    case 'json':
      yield* parseJsonArray(path, options.onBytes);
      return;
    case 'text':
      yield* parseTextBlocks(path, options.onBytes);
      return;
  }
}

/** The line a record starts on, from the line it ends on and its raw text. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$|\r$/, '');
  let n = 0;
  for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) n++;
  return endLine - n;
}

async function* parseCsvFile(path: string, delimiter: string, onBytes?: (n: number) => void): AsyncGenerator<ParsedItem> {
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  const parser = source.pipe(
    parseCsv({
      bom: true,
      delimiter,
      columns: (header: string[]) => header.map((h, i) => h.trim() || `column_${i + 1}`),
      skip_empty_lines: true,
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n'],
      skip_records_with_error: true,
      info: true,
      raw: true,
    }),
  );
  const skipped: ParsedItem[] = [];
  parser.on('skip', (e: CsvError & { lines?: number; raw?: string }) => {
    const raw = typeof e.raw === 'string' ? e.raw : '';
    const reason =
      e.code === 'CSV_RECORD_INCONSISTENT_COLUMNS'
        ? `${e.message.replace(/ on line \d+$/, '')}: the row has a different number of fields than the header. Quote values that contain the separator "${delimiter === '\t' ? 'tab' : delimiter}".`
        : e.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'A quoted value is never closed: the file ends inside quotes. Close the quote or remove it.'
          : `Malformed CSV row: ${e.message}`;
    skipped.push({ kind: 'error', line: startLine(e.lines ?? 0, raw), reason, excerpt: excerptOf(raw) });
  });
  source.on('error', (e) => parser.destroy(e));
  let n = 0;
  for await (const item of parser as AsyncIterable<{ record: Record<string, string | undefined>; raw: string; info: { lines: number } }>) {
    while (skipped.length) yield skipped.shift()!;
    const record: Record<string, string> = {};
    for (const [k, v] of Object.entries(item.record)) record[k] = v ?? '';
    yield { kind: 'row', line: startLine(item.info.lines, item.raw), record };
    if (++n % 1000 === 0) onBytes?.(source.bytesRead);
  }
  while (skipped.length) yield skipped.shift()!;
  onBytes?.(source.bytesRead);
}

function toRecord(value: unknown): Record<string, string> | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

async function* parseJsonLines(path: string, onBytes?: (n: number) => void): AsyncGenerator<ParsedItem> {
  const source = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of lines) {
    line++;
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      yield { kind: 'error', line, reason: `Not valid JSON: ${(e as Error).message}. Each line must be one JSON object.`, excerpt: excerptOf(text) };
      continue;
    }
    const record = toRecord(value);
    if (record) yield { kind: 'row', line, record };
    else yield { kind: 'error', line, reason: 'Each line must be a JSON object like {"text": "…"}.', excerpt: excerptOf(text) };
    if (line % 1000 === 0) onBytes?.(source.bytesRead);
  }
  onBytes?.(source.bytesRead);
}

async function* parseJsonArray(path: string, onBytes?: (n: number) => void): AsyncGenerator<ParsedItem> {
  const { size } = await stat(path);
  if (size > ingestConfig.INGEST_MAX_JSON_BYTES) {
    throw new FileFormatError(
      `A JSON array is read whole, so it may be at most ${ingestConfig.INGEST_MAX_JSON_BYTES.toLocaleString('en')} bytes; this file is ${size.toLocaleString('en')}. Send JSON Lines (one object per line, .jsonl) instead: it streams.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new FileFormatError(`The file is not valid JSON: ${(e as Error).message}. Send an array of objects, or JSON Lines.`);
  }
  const items = Array.isArray(value) ? value : toRecord(value) && Array.isArray((value as { transcripts?: unknown }).transcripts) ? (value as { transcripts: unknown[] }).transcripts : null;
  if (!items) throw new FileFormatError('A JSON file must hold an array of objects (or {"transcripts": [...]}).');
  for (const [i, item] of items.entries()) {
    const record = typeof item === 'string' ? { text: item } : toRecord(item);
    if (record) yield { kind: 'row', line: i + 1, record };
    else yield { kind: 'error', line: i + 1, reason: 'Item is not an object with a text field.', excerpt: excerptOf(JSON.stringify(item) ?? '') };
  }
  onBytes?.(size);
}

/** Plain text: one transcript per blank-line block (a file without blank lines is one transcript). */
async function* parseTextBlocks(path: string, onBytes?: (n: number) => void): AsyncGenerator<ParsedItem> {
  const source = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  const lines = createInterface({ input: source, crlfDelay: Infinity });
  let line = 0;
  let block: string[] = [];
  let blockStart = 0;
  let blockChars = 0;
  let n = 0;
  const emit = (): ParsedItem =>
    blockChars > ingestConfig.INGEST_MAX_TEXT_CHARS
      ? { kind: 'error', line: blockStart, reason: tooLongReason(blockChars), excerpt: excerptOf(block[0] ?? '') }
      : { kind: 'row', line: blockStart, record: { text: block.join('\n') } };
  for await (const raw of lines) {
    line++;
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!text.trim()) {
      if (block.length) {
        yield emit();
        block = [];
        blockChars = 0;
        if (++n % 1000 === 0) onBytes?.(source.bytesRead);
      }
      continue;
    }
    if (!block.length) blockStart = line;
    // past the text limit the block is kept short: it is rejected anyway, and must not grow without bound
    if (blockChars <= ingestConfig.INGEST_MAX_TEXT_CHARS) block.push(text);
    blockChars += text.length + 1;
  }
  if (block.length) yield emit();
  onBytes?.(source.bytesRead);
}

export function tooLongReason(chars: number): string {
  return `The text is ${chars.toLocaleString('en')} characters, over the limit of ${ingestConfig.INGEST_MAX_TEXT_CHARS.toLocaleString('en')} (INGEST_MAX_TEXT_CHARS). Split the transcript or raise the limit.`;
}
