import { z } from 'zod';

// The public API's request bodies refuse fields they do not know: a
// misspelled `maxPredictions` silently ignored would return every label
// instead of one. Each unknown field is its own problem, at its own path,
// with the known field it most likely meant.

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

const normal = (key: string) => key.toLowerCase().replace(/[_\-\s]/g, '');

/**
 * The known key an unknown one most likely meant: the same name in another
 * case or separator style (`maxPredictions`, `max-predictions`), or one or
 * two typos away (`treshold`, `label`); none when nothing is close.
 */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  if (key.length > 64) return undefined;
  const k = normal(key);
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(k, normal(candidate));
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  return best && best.distance <= Math.min(2, Math.floor(Math.max(k.length, 1) / 3)) ? best.key : undefined;
}

export function unknownFieldMessage(key: string, known: readonly string[]): string {
  const suggestion = suggestKey(key, known);
  return suggestion ? `unknown field; did you mean "${suggestion}"?` : `unknown field; the fields are ${known.join(', ')}`;
}

/**
 * `z.strictObject` whose unknown keys are reported one by one, at their own
 * path, with a suggestion: `model_settings[0].maxPredictions: unknown field;
 * did you mean "max_predictions"?`. It runs even when other fields are wrong,
 * so one answer lists every problem.
 */
export function strictObject<const Shape extends z.core.$ZodLooseShape>(shape: Shape, params?: string | z.core.$ZodObjectParams) {
  const known = Object.keys(shape);
  return z.strictObject(shape, params).superRefine(
    (_value, ctx) => {
      const issues = ctx.issues;
      const at = issues.findIndex((i) => i.code === 'unrecognized_keys' && !i.path?.length);
      if (at < 0) return;
      const [unrecognized] = issues.splice(at, 1);
      for (const key of (unrecognized as { keys: string[] }).keys) {
        issues.push({ code: 'custom', path: [key], message: unknownFieldMessage(key, known), input: undefined });
      }
    },
    { when: () => true },
  );
}
