// The labeled datasets the benchmarks read from ../shared/datasets (never copied into the repository).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LabeledExample } from '../lib/classify';

/** $CALLSIGHT_DATASETS, default ../shared/datasets relative to the working directory. */
export const DATASETS = resolve(process.cwd(), process.env.CALLSIGHT_DATASETS ?? '../shared/datasets');

/** One split (`train` / `test`) of a dataset as single-label examples, the label taken from `field`. */
export function loadSplit(dir: string, split: string, field: string): LabeledExample[] {
  const examples = readFileSync(join(DATASETS, dir, `${split}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const o = JSON.parse(l);
      return { text: String(o.text), labels: [String(o[field])] };
    });
  if (examples.length === 0) throw new Error(`${dir}/${split}.jsonl has no examples`);
  return examples;
}
