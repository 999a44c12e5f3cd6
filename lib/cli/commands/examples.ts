import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { TApiExamplesResult } from '@/lib/schemas/studio-api';
import { getLabelCounts } from '@/lib/server/examples/get-label-counts';
import { importExamplesFile } from '@/lib/server/examples/import-examples-file';
import { InputError } from '../read-jsonl';
import { idOption, requireOption, withStudioDb } from '../studio-cli';

const ADD = 'examples add --model ID --file F.csv|F.jsonl [--text-field text] [--label-field label] [--json]';
export const EXAMPLES_USAGE = `${ADD}
                                            add labeled examples to a model (several labels: a|b or a JSON array)`;

/** `npx callsight examples add`: the same import POST /v2/models/{id}/examples does with a file body. */
export async function examplesCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'add') throw new InputError(`examples: expected add.\nUsage: npx callsight ${ADD}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      model: { type: 'string' },
      file: { type: 'string' },
      'text-field': { type: 'string', default: 'text' },
      'label-field': { type: 'string', default: 'label' },
      json: { type: 'boolean', default: false },
    },
  });
  const modelId = idOption(values, 'model', ADD);
  const file = requireOption(values, 'file', ADD);
  if (!(await stat(file).catch(() => null))?.isFile()) throw new InputError(`examples add: ${file} is not a file.`);
  const { result, counts } = await withStudioDb(async (db) => {
    const r = await importExamplesFile(db, modelId, createReadStream(file), { fileName: basename(file), textField: values['text-field'], labelField: values['label-field'] });
    const result: TApiExamplesResult = {
      model_id: modelId,
      rows: r.rows,
      added: r.added,
      updated: r.updated,
      rejected_count: r.rejectedCount,
      rejected: r.rejected.map((x) => ({ line: x.line, message: x.reason })),
    };
    return { result, counts: await getLabelCounts(db, modelId) };
  });
  if (values.json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`${result.added} added, ${result.updated} relabeled, ${result.rejected_count} rejected (of ${result.rows} rows)`);
  for (const r of result.rejected.slice(0, 10)) console.log(`  line ${r.line}: ${r.message}`);
  if (result.rejected_count > 10) console.log(`  … and ${result.rejected_count - 10} more`);
  console.log(`model ${modelId}: ${counts.total} examples`);
  for (const l of counts.labels) console.log(`  ${l.label.padEnd(28)} ${String(l.count).padStart(6)}${l.needsMore ? '  needs more' : ''}`);
}
