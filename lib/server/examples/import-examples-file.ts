import 'server-only';
import { rm } from 'node:fs/promises';
import type { Db } from '@/lib/db';
import { ApiError, badRequest } from '@/lib/errors';
import { detectDelimiter, detectFormat, FileFormatError, readSample, type FileFormat } from '@/lib/ingest/detect';
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
  const saved = await saveUpload(body, options.fileName).catch((e: unknown) => {
    // "The file is empty", "no body": about the file as a whole, so its detail says `file`.
    if (e instanceof ApiError && e.status === 400 && !e.details.length) throw new ApiError(400, e.code, e.message, [{ path: 'file', message: e.message }], e.headers);
    throw e;
  });
  try {
    return await importSaved(db, modelId, saved.path, { ...options, textField, labelField });
  } catch (e) {
    // An unreadable file is the client's to fix, for both faces: a 400 that says what is wrong with it.
    if (e instanceof FileFormatError) throw badRequest(e.message, [{ path: 'file', message: e.message }]);
    throw e;
  } finally {
    await rm(saved.path, { force: true });
  }
}

async function importSaved(
  db: Db,
  modelId: number,
  path: string,
  options: { fileName: string; textField: string; labelField: string; format?: FileFormat; source?: ExampleSource },
): Promise<ImportExamplesResult> {
  const { textField, labelField } = options;
  const sample = (await readSample(path)).toString('utf8');
  const format = options.format ?? detectFormat(options.fileName, sample);
  if (format === 'text') {
    throw badRequest('Labeled examples need a CSV, JSONL or JSON file with a text and a label column; plain text has no labels.', [{ path: 'file', message: 'plain text: no label column' }]);
  }
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
  for await (const item of parseFile(path, { format, delimiter })) {
    if (item.kind === 'error') {
      reject(item.line, item.reason);
      continue;
    }
    result.rows++;
    // Own fields only: a field named "__proto__" or "constructor" must not read the object's prototype.
    const text = Object.hasOwn(item.record, textField) ? item.record[textField] : undefined;
    const label = Object.hasOwn(item.record, labelField) ? item.record[labelField] : undefined;
    if (text === undefined || label === undefined) {
      const missing = [text === undefined ? textField : null, label === undefined ? labelField : null].filter(Boolean).join(' and ');
      if (result.rows === 1 && !sawText) {
        const fields = Object.keys(item.record).slice(0, 20).map((f) => JSON.stringify(f.length > 100 ? `${f.slice(0, 100)}…` : f)).join(', ');
        throw badRequest(
          `The file has no "${missing}" field. Its fields: ${fields}. Name the text and label fields (text_field, label_field).`,
          [...(text === undefined ? [{ path: 'text_field', message: `the file has no "${textField}" field; its fields: ${fields}` }] : []), ...(label === undefined ? [{ path: 'label_field', message: `the file has no "${labelField}" field; its fields: ${fields}` }] : [])],
        );
      }
      reject(item.line, `no "${missing}" field`);
      continue;
    }
    sawText = true;
    batch.push({ line: item.line, text, labels: splitLabels(label) });
    if (batch.length >= 2000) await flush();
  }
  await flush();
  if (result.rows === 0) {
    const first = result.rejected[0];
    if (!first) throw badRequest('The file has no rows.', [{ path: 'file', message: 'no rows' }]);
    // Every row was refused: say why, rather than "no rows".
    throw badRequest(
      `No row of the file could be read (${result.rejectedCount.toLocaleString('en')} refused); line ${first.line}: ${first.reason}`,
      result.rejected.map((r) => ({ path: 'file', message: `line ${r.line}: ${r.reason}` })),
    );
  }
  return result;
}
