import 'server-only';
import { rm } from 'node:fs/promises';
import type { Db } from '@/lib/db';
import { badRequest } from '@/lib/errors';
import { detectDelimiter, detectFormat, readSample, type FileFormat } from '@/lib/ingest/detect';
import { parseFile } from '@/lib/ingest/parse-file';
import { saveUpload } from '@/lib/server/ingest/save-upload';
import { addExamples, type ExampleInput, type ExampleSource } from './add-examples';

export interface ImportExamplesResult {
  added: number;
  updated: number;
  rows: number;
  /** rows not stored, with their line in the file and what to fix (at most 1,000 listed) */
  rejected: { line: number; reason: string }[];
  rejectedCount: number;
}

/** Labels of one cell: a JSON array, or names separated by `|` (multi-label). */
export function splitLabels(cell: string): string[] {
  const v = cell.trim();
  if (v.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed)) return parsed.filter((x): x is string => typeof x === 'string');
    } catch {
      // not JSON: fall through to the separator
    }
  }
  return v.split('|').map((s) => s.trim()).filter(Boolean);
}

/**
 * Labeled examples from an uploaded file (CSV, JSONL, JSON), through the same
 * streaming parser and limits as transcript uploads: `textField` holds the
 * text, `labelField` the label (several as `a|b` or a JSON array).
 */
export async function importExamplesFile(
  db: Db,
  modelId: number,
  body: AsyncIterable<Uint8Array>,
  options: { fileName: string; textField?: string; labelField?: string; format?: FileFormat; source?: ExampleSource },
): Promise<ImportExamplesResult> {
  const textField = options.textField ?? 'text';
  const labelField = options.labelField ?? 'label';
  const saved = await saveUpload(body, options.fileName);
  try {
    const sample = (await readSample(saved.path)).toString('utf8');
    const format = options.format ?? detectFormat(options.fileName, sample);
    if (format === 'text') throw badRequest('Labeled examples need a CSV, JSONL or JSON file with a text and a label column; plain text has no labels.');
    const delimiter = format === 'csv' ? detectDelimiter(sample) : null;
    const result: ImportExamplesResult = { added: 0, updated: 0, rows: 0, rejected: [], rejectedCount: 0 };
    const reject = (line: number, reason: string) => {
      result.rejectedCount++;
      if (result.rejected.length < 1000) result.rejected.push({ line, reason });
    };
    let batch: (ExampleInput & { line: number })[] = [];
    let sawText = false;
    const flush = async () => {
      if (!batch.length) return;
      const r = await addExamples(db, modelId, batch, { source: options.source ?? 'upload' });
      result.added += r.added;
      result.updated += r.updated;
      for (const x of r.rejected) reject(batch[x.index]!.line, x.message);
      batch = [];
    };
    for await (const item of parseFile(saved.path, { format, delimiter })) {
      if (item.kind === 'error') {
        reject(item.line, item.reason);
        continue;
      }
      result.rows++;
      const text = item.record[textField];
      const label = item.record[labelField];
      if (text === undefined || label === undefined) {
        const missing = [text === undefined ? textField : null, label === undefined ? labelField : null].filter(Boolean).join(' and ');
        if (result.rows === 1 && !sawText) {
          throw badRequest(`The file has no "${missing}" field. Its fields: ${Object.keys(item.record).slice(0, 20).join(', ')}. Name the text and label fields (text_field, label_field).`);
        }
        reject(item.line, `no "${missing}" field`);
        continue;
      }
      sawText = true;
      batch.push({ line: item.line, text, labels: splitLabels(label) });
      if (batch.length >= 2000) await flush();
    }
    await flush();
    if (result.rows === 0) throw badRequest('The file has no rows.');
    return result;
  } finally {
    await rm(saved.path, { force: true });
  }
}
