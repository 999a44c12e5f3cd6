import { parseArgs } from 'node:util';
import { ZCreateModel } from '@/lib/schemas/studio';
import { createModel } from '@/lib/server/models/create-model';
import { findModels, toApiModel } from '@/lib/server/models/list-models';
import { InputError } from '../read-jsonl';
import { requireOption, withStudioDb } from '../studio-cli';

const CREATE = 'models create --name NAME --labels "A,B,C" [--multi-label] [--question Q] [--json]';
export const MODELS_USAGE = `${CREATE}
                                            create a model with its labels (then: examples add, versions train)`;

/** `npx callsight models create`: the same model POST /v2/models creates. */
export async function modelsCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'create') throw new InputError(`models: expected create.\nUsage: npx callsight ${CREATE}`);
  const { values } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, labels: { type: 'string' }, question: { type: 'string' }, 'multi-label': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  const parsed = ZCreateModel.safeParse({
    name: requireOption(values, 'name', CREATE),
    question: values.question,
    multiLabel: values['multi-label'],
    labels: requireOption(values, 'labels', CREATE)
      .split(',')
      .map((name) => ({ name: name.trim() })),
  });
  if (!parsed.success) throw new InputError(parsed.error.issues.map((i) => `${i.path.length ? `--${String(i.path[0])}` : 'input'}: ${i.message}`).join('\n'));
  const model = await withStudioDb(async (db) => {
    const { id } = await createModel(db, parsed.data);
    const [m] = await findModels(db, { ids: [id] });
    if (!m) throw new Error(`model ${id} vanished after it was created`);
    return toApiModel(m);
  });
  if (values.json) console.log(JSON.stringify(model));
  else {
    console.log(`model ${model.id} "${model.name}": ${model.labels.length} labels (${model.labels.map((l) => l.name).join(', ')}), ${model.multi_label ? 'multi-label' : 'single-label'}`);
    console.error(`next: npx callsight examples add --model ${model.id} --file examples.csv`);
  }
}
