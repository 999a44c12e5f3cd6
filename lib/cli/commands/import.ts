import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '@/lib/db';
import { env } from '@/lib/env';
import { ApiError } from '@/lib/errors';
import { runWorker } from '@/lib/jobs/worker';
import { migrate } from '@/lib/migrate';
import type { TColumnMapping } from '@/lib/schemas/ingest';
import { createIngestJob } from '@/lib/server/ingest/create-ingest-job';
import { findIngestRejections } from '@/lib/server/ingest/find-ingest-rejections';
import { getIngestJob } from '@/lib/server/ingest/get-ingest-job';
import { saveUpload } from '@/lib/server/ingest/save-upload';
import { InputError } from '../read-jsonl';

export const IMPORT_USAGE = `import FILE [--models 42,87] [--text-column C] [--id-column C] [--timestamp-column C]
          [--format csv|jsonl|json|text] [--json]  import transcripts, classify them with every active model (or --models) and store them`;

/**
 * `npx callsight import FILE`: the same job the Upload page creates. This
 * process works on it too (beside `npm start`'s worker or any other), and
 * prints the job summary when it is finished.
 */
export async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      models: { type: 'string' },
      'text-column': { type: 'string' },
      'id-column': { type: 'string' },
      'timestamp-column': { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file) throw new InputError('import: give the file to import, like `npx callsight import calls.csv`.');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new InputError(`import: ${file} is not a file.`);
  const format = values.format;
  if (format && !['csv', 'jsonl', 'json', 'text'].includes(format)) throw new InputError(`--format must be csv, jsonl, json or text, got "${format}".`);
  const modelIds = values.models?.split(',').map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n <= 0) throw new InputError(`--models must be model ids like 42,87; got "${s}".`);
    return n;
  });
  const mapping: Partial<TColumnMapping> = {};
  if (values['text-column']) mapping.text = values['text-column'];
  if (values['id-column']) mapping.externalId = values['id-column'];
  if (values['timestamp-column']) mapping.occurredAt = values['timestamp-column'];

  await migrate(env.DATABASE_URL);
  const db = createDb();
  try {
    let id: string;
    try {
      const saved = await saveUpload(createReadStream(file), basename(file));
      id = (await createIngestJob(db, { file: saved, fileName: basename(file), source: 'cli', format: format as never, mapping, start: true, modelIds })).id;
    } catch (e) {
      if (e instanceof ApiError) throw new InputError(e.message);
      throw e;
    }
    if (!values.json) console.error(`job ${id}: queued; classifying…`);
    let finished = false;
    let last = 0;
    const poll = setInterval(() => {
      void getIngestJob(db, id).then((j) => {
        if (!j) return;
        finished = j.status === 'done' || j.status === 'failed';
        if (!values.json && Date.now() - last > 1000) {
          last = Date.now();
          process.stderr.write(`\r  parsed ${j.counts.parsed}  stored ${j.counts.stored}  rejected ${j.counts.rejected}  ${j.progress.rows_per_second ?? '–'} rows/s   `);
        }
      });
    }, 250);
    try {
      await runWorker({ until: () => finished, log: values.json ? undefined : (l) => console.error(`\n${l}`) });
    } finally {
      clearInterval(poll);
    }
    const job = await getIngestJob(db, id);
    if (!job) throw new Error(`job ${id} disappeared`);
    const { rejections } = await findIngestRejections(db, id, { limit: 10 });
    if (values.json) console.log(JSON.stringify({ ...job, first_rejections: rejections }));
    else {
      process.stderr.write('\n');
      console.log(`job ${job.id} ${job.status}: ${job.counts.inserted} transcripts stored, ${job.counts.duplicates} duplicates skipped, ${job.counts.rejected} rows rejected`);
      if (job.error) console.log(`error: ${job.error}`);
      for (const r of rejections) console.log(`  line ${r.line}: ${r.reason}`);
      if (job.counts.rejected > rejections.length) console.log(`  … all rejections: GET /v2/ingest-jobs/${job.id}/rejections`);
    }
    if (job.status === 'failed') process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
}
