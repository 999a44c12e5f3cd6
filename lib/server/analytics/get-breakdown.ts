import 'server-only';
import type { Db } from '@/lib/db';
import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getFactIndex, type FactIndex, type Selection } from './fact-index';
import { modelName } from './dashboard-models';
import type { Breakdown } from './types';

/** Labels of one model over selected rows: every label of the model, largest first (model order on ties), labels seen only in the data after. */
export function breakdownOf(index: FactIndex, rows: Selection, modelId: number, minScore: number | null): Breakdown {
  const { counts, uncertain, total, dict } = index.countLabels(rows, modelId, index.thresholdOf(modelId, minScore));
  const known = index.meta.get(modelId)?.labels ?? [];
  const seen = new Map<string, number>();
  if (dict) dict.values.forEach((label, c) => seen.set(label, counts[c + 1] ?? 0));
  const order = [...known, ...[...seen.keys()].filter((l) => !known.includes(l))];
  const labels = order.map((label, i) => ({ label, count: seen.get(label) ?? 0, i }));
  labels.sort((a, b) => b.count - a.count || a.i - b.i);
  return { modelId, modelName: modelName(index, modelId), total, uncertain, labels: labels.map(({ label, count }) => ({ label, count })) };
}

/** How many of the filtered transcripts each label of a model is the top prediction for. */
export async function getBreakdown(db: Db, filters: TDashboardFilters, options: { modelId: number }): Promise<Breakdown> {
  const index = await getFactIndex(db);
  return breakdownOf(index, await index.select(filters), options.modelId, filters.minScore);
}
