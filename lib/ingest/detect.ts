import { open } from 'node:fs/promises';

export type FileFormat = 'csv' | 'jsonl' | 'json' | 'text';

export class FileFormatError extends Error {
  override name = 'FileFormatError';
}

const SAMPLE_BYTES = 64 * 1024;

/** The first bytes of a file, enough to tell its format, separator and encoding. */
export async function readSample(path: string, bytes = SAMPLE_BYTES): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Refuses what is not UTF-8 with a message that says how to fix it. UTF-16
 * (what Excel's "Unicode text" writes) is caught by its byte-order mark or
 * its NUL bytes; Latin-1 and Windows-1252 by an invalid UTF-8 sequence.
 */
export function assertUtf8(sample: Buffer, complete: boolean): void {
  const fix = 'Save the file as UTF-8 (in Excel: "CSV UTF-8"; in most editors: Save with encoding → UTF-8) and upload it again.';
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    throw new FileFormatError(`The file is UTF-16, not UTF-8. ${fix}`);
  }
  if (sample.subarray(0, 4096).includes(0)) throw new FileFormatError(`The file contains NUL bytes: it is binary or UTF-16, not UTF-8 text. ${fix}`);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
  } catch {
    throw new FileFormatError(`The file is not valid UTF-8 (it looks like Latin-1 or Windows-1252). ${fix}`);
  }
}

/** Validates UTF-8 across a stream of chunks, keeping a character split between chunks. */
export class Utf8Validator {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private offset = 0;

  push(chunk: Uint8Array): void {
    if (this.offset === 0) assertUtf8(Buffer.from(chunk.subarray(0, 4096)), false);
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      throw new FileFormatError(
        `The file is not valid UTF-8 near byte ${this.offset.toLocaleString('en')} (it looks like Latin-1 or Windows-1252). Save the file as UTF-8 (in Excel: "CSV UTF-8") and upload it again.`,
      );
    }
    this.offset += chunk.byteLength;
  }

  end(): void {
    try {
      this.decoder.decode();
    } catch {
      throw new FileFormatError('The file ends in the middle of a UTF-8 character: it is cut short or not UTF-8.');
    }
  }
}

/** Format from the name first, then from the content. */
export function detectFormat(fileName: string, sample: string): FileFormat {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const head = sample.replace(/^\uFEFF/, '').trimStart();
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'json') return head.startsWith('[') || !looksLikeJsonLines(head) ? 'json' : 'jsonl';
  if (ext === 'txt' || ext === 'text') return 'text';
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('{')) return looksLikeJsonLines(head) ? 'jsonl' : 'json';
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  return /[,;\t|]/.test(firstLine) && head.split(/\r?\n/).length > 1 ? 'csv' : 'text';
}

function looksLikeJsonLines(head: string): boolean {
  const lines = head.split(/\r?\n/).filter((l) => l.trim());
  return lines.length > 1 && lines.slice(0, 2).every((l) => l.trim().startsWith('{') && l.trim().endsWith('}'));
}

/** The separator of a CSV file: whichever of , ; tab | appears most in the header line, outside quotes. */
export function detectDelimiter(sample: string): string {
  const text = sample.replace(/^\uFEFF/, '');
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}
