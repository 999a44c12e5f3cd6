import 'server-only';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Db } from '@/lib/db';
import { badRequest } from '@/lib/errors';
import { FileFormatError, type FileFormat } from '@/lib/ingest/detect';
import { guessMapping } from '@/lib/ingest/map-row';
import { MAPPING_FIELDS, type TColumnMapping } from '@/lib/schemas/ingest';
import { keepUpload } from '@/lib/ingest/upload-store';
import { previewFile, type FilePreview } from './preview-file';
import type { SavedUpload } from './save-upload';

export interface CreateIngestJobInput {
  file: SavedUpload;
  fileName: string;
  source: 'ui' | 'api' | 'cli';
  format?: FileFormat;
  /** given: the job is queued at once (missing fields are guessed from the column names); absent: a draft waits for the user's mapping */
  mapping?: Partial<TColumnMapping>;
  start: boolean;
  modelIds?: number[];
}

/** Every model that can answer now: trained linear models and the pretrained language model. */
export async function defaultModelIds(db: Db): Promise<number[]> {
  const rows = await db.model.findMany({ where: { OR: [{ activeVersionId: { not: null } }, { kind: 'language' }] }, select: { id: true }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.id);
}

export async function validateModelIds(db: Db, ids: number[], path = 'models'): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) throw badRequest('Choose at least one model.', [{ path, message: 'empty' }]);
  const available = new Set(await defaultModelIds(db));
  const bad = unique.filter((id) => !available.has(id));
  if (bad.length) throw badRequest(`Model ${bad.join(', ')} does not exist or has no trained version.`, bad.map((id) => ({ path, message: `model ${id} is not available` })));
  return unique;
}

export function validateMapping(mapping: Partial<TColumnMapping>, columns: string[], path = 'mapping'): TColumnMapping {
  if (!mapping.text) {
    throw badRequest(`Which column holds the transcript text? The file has: ${columns.join(', ') || '(no columns)'}.`, [{ path: `${path}.text`, message: 'required' }]);
  }
  const known = new Set(columns);
  const details = MAPPING_FIELDS.flatMap((f) => {
    const c = mapping[f];
    return c && !known.has(c) ? [{ path: `${path}.${f}`, message: `the file has no column "${c}"; it has ${columns.join(', ')}` }] : [];
  });
  if (details.length) throw badRequest(`The mapping names columns the file does not have: ${details.map((d) => d.path).join(', ')}.`, details);
  return mapping as TColumnMapping;
}

/**
 * Records an uploaded file as a job: a draft with a preview, or queued at
 * once for the workers. From here the upload belongs to the job; if no job
 * comes of it (an unreadable file, a bad mapping or model list, a database
 * error), the upload is deleted before the error goes on.
 */
export async function createIngestJob(db: Db, input: CreateIngestJobInput): Promise<{ id: string; preview: FilePreview; mapping: Partial<TColumnMapping> }> {
  try {
    let preview: FilePreview;
    try {
      preview = await previewFile(input.file.path, input.fileName, { format: input.format });
    } catch (e) {
      if (e instanceof FileFormatError) throw badRequest(e.message, [{ path: 'file', message: e.message }]);
      throw e;
    }
    const guessed = { ...guessMapping(preview.columns), ...(input.mapping ?? {}) };
    let mapping: Partial<TColumnMapping> = guessed;
    let modelIds = input.modelIds;
    if (input.start) {
      const first = preview.errors[0];
      if (!preview.columns.length && first) {
        // Nothing readable at the start of the file: its first problem says more than "no columns".
        throw badRequest(`The first rows of the file cannot be read. Line ${first.line}: ${first.reason}`, [{ path: 'file', message: `line ${first.line}: ${first.reason}` }]);
      }
      mapping = validateMapping(guessed, preview.columns);
      modelIds = await validateModelIds(db, modelIds ?? (await defaultModelIds(db)));
    }
    const now = new Date();
    const job = await keepUpload(db, input.file.path, (client, filePath) =>
      client.ingestJob.create({
        data: {
          id: `ij_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
          status: input.start ? 'queued' : 'draft',
          source: input.source,
          fileName: input.fileName.slice(0, 255),
          filePath,
          fileSize: input.file.size,
          fileHash: input.file.sha256,
          format: preview.format,
          delimiter: preview.delimiter,
          columns: JSON.stringify(preview.columns),
          mapping: JSON.stringify(mapping),
          modelIds: JSON.stringify(modelIds ?? []),
          createdAt: now,
          updatedAt: now,
        },
        select: { id: true },
      }),
    );
    return { id: job.id, preview, mapping };
  } catch (e) {
    // On PostgreSQL the parts were stored in the job's transaction, and are gone with it; the local file is removed here.
    await rm(input.file.path, { force: true }).catch((cleanup: unknown) => console.error(`could not remove the refused upload ${input.file.path}:`, cleanup));
    throw e;
  }
}
