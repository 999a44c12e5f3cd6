import 'server-only';
import { detectDelimiter, detectFormat, FileFormatError, readSample, type FileFormat } from '@/lib/ingest/detect';
import { parseFile } from '@/lib/ingest/parse-file';
import { cutText } from '@/lib/text/well-formed';

export interface FilePreview {
  format: FileFormat;
  delimiter: string | null;
  columns: string[];
  rows: { kind: 'row'; line: number; record: Record<string, string> }[];
  errors: { line: number; reason: string }[];
  /** some value (or column name) in `rows` is cut to PREVIEW_VALUE_CHARS characters, ending in "…" */
  truncated: boolean;
}

/** The preview reads at most this much of a file: enough for the first rows, however large the file. */
export const PREVIEW_BYTES = 2 * 1024 ** 2;
/** Values shown in a preview are cut to this many characters. */
export const PREVIEW_VALUE_CHARS = 300;

/**
 * Format, separator, columns and the first rows of a stored file, read from
 * a bounded prefix (PREVIEW_BYTES, `limit` rows), with values cut to
 * PREVIEW_VALUE_CHARS: the web server's memory and the answer stay small
 * whatever the file holds.
 */
export async function previewFile(path: string, fileName: string, options: { format?: FileFormat; limit?: number } = {}): Promise<FilePreview> {
  const limit = options.limit ?? 20;
  const sample = (await readSample(path)).toString('utf8');
  const format = options.format ?? detectFormat(fileName, sample);
  const delimiter = format === 'csv' ? detectDelimiter(sample) : null;
  const rows: FilePreview['rows'] = [];
  const errors: FilePreview['errors'] = [];
  const columns = new Set<string>();
  let truncated = false;
  const cut = (s: string) => {
    if (s.length <= PREVIEW_VALUE_CHARS) return s;
    truncated = true;
    return `${cutText(s, PREVIEW_VALUE_CHARS)}…`;
  };
  try {
    for await (const item of parseFile(path, { format, delimiter, maxBytes: PREVIEW_BYTES, onColumns: (header) => header.forEach((c) => columns.add(c)) })) {
      if (item.kind === 'error') errors.push({ line: item.line, reason: cutText(item.reason, 1000) });
      else {
        const record: Record<string, string> = {};
        for (const [k, v] of Object.entries(item.record)) {
          columns.add(k);
          record[cut(k)] = cut(v);
        }
        rows.push({ kind: 'row', line: item.line, record });
      }
      if (rows.length + errors.length >= limit) break;
    }
  } catch (e) {
    if (e instanceof FileFormatError) throw e;
    if (e instanceof Error && 'code' in e && String(e.code).startsWith('CSV_')) throw new FileFormatError(`The CSV header cannot be read: ${e.message}`);
    throw e;
  }
  return { format, delimiter, columns: [...columns], rows, errors, truncated };
}
