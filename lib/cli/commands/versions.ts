import { parseArgs } from 'node:util';
import type { Db } from '@/lib/db';
import { toApiVersion, toApiVersionDetail, type TApiVersion, type TApiVersionDetail } from '@/lib/schemas/studio-api';
import { getModelStudio, getModelVersion } from '@/lib/server/models/get-model-studio';
import { promoteVersion } from '@/lib/server/models/promote-version';
import { queueTraining } from '@/lib/server/training/queue-training';
import { InputError } from '../read-jsonl';
import { idOption, intOption, round, withStudioDb, workUntil } from '../studio-cli';

const TRAIN = 'versions train --model ID [--seed N] [--epochs N] [--wait] [--json]';
const PROMOTE = 'versions promote --model ID --version-id V [--json]';
const LIST = 'versions list --model ID [--json]';
export const VERSIONS_USAGE = `${TRAIN}
                                            train a new version from the model's examples (--wait: train it here and print its evaluation)
  ${PROMOTE}
                                            make a ready version the one that serves (an earlier one: a rollback)
  ${LIST}
                                            the model's versions, newest first`;

/** `npx callsight versions train|promote|list`: the same calls as POST /v2/models/{id}/versions and …/promote. */
export async function versionsCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      model: { type: 'string' },
      'version-id': { type: 'string' },
      seed: { type: 'string' },
      epochs: { type: 'string' },
      wait: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const print = (x: unknown) => console.log(JSON.stringify(x));
  if (sub === 'train') {
    const modelId = idOption(values, 'model', TRAIN);
    const seed = intOption(values.seed, 'seed');
    const epochs = intOption(values.epochs, 'epochs');
    const out = await withStudioDb(async (db) => {
      const queued = await queueTraining(db, modelId, { ...(seed !== undefined ? { seed } : {}), ...(epochs !== undefined ? { epochs } : {}) });
      if (!values.wait) return { ...toApiVersion(modelId, await mustGet(db, modelId, queued.id)), already_queued: queued.alreadyQueued };
      if (!values.json) console.error(`version ${queued.version} of model ${modelId}${queued.alreadyQueued ? ' was already queued' : ' queued'}; training…`);
      await workUntil(
        async () => {
          const v = await mustGet(db, modelId, queued.id);
          return v.status !== 'queued' && v.status !== 'training';
        },
        values.json ? undefined : (l) => console.error(l),
      );
      return toApiVersionDetail(modelId, await mustGet(db, modelId, queued.id));
    });
    if (values.json) print(out);
    else if ('evaluation' in out) printEvaluation(out);
    else console.log(`version ${out.version} (id ${out.id}) of model ${modelId} ${out.already_queued ? 'was already queued' : 'queued'}; a worker trains it (npx callsight worker), or run this with --wait`);
    if (out.status === 'failed') process.exitCode = 1;
    return;
  }
  if (sub === 'promote') {
    const modelId = idOption(values, 'model', PROMOTE);
    const versionId = idOption(values, 'version-id', PROMOTE);
    const v = await withStudioDb(async (db) => {
      await promoteVersion(db, modelId, versionId);
      return toApiVersion(modelId, await mustGet(db, modelId, versionId));
    });
    if (values.json) print(v);
    else {
      console.log(`version ${v.version} (id ${v.id}) of model ${modelId} is now active`);
      console.error(`stored predictions keep their version until: npx callsight reclassify --model ${modelId}`);
    }
    return;
  }
  if (sub === 'list') {
    const modelId = idOption(values, 'model', LIST);
    const versions = await withStudioDb(async (db) => {
      const m = await getModelStudio(db, modelId);
      if (!m) throw new InputError(`No model with id ${modelId}.`);
      return m.versions.map((v) => toApiVersion(modelId, v));
    });
    if (values.json) print({ model_id: modelId, versions });
    else for (const v of versions) console.log(versionLine(v));
    return;
  }
  throw new InputError(`versions: expected train, promote or list.\nUsage: npx callsight ${TRAIN}\n       npx callsight ${PROMOTE}\n       npx callsight ${LIST}`);
}

async function mustGet(db: Db, modelId: number, versionId: number) {
  const v = await getModelVersion(db, modelId, versionId);
  if (!v) throw new InputError(`Model ${modelId} has no version with id ${versionId}.`);
  return v;
}

function versionLine(v: TApiVersion): string {
  const metrics = v.accuracy === null ? '' : `  accuracy ${round(v.accuracy, 3)}  macro-F1 ${round(v.macro_f1, 3)}`;
  return `version ${v.version}\tid ${v.id}\t${v.status}${v.active ? ' (active)' : ''}${metrics}${v.error ? `  ${v.error}` : ''}`;
}

function printEvaluation(v: TApiVersionDetail): void {
  if (v.status !== 'ready') {
    console.log(`version ${v.version} (id ${v.id}) ${v.status}${v.error ? `: ${v.error}` : ''}`);
    return;
  }
  console.log(`version ${v.version} (id ${v.id}) ready: trained on ${v.trained_on} examples in ${round(v.train_seconds ?? 0, 2)} s`);
  const e = v.evaluation;
  if (!e) {
    console.log('no evaluation: too few examples to hold some out');
  } else {
    console.log(`held-out (${e.n} examples): accuracy ${round(e.accuracy)}, macro-F1 ${round(e.macro_f1)}, ECE ${round(e.calibration.ece)}`);
    for (const [label, m] of Object.entries(e.per_label)) console.log(`  ${label.padEnd(28)} P ${m.precision.toFixed(3)}  R ${m.recall.toFixed(3)}  F1 ${m.f1.toFixed(3)}  n ${m.support}`);
    for (const w of e.wrong_examples.slice(0, 3)) console.log(`  wrong: "${w.text.slice(0, 80)}" is ${w.truth.join('|')}, predicted ${w.predicted} (${w.score.toFixed(2)})`);
  }
  console.error(`promote it: npx callsight versions promote --model ${v.model_id} --version-id ${v.id}`);
}
