import { parse as parseCsv, type CsvError, type Info, type Parser } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { ingestConfig } from './config';
import { FileFormatError, type FileFormat } from './detect';
import { cutText, toWellFormed } from '@/lib/text/well-formed';

/** One item out of a file: a record (column → value) or a row that could not be read, with its line. */
export type ParsedItem =
  | { kind: 'row'; line: number; record: Record<string, string> }
  | { kind: 'error'; line: number; reason: string; excerpt: string };

export interface ParseOptions {
  format: FileFormat;
  delimiter?: string | null;
  /** called now and then with the bytes read so far */
  onBytes?: (bytes: number) => void;
  /** read only this many bytes from the start (a preview); the row the limit cuts is left out */
  maxBytes?: number;
  /** longest row held, in characters (default INGEST_MAX_ROW_CHARS); longer rows are rejected */
  maxRowChars?: number;
  /** called with a CSV file's columns once its header is read */
  onColumns?: (columns: string[]) => void;
}

/** Deepest nesting of arrays and objects a JSON row may have; deeper rows are rejected before JSON.parse. */
export const MAX_JSON_DEPTH = 64;

const EXCERPT = 200;
const READ_CHUNK = 256 * 1024;
const excerptOf = (raw: string) => toWellFormed(cutText(raw.slice(0, EXCERPT * 4).replace(/\s+/g, ' ').trim(), EXCERPT));
// Reasons may quote the row (a JSON.parse message does, cutting a surrogate pair in half): made well-formed too.
const rowError = (line: number, reason: string, raw: string): ParsedItem => ({ kind: 'error', line, reason: toWellFormed(reason), excerpt: excerptOf(raw) });
const fmt = (n: number) => n.toLocaleString('en');

/**
 * Streams a file as records, holding at most one row (of at most
 * INGEST_MAX_ROW_CHARS) at a time whatever the file holds. CSV goes through
 * csv-parse (quoted newlines, BOM, the separator detected at upload); JSON
 * Lines and plain text line by line; a JSON array item by item. A row that
 * is too long, nested too deep or malformed is a rejected row with its line
 * and a reason, and the parse goes on after it. Only a file that cannot be
 * read as a whole (a JSON file that is not an array, a CSV header over the
 * row limit) throws, as a FileFormatError saying why.
 *
 * Line numbers are 1-based lines of the file where the row starts; for a
 * JSON array they are the item's position.
 */
export async function* parseFile(path: string, options: ParseOptions): AsyncGenerator<ParsedItem> {
  const { size } = await stat(path);
  const input: Input = {
    path,
    end: options.maxBytes === undefined ? size : Math.min(size, options.maxBytes),
    cut: options.maxBytes !== undefined && options.maxBytes < size,
    maxRow: options.maxRowChars ?? ingestConfig.INGEST_MAX_ROW_CHARS,
    onBytes: options.onBytes ?? (() => {}),
    onColumns: options.onColumns ?? (() => {}),
  };
  switch (options.format) {
    case 'csv':
      yield* parseCsvFile(input, options.delimiter ?? ',');
      return;
    case 'jsonl':
      yield* parseJsonLines(input);
      return;
    case 'json':
      if (size > ingestConfig.INGEST_MAX_JSON_BYTES) {
        throw new FileFormatError(
          `A JSON array file may be at most ${fmt(ingestConfig.INGEST_MAX_JSON_BYTES)} bytes (INGEST_MAX_JSON_BYTES); this file is ${fmt(size)}. Send JSON Lines (one object per line, .jsonl) instead.`,
        );
      }
      yield* parseJsonArray(input);
      return;
    case 'text':
      yield* parseTextBlocks(input);
      return;
  }
}

interface Input {
  path: string;
  /** the byte where reading stops: the file's size, or the preview's limit */
  end: number;
  /** true when `end` is before the end of the file: a row running past it is left out */
  cut: boolean;
  maxRow: number;
  onBytes: (bytes: number) => void;
  onColumns: (columns: string[]) => void;
}

export function tooLongReason(chars: number): string {
  return `The text is ${fmt(chars)} characters, over the limit of ${fmt(ingestConfig.INGEST_MAX_TEXT_CHARS)} (INGEST_MAX_TEXT_CHARS). Split the transcript or raise the limit.`;
}

function rowTooLongReason(what: string, chars: number | null, max: number): string {
  const size = chars === null ? `longer than the limit of ${fmt(max)} characters` : `${fmt(chars)} characters, over the limit of ${fmt(max)}`;
  return `${what} is ${size} (INGEST_MAX_ROW_CHARS), so it was not read. Split it, or check for a missing line break or quote.`;
}

// ------------------------------------------------------------------- lines

/** The text of one row as it is read: kept up to `max` characters, counted on past it. */
class BoundedText {
  private parts: string[] = [];
  private kept = 0;
  /** its whole length so far */
  chars = 0;

  constructor(private readonly max: number) {}

  add(s: string): void {
    this.chars += s.length;
    if (this.kept >= this.max || !s) return;
    const take = s.length <= this.max - this.kept ? s : s.slice(0, this.max - this.kept);
    this.parts.push(take);
    this.kept += take.length;
  }

  toString(): string {
    return this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
  }
}

interface Line {
  line: number;
  /** the line, cut to the row limit */
  text: string;
  /** its length (of what was read, when `whole` is false: the line runs past a preview's limit) */
  chars: number;
  whole: boolean;
}

/**
 * The lines of a file, ended by LF, CRLF or a lone CR, as UTF-8 (a BOM is
 * dropped; bytes that are not UTF-8 read as U+FFFD). A line longer than
 * `maxRow` is cut to it and its length counted on, so a line of any length
 * costs at most `maxRow` characters of memory.
 */
async function* readLines(input: Input): AsyncGenerator<Line> {
  if (input.end === 0) return;
  const source = createReadStream(input.path, { highWaterMark: READ_CHUNK, end: input.end - 1 });
  const decoder = new TextDecoder('utf-8');
  let current = new BoundedText(input.maxRow);
  let line = 0;
  let afterCr = false;
  const finish = (whole = true): Line => {
    const out = { line: ++line, text: current.toString(), chars: current.chars, whole };
    current = new BoundedText(input.maxRow);
    return out;
  };
  const ends = /\r\n|\r|\n/g;
  try {
    for await (const buf of source as AsyncIterable<Buffer>) {
      const s = decoder.decode(buf, { stream: true });
      if (!s) continue;
      let i: number = afterCr && s[0] === '\n' ? 1 : 0; // the LF of a CRLF split between two reads
      afterCr = false;
      ends.lastIndex = i;
      for (let m = ends.exec(s); m; m = ends.exec(s)) {
        current.add(s.slice(i, m.index));
        i = m.index + m[0].length;
        afterCr = m[0] === '\r' && i === s.length;
        yield finish();
      }
      current.add(s.slice(i));
      input.onBytes(source.bytesRead);
    }
    current.add(decoder.decode());
    // A last line without a line end is whole at the end of the file, cut short at a preview's limit
    // (where it is still known to be too long if it is).
    if (current.chars > 0 && (!input.cut || current.chars > input.maxRow)) yield finish(!input.cut);
  } finally {
    source.destroy();
  }
}

// -------------------------------------------------------------- JSON (Lines)

/** True when `text` nests arrays or objects deeper than `max`: a scan, so any depth is safe to ask about. */
export function jsonDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const DEEP_REASON = `The JSON is nested deeper than ${MAX_JSON_DEPTH} levels, so it was not read. A transcript is one object of fields (text, id, …); nest metadata less deeply.`;

function toRecord(value: unknown): Record<string, string> | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    out[k] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

/** One JSON value of at most `maxRow` characters and MAX_JSON_DEPTH levels, or why it is none. */
function readJsonValue(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (jsonDeeperThan(text, MAX_JSON_DEPTH)) return { ok: false, reason: DEEP_REASON };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, reason: `Not valid JSON: ${cutText((e as Error).message, 200)}.` };
  }
}

async function* parseJsonLines(input: Input): AsyncGenerator<ParsedItem> {
  for await (const { line, text, chars, whole } of readLines(input)) {
    if (chars > input.maxRow) {
      yield rowError(line, rowTooLongReason('The line', whole ? chars : null, input.maxRow), text);
      continue;
    }
    if (!text.trim()) continue;
    const parsed = readJsonValue(text);
    const record = parsed.ok ? toRecord(parsed.value) : null;
    if (record) yield { kind: 'row', line, record };
    else yield rowError(line, parsed.ok ? 'Each line must be a JSON object like {"text": "…"}.' : `${parsed.reason} Each line must be one JSON object.`, text);
  }
}

/**
 * A JSON array (or `{"transcripts": [...]}`) read item by item as the bytes
 * arrive: a scan keeps the nesting depth as a number and the current item as
 * text (up to the row limit), so neither a deep item nor a long one can
 * overflow the stack or memory; each item is checked for depth and parsed
 * on its own.
 */
async function* parseJsonArray(input: Input): AsyncGenerator<ParsedItem> {
  const notAnArray = 'A JSON file must hold an array of objects (or {"transcripts": [...]}).';
  let top: 'unknown' | 'array' | 'object' | 'done' = 'unknown';
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** the depth inside the array of items; -1 outside it */
  let itemsDepth = -1;
  // In a top-level object: where we are among its keys, and the key being read.
  let keyState: 'key' | 'colon' | 'value' | 'next' = 'key';
  let key = '';
  let readingKey = false;
  let sawItems = false;
  let index = 0;
  let item: { text: BoundedText; deepest: number } | null = null;

  const finishItem = (done: { text: BoundedText; deepest: number }, whole = true): ParsedItem => {
    item = null;
    const { chars } = done.text;
    const line = ++index;
    const text = done.text.toString().trim();
    if (chars > input.maxRow) return rowError(line, rowTooLongReason('The item', whole ? chars : null, input.maxRow), text);
    if (done.deepest > MAX_JSON_DEPTH) return rowError(line, DEEP_REASON, text);
    const parsed = readJsonValue(text);
    if (!parsed.ok) return rowError(line, parsed.reason, text);
    const record = typeof parsed.value === 'string' ? { text: parsed.value } : toRecord(parsed.value);
    return record ? { kind: 'row', line, record } : rowError(line, 'Item is not an object with a text field.', text);
  };

  if (input.end > 0) {
    const source = createReadStream(input.path, { highWaterMark: READ_CHUNK, end: input.end - 1 });
    const decoder = new TextDecoder('utf-8');
    try {
      for await (const buf of source as AsyncIterable<Buffer>) {
        const s = decoder.decode(buf, { stream: true });
        const out: ParsedItem[] = [];
        for (let i = 0; i < s.length; i++) {
          const c = s[i]!;
          if (inString) {
            if (item && !escaped && c !== '"' && c !== '\\') {
              // the rest of a plain run of string characters at once
              let j = i + 1;
              while (j < s.length && s[j] !== '"' && s[j] !== '\\') j++;
              item.text.add(s.slice(i, j));
              i = j - 1;
              continue;
            }
            item?.text.add(c);
            if (escaped) escaped = false;
            else if (c === '\\') escaped = true;
            else if (c === '"') {
              inString = false;
              if (readingKey) {
                readingKey = false;
                keyState = 'colon';
              }
            } else if (readingKey && key.length < 64) key += c;
            continue;
          }
          if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
            item?.text.add(c);
            continue;
          }
          if (top === 'unknown') {
            if (c === '[') {
              top = 'array';
              depth = itemsDepth = 1;
              sawItems = true;
              continue;
            }
            if (c === '{') {
              top = 'object';
              depth = 1;
              continue;
            }
            throw new FileFormatError(`${notAnArray} This file starts with ${JSON.stringify(c)}.`);
          }
          if (top === 'done') throw new FileFormatError(`The file goes on after its JSON array ended (${JSON.stringify(s.slice(i, i + 20))}…). ${notAnArray}`);
          if (depth === itemsDepth) {
            // Between items, or at the end of one: a comma or the closing bracket at the array's own depth.
            if (c === ',' || c === ']') {
              if (item) out.push(finishItem(item));
              if (c === ',') continue;
              depth--;
              itemsDepth = -1;
              if (top === 'array') top = 'done';
              else keyState = 'next';
              continue;
            }
            item ??= { text: new BoundedText(input.maxRow), deepest: 0 };
          }
          item?.text.add(c);
          if (c === '"') {
            inString = true;
            if (top === 'object' && depth === 1 && keyState === 'key') {
              readingKey = true;
              key = '';
            }
          } else if (c === '[' || c === '{') {
            if (top === 'object' && depth === 1 && keyState === 'value' && key === 'transcripts') {
              if (c !== '[') throw new FileFormatError(`"transcripts" must be an array. ${notAnArray}`);
              sawItems = true;
              depth = itemsDepth = 2;
              continue;
            }
            depth++;
            if (item) item.deepest = Math.max(item.deepest, depth - itemsDepth);
          } else if (c === ']' || c === '}') {
            depth--;
            if (depth === 0) top = 'done';
          } else if (top === 'object' && depth === 1) {
            if (c === ':' && keyState === 'colon') keyState = 'value';
            else if (c === ',') keyState = 'key';
            else if (keyState === 'value' && key === 'transcripts') throw new FileFormatError(`"transcripts" must be an array. ${notAnArray}`);
          }
        }
        yield* out;
        input.onBytes(source.bytesRead);
      }
    } finally {
      source.destroy();
    }
  }
  // A preview: the item the limit cuts is not shown, unless it is too long already.
  if (input.cut) {
    if (item && item.text.chars > input.maxRow) yield finishItem(item, false);
    return;
  }
  if (top === 'unknown') throw new FileFormatError(`The file holds no JSON. ${notAnArray}`);
  if (!sawItems) throw new FileFormatError(`The JSON object has no "transcripts" array. ${notAnArray}`);
  if (top !== 'done' || inString) {
    // Cut short: the last item is whole if its brackets closed.
    if (item && !inString && depth === itemsDepth) yield finishItem(item);
    throw new FileFormatError(`The file ends before its JSON array is closed: it is cut short (after item ${fmt(index)}).`);
  }
}

// ---------------------------------------------------------------- plain text

/** Plain text: one transcript per blank-line block (a file without blank lines is one transcript). */
async function* parseTextBlocks(input: Input): AsyncGenerator<ParsedItem> {
  let block: string[] = [];
  let blockLines = 0;
  let blockStart = 0;
  let blockChars = 0;
  let longLine: Line | null = null;
  const emit = (): ParsedItem => {
    const item: ParsedItem = longLine
      ? rowError(blockStart, rowTooLongReason(`Line ${fmt(longLine.line)}`, longLine.whole ? longLine.chars : null, input.maxRow), block[0] ?? '')
      : blockChars > ingestConfig.INGEST_MAX_TEXT_CHARS
        ? rowError(blockStart, tooLongReason(blockChars), block[0] ?? '')
        : { kind: 'row', line: blockStart, record: { text: block.join('\n') } };
    block = [];
    blockLines = 0;
    blockChars = 0;
    longLine = null;
    return item;
  };
  for await (const l of readLines(input)) {
    if (!l.text.trim() && l.chars <= input.maxRow) {
      if (blockLines) yield emit();
      continue;
    }
    if (!blockLines) blockStart = l.line;
    if (l.chars > input.maxRow) longLine ??= l;
    blockChars += (blockLines ? 1 : 0) + l.chars;
    blockLines++;
    // past the text limit the block is kept short: it is rejected anyway, and must not grow without bound
    if (blockChars <= ingestConfig.INGEST_MAX_TEXT_CHARS) block.push(l.text);
    else if (!block.length) block.push(l.text.slice(0, EXCERPT * 4));
  }
  // The block the preview's limit cuts may go on past it (a rejection is known already).
  if (blockLines && (!input.cut || longLine)) yield emit();
}

// ---------------------------------------------------------------------- CSV

/**
 * CSV through csv-parse, with each record bounded by `max_record_size`. On a
 * record over it csv-parse cannot go on (it drops the rest of the file), so
 * the record is skipped here: a scan with csv-parse's own quoting rules finds
 * where it ends (streaming, nothing held), it becomes one rejected row, and
 * a new parser takes over from the next record with the same columns. An
 * unclosed quote that swallows the rest of a large file is one such record.
 */
async function* parseCsvFile(input: Input, delimiter: string): AsyncGenerator<ParsedItem> {
  let columns: string[] | null = null;
  let start = 0;
  let linesBefore = 0;
  while (start < input.end) {
    const run = csvRun(input, delimiter, start, linesBefore, columns);
    yield* run.items;
    const over = await run.oversize;
    if (!over) return;
    columns = run.columns();
    if (!columns) throw new FileFormatError(`The CSV header row is longer than ${fmt(input.maxRow)} characters (INGEST_MAX_ROW_CHARS): is this a CSV file, with line breaks?`);
    const skipped = await skipCsvRecord(input, over.byte, delimiter);
    const unclosed = skipped.atEnd && skipped.inQuotes && !input.cut;
    yield rowError(
      over.line,
      unclosed
        ? `A quoted value is never closed: from line ${fmt(over.line)} to the end of the file everything is inside quotes, longer than the limit of ${fmt(input.maxRow)} characters (INGEST_MAX_ROW_CHARS). Close the quote or remove it.`
        : rowTooLongReason('The row', null, input.maxRow),
      skipped.head,
    );
    if (skipped.atEnd) return;
    start = skipped.end;
    linesBefore = over.line - 1 + skipped.lineFeeds;
  }
}

/**
 * Line numbers from byte offsets: csv-parse's own line count goes wrong
 * after a CRLF inside quotes, its byte count does not. Keeps the chunks read
 * since the last offset asked about (a record or two).
 */
class LineCounter {
  private chunks: { at: number; buf: Buffer }[] = [];

  constructor(
    private pos: number,
    private lineFeeds: number,
  ) {}

  push(buf: Buffer, at: number): void {
    this.chunks.push({ at, buf });
  }

  private byteAt(offset: number): number | undefined {
    for (const c of this.chunks) if (offset >= c.at && offset < c.at + c.buf.length) return c.buf[offset - c.at];
    return undefined;
  }

  /**
   * Where the record after `byte` (the end of the one before) starts, past
   * any empty lines: its byte and its 1-based line. Offsets asked about only grow.
   */
  recordAt(byte: number): { byte: number; line: number } {
    while (this.pos < byte) {
      const c = this.chunks[0];
      if (!c) break;
      const to = Math.min(c.buf.length, byte - c.at);
      for (let i = c.buf.indexOf(10, this.pos - c.at); i >= 0 && i < to; i = c.buf.indexOf(10, i + 1)) this.lineFeeds++;
      this.pos = c.at + to;
      if (to === c.buf.length) this.chunks.shift();
    }
    for (;;) {
      const b = this.byteAt(this.pos);
      if (b === 10) this.pos++;
      else if (b === 13 && this.byteAt(this.pos + 1) === 10) this.pos += 2;
      else break;
      this.lineFeeds++;
    }
    return { byte: this.pos, line: this.lineFeeds + 1 };
  }
}

interface CsvRun {
  items: AsyncGenerator<ParsedItem>;
  /** once `items` is done: where the record over the limit starts (byte, line), or null */
  oversize: Promise<{ byte: number; line: number } | null>;
  columns: () => string[] | null;
}

type Pending = { kind: 'row'; end: number; record: Record<string, string> } | { kind: 'error'; end: number; reason: string; raw: string };

function csvRun(input: Input, delimiter: string, start: number, linesBefore: number, knownColumns: string[] | null): CsvRun {
  let columns = knownColumns;
  const lines = new LineCounter(start, linesBefore);
  /** the end of the last record read (or of the header), as a byte offset in the file */
  let lastEnd = start;
  let oversize = false;
  let resolveOversize!: (v: { byte: number; line: number } | null) => void;
  const oversizeAt = new Promise<{ byte: number; line: number } | null>((r) => (resolveOversize = r));
  const pending: Pending[] = [];

  const parser: Parser = parseCsv({
    bom: start === 0,
    delimiter,
    columns:
      knownColumns ??
      ((header: string[]) => {
        columns = header.map((h, i) => h.trim() || `column_${i + 1}`);
        lastEnd = start + parser.info.bytes;
        input.onColumns(columns);
        return columns;
      }),
    skip_empty_lines: true,
    relax_quotes: true,
    record_delimiter: ['\r\n', '\n'],
    skip_records_with_error: true,
    max_record_size: input.maxRow,
    info: true,
    raw: true,
    on_record: (ext: unknown) => {
      const { record, info } = ext as { record: Record<string, string | undefined>; info: Info };
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(record)) values[k] = v ?? '';
      pending.push({ kind: 'row', end: start + info.bytes, record: values });
      return null;
    },
  });
  parser.on('skip', (e: CsvError & { bytes?: number }, raw?: string) => {
    if (oversize) return;
    if (e.code === 'CSV_MAX_RECORD_SIZE') {
      oversize = true;
      return;
    }
    const reason =
      e.code === 'CSV_RECORD_INCONSISTENT_COLUMNS'
        ? `${e.message.replace(/ on line \d+$/, '')}: the row has a different number of fields than the header. Quote values that contain the separator "${delimiter === '\t' ? 'tab' : delimiter}".`
        : e.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'A quoted value is never closed: the file ends inside quotes. Close the quote or remove it.'
          : `Malformed CSV row: ${cutText(e.message, 300)}`;
    pending.push({ kind: 'error', end: typeof e.bytes === 'number' ? start + e.bytes : input.end, reason, raw: typeof raw === 'string' ? raw : '' });
  });

  /** The records csv-parse handed over since the last call, with the line each starts on. */
  function* drain(): Generator<ParsedItem> {
    for (const p of pending.splice(0)) {
      const { line } = lines.recordAt(lastEnd);
      lastEnd = Math.max(lastEnd, p.end);
      yield p.kind === 'row' ? { kind: 'row', line, record: p.record } : rowError(line, p.reason, p.raw);
    }
  }

  async function* items(): AsyncGenerator<ParsedItem> {
    const source = input.end > start ? createReadStream(input.path, { start, end: input.end - 1, highWaterMark: READ_CHUNK }) : null;
    const write = (chunk: Buffer) => new Promise<void>((resolve, reject) => parser.write(chunk, (e) => (e ? reject(e) : resolve())));
    let at = start;
    try {
      if (source) {
        for await (const chunk of source as AsyncIterable<Buffer>) {
          lines.push(chunk, at);
          at += chunk.length;
          await write(chunk);
          yield* drain();
          input.onBytes(source.bytesRead + start);
          if (oversize) {
            resolveOversize(lines.recordAt(lastEnd));
            return;
          }
        }
      }
      // The end of the input: csv-parse hands over a last record without a line end (or says a quote is open).
      parser.resume();
      await new Promise<void>((resolve, reject) => {
        parser.once('end', resolve);
        parser.once('error', reject);
        parser.end();
      });
      if (oversize) resolveOversize(lines.recordAt(lastEnd));
      // At a preview's limit that last record is cut short: leave it out.
      else if (!input.cut) yield* drain();
    } finally {
      source?.destroy();
      parser.destroy();
      resolveOversize(null);
    }
  }
  return { items: items(), oversize: oversizeAt, columns: () => columns };
}

/**
 * Finds where the CSV record starting at `from` ends without holding it:
 * csv-parse's quoting rules (a field that starts with a quote is quoted; "" is
 * a quote inside it; a quote followed by the separator, a line end or the end
 * closes it; any other quote is kept as text) over the bytes, read in chunks.
 */
async function skipCsvRecord(input: Input, from: number, delimiter: string): Promise<{ end: number; lineFeeds: number; inQuotes: boolean; atEnd: boolean; head: string }> {
  const QUOTE = 0x22;
  const LF = 0x0a;
  const CR = 0x0d;
  const sep = Buffer.from(delimiter)[0]!;
  const fh = await open(input.path, 'r');
  const buf = Buffer.alloc(READ_CHUNK + 1);
  const head = Buffer.alloc(EXCERPT * 4);
  let headLength = 0;
  let lineFeeds = 0;
  let inQuotes = false;
  let fieldStart = true;
  try {
    for (let pos = from; pos < input.end; ) {
      // One byte more than the chunk: a quote or CR at its end can see what follows.
      const { bytesRead } = await fh.read(buf, 0, Math.min(READ_CHUNK + 1, input.end - pos), pos);
      if (!bytesRead) break;
      const usable = pos + bytesRead >= input.end ? bytesRead : bytesRead - 1;
      if (headLength < head.length) headLength += buf.copy(head, headLength, 0, Math.min(usable, head.length - headLength));
      let i = 0;
      for (; i < usable; i++) {
        const b = buf[i]!;
        const next = i + 1 < bytesRead ? buf[i + 1] : undefined;
        if (inQuotes) {
          if (b === QUOTE) {
            if (next === QUOTE) i++;
            else {
              inQuotes = false;
              fieldStart = false;
            }
          } else if (b === LF) lineFeeds++;
          continue;
        }
        if (b === QUOTE && fieldStart) {
          inQuotes = true;
          continue;
        }
        if (b === sep) {
          fieldStart = true;
          continue;
        }
        fieldStart = false;
        if (b === LF || (b === CR && next === LF)) {
          const end = pos + i + (b === CR ? 2 : 1);
          return { end, lineFeeds: lineFeeds + 1, inQuotes: false, atEnd: end >= input.end, head: head.subarray(0, headLength).toString('utf8') };
        }
      }
      // (past `usable` when the last byte was the first quote of a "" pair)
      pos += i;
    }
    return { end: input.end, lineFeeds, inQuotes, atEnd: true, head: head.subarray(0, headLength).toString('utf8') };
  } finally {
    await fh.close();
  }
}
