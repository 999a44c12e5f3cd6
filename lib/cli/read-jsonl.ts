import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { LabeledExample } from '@/lib/classify';

export interface JsonlOptions {
  textField: string;
  labelField: string;
}

export class InputError extends Error {}

/**
 * Reads labeled examples from a JSONL file, line by line. A label field may
 * hold one label (a string) or several (an array of strings). Every bad line is
 * reported with its number; nothing is half-read.
 */
export async function readLabeledJsonl(file: string, options: JsonlOptions): Promise<LabeledExample[]> {
  if (!existsSync(file)) throw new InputError(`File not found: ${file}`);
  const examples: LabeledExample[] = [];
  const problems: string[] = [];
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      problems.push(`line ${n}: not valid JSON`);
      continue;
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      problems.push(`line ${n}: expected a JSON object`);
      continue;
    }
    const obj = row as Record<string, unknown>;
    const text = obj[options.textField];
    const label = obj[options.labelField];
    if (typeof text !== 'string' || !text.trim()) {
      problems.push(`line ${n}: field "${options.textField}" is missing or empty`);
      continue;
    }
    const labels = typeof label === 'string' ? [label] : Array.isArray(label) && label.every((l) => typeof l === 'string') ? (label as string[]) : null;
    if (!labels || (labels.length === 0 && typeof label === 'string')) {
      problems.push(`line ${n}: field "${options.labelField}" must be a label (string) or a list of labels`);
      continue;
    }
    examples.push({ text, labels: labels.map((l) => l.trim()).filter(Boolean) });
  }
  if (problems.length) {
    const shown = problems.slice(0, 10).join('\n  ');
    throw new InputError(`${file}: ${problems.length} bad line(s):\n  ${shown}${problems.length > 10 ? `\n  … and ${problems.length - 10} more` : ''}`);
  }
  if (!examples.length) throw new InputError(`${file} holds no examples.`);
  return examples;
}
