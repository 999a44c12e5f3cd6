import 'server-only';
import type { Db } from '@/lib/db';

export interface LabelCountRow {
  label: string;
  description: string;
  count: number;
  /** fewer examples than the model needs for this label to be learned well */
  needsMore: boolean;
}

/** Below this many examples a label is flagged, whatever the others have. */
export const MIN_EXAMPLES_PER_LABEL = 10;

/**
 * Examples per label of a model, in the model's label order, with the labels
 * that need more flagged: fewer than 10, or fewer than half the median label.
 */
export async function getLabelCounts(db: Db, modelId: number): Promise<{ total: number; labels: LabelCountRow[] }> {
  const [labels, examples] = await Promise.all([
    db.label.findMany({ where: { modelId }, orderBy: { position: 'asc' }, select: { name: true, description: true } }),
    db.example.findMany({ where: { modelId }, select: { labels: true } }),
  ]);
  const counts = new Map<string, number>();
  for (const e of examples) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(e.labels);
    } catch {
      continue;
    }
    if (Array.isArray(parsed)) for (const l of parsed) if (typeof l === 'string') counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  const values = labels.map((l) => counts.get(l.name) ?? 0).sort((a, b) => a - b);
  const median = values.length ? values[Math.floor(values.length / 2)]! : 0;
  return {
    total: examples.length,
    labels: labels.map((l) => {
      const count = counts.get(l.name) ?? 0;
      return { label: l.name, description: l.description, count, needsMore: count < MIN_EXAMPLES_PER_LABEL || count < median / 2 };
    }),
  };
}
