import { parseArgs } from 'node:util';
import { toApiReclassifyJob } from '@/lib/schemas/studio-api';
import { getReclassifyJob, startReclassify } from '@/lib/server/reclassify/start-reclassify';
import { idOption, withStudioDb, workUntil } from '../studio-cli';

const RECLASSIFY = 'reclassify --model ID [--wait] [--json]';
export const RECLASSIFY_USAGE = `${RECLASSIFY}
                                            rerun a model's active version over every stored transcript (--wait: work on it here)`;

/** `npx callsight reclassify`: the same job POST /v2/models/{id}/reclassify starts. */
export async function reclassifyCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { model: { type: 'string' }, wait: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
  const modelId = idOption(values, 'model', RECLASSIFY);
  const job = await withStudioDb(async (db) => {
    const started = await startReclassify(db, modelId);
    if (!values.wait) return toApiReclassifyJob(started);
    if (!values.json) console.error(`job ${started.id}: reclassifying ${started.total} transcripts…`);
    await workUntil(
      async () => {
        const j = await getReclassifyJob(db, started.id);
        return j.status === 'done' || j.status === 'failed';
      },
      values.json ? undefined : (l) => console.error(l),
    );
    return toApiReclassifyJob(await getReclassifyJob(db, started.id));
  });
  if (values.json) console.log(JSON.stringify(job));
  else if (job.status === 'queued') console.log(`job ${job.id} queued for ${job.total} transcripts; a worker runs it (npx callsight worker), or run this with --wait`);
  else console.log(`job ${job.id} ${job.status}: ${job.done} transcripts reclassified, ${job.changed} changed their label${job.error ? `; error: ${job.error}` : ''}`);
  if (job.status === 'failed') process.exitCode = 1;
}
