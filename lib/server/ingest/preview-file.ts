import 'server-only';
import { detectDelimiter, detectFormat, FileFormatError, readSample, type FileFormat } from '@/lib/ingest/detect';
import { parseFile } from '@/lib/ingest/parse-file';

export interface FilePreview {
  format: FileFormat;
  delimiter: string | null;
  columns: string[];
  rows: { line: number; record: Record<string, string> }[];
  errors: { line: number; reason: string }[];
}

/** Format, separator, columns and the first rows of a stored file, read from its start only. */
export async function previewFile(path: string, fileName: string, options: { format?: FileFormat; limit?: number } = {}): Promise<FilePreview> {
  const limit = options.limit ?? 20;
  const sample = (await readSample(path)).toString('utf8');
  const format = options.format ?? detectFormat(fileName, sample);
  const delimiter = format === 'csv' ? detectDelimiter(sample) : null;
  const rows: FilePreview['rows'] = [];
  const errors: FilePreview['errors'] = [];
  const columns = new Set<string>();
  try {
    for await (const item of parseFile(path, { format, delimiter })) {
      if (item.kind === 'error') errors.push({ line: item.line, reason: item.reason });
      else {
        rows.push(item);
        for (const k of Object.keys(item.record)) columns.add(k);
      }
      if (rows.length + errors.length >= limit) break;
    }
  } catch (e) {
    if (e instanceof FileFormatError) throw e;
    if (e instanceof Error && 'code' in e && String(e.code).startsWith('CSV_')) throw new FileFormatError(`The CSV header cannot be read: ${e.message}`);
    throw e;
  }
  return { format, delimiter, columns: [...columns], rows, errors };
}
