import 'server-only';
import { hasNul, NUL_REASON } from '@/lib/schemas/stored-text';
import { createHash } from 'node:crypto';
import type { Db } from '@/lib/db';
import { badRequest, notFound, type ErrorDetail } from '@/lib/errors';
import { loneSurrogateAt } from '@/lib/text/well-formed';
import { ingestConfig } from '@/lib/ingest/config';

export type ExampleSource = 'seed' | 'upload' | 'correction' | 'queue' | 'api';

export interface ExampleInput {
  text: string;
  labels: string[];
  transcriptId?: number | null;
}

/** Most examples one call takes (a file upload streams through this in batches). */
export const MAX_EXAMPLES_PER_CALL = 50_000;

/** `"a", "b", … (40 in all)`: names quoted as JSON (so any character reads safely), a long list cut short. */
function quoteList(names: readonly string[], max: number): string {
  const shown = names.slice(0, max).map((n) => JSON.stringify(n.length > 100 ? `${n.slice(0, 100)}…` : n));
  return names.length > max ? `${shown.join(', ')}, … (${names.length.toLocaleString('en')} in all)` : shown.join(', ');
}

/** The same text, whatever its surrounding white space, is the same example. */
export function exampleHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim(), 'utf8').digest('hex');
}

export interface AddExamplesResult {
  added: number;
  /** texts already labeled for this model: their labels were replaced */
  updated: number;
  rejected: (ErrorDetail & { index: number })[];
}

/**
 * Stores labeled examples for a model. Every label must be one of the
 * model's; a single-label model takes exactly one label an example. A text
 * labeled before is relabeled, not duplicated. Bad examples are reported by
 * index and the rest stored (`strict` rejects the whole call instead).
 */
export async function addExamples(
  db: Db,
  modelId: number,
  examples: readonly ExampleInput[],
  options: { source: ExampleSource; strict?: boolean },
): Promise<AddExamplesResult> {
  const model = await db.model.findUnique({
    where: { id: modelId },
    select: { id: true, kind: true, multiLabel: true, labels: { select: { name: true } } },
  });
  if (!model) throw notFound(`Model ${modelId} does not exist.`);
  if (model.kind !== 'linear') {
    // `id`: the model as the path names it (a route that takes it from the body renames the path)
    const message = `model ${modelId} is a ${model.kind} model: it is not trained by Callsight and takes no examples`;
    throw badRequest(`Model ${modelId} is a ${model.kind} model: it is not trained by Callsight and takes no examples.`, [{ path: 'id', message }]);
  }
  if (examples.length > MAX_EXAMPLES_PER_CALL) {
    throw badRequest(`At most ${MAX_EXAMPLES_PER_CALL.toLocaleString('en')} examples per call; split the upload.`, [{ path: 'examples', message: `at most ${MAX_EXAMPLES_PER_CALL.toLocaleString('en')}` }]);
  }
  const known = new Set(model.labels.map((l) => l.name));
  const maxChars = ingestConfig.INGEST_MAX_TEXT_CHARS;

  const rejected: AddExamplesResult['rejected'] = [];
  const good = new Map<string, { text: string; labels: string[]; transcriptId: number | null }>();
  examples.forEach((e, index) => {
    const text = e.text.trim();
    const labels = [...new Set(e.labels.map((l) => l.trim()).filter(Boolean))];
    const fail = (message: string) => rejected.push({ index, path: `examples[${index}]`, message });
    if (!text) return fail('the text is empty');
    if (text.length > maxChars) return fail(`the text has ${text.length.toLocaleString('en')} characters; the limit is ${maxChars.toLocaleString('en')}`);
    if (hasNul(text)) return fail(`the text ${NUL_REASON}`);
    const surrogate = loneSurrogateAt(text);
    if (surrogate >= 0) return fail(`the text contains a lone surrogate (half of a UTF-16 pair) at character ${surrogate + 1}, which is not text and cannot be stored; send the whole character or remove it`);
    if (!labels.length) return fail('no label');
    const unknown = labels.filter((l) => !known.has(l));
    if (unknown.length) return fail(`unknown label ${quoteList(unknown, 5)}; the model's labels are ${quoteList([...known], 20)}`);
    if (!model.multiLabel && labels.length > 1) return fail(`${labels.length} labels, but the model is single-label: give one`);
    // Within one call the last labeling of a text wins, as it would across calls.
    good.set(exampleHash(text), { text, labels, transcriptId: e.transcriptId ?? null });
  });
  if (options.strict && rejected.length) {
    const first = rejected[0]!;
    throw badRequest(
      examples.length === 1 ? `Invalid example: ${first.message}` : `${rejected.length} of ${examples.length} examples are invalid, nothing was stored; the first (${first.path}): ${first.message}`,
      rejected.slice(0, 50).map(({ path, message }) => ({ path, message })),
    );
  }

  let added = 0;
  let updated = 0;
  const entries = [...good.entries()];
  const now = new Date();
  for (let i = 0; i < entries.length; i += 500) {
    const part = entries.slice(i, i + 500);
    await db.$transaction(async (tx) => {
      const existing = new Set(
        (await tx.example.findMany({ where: { modelId, textHash: { in: part.map(([h]) => h) } }, select: { textHash: true } })).map((r) => r.textHash),
      );
      const fresh = part.filter(([h]) => !existing.has(h));
      if (fresh.length) {
        await tx.example.createMany({
          data: fresh.map(([textHash, e]) => ({ modelId, text: e.text, labels: JSON.stringify(e.labels), source: options.source, transcriptId: e.transcriptId, textHash, createdAt: now, updatedAt: now })),
        });
      }
      for (const [textHash, e] of part.filter(([h]) => existing.has(h))) {
        await tx.example.update({
          where: { modelId_textHash: { modelId, textHash } },
          data: { labels: JSON.stringify(e.labels), source: options.source, ...(e.transcriptId ? { transcriptId: e.transcriptId } : {}), updatedAt: now },
        });
      }
      added += fresh.length;
      updated += part.length - fresh.length;
    });
  }
  return { added, updated, rejected };
}
