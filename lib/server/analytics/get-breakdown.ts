import 'server-only';
import type { Db } from '@/lib/db';
import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { dimensionString, parseDimension, type TDimension } from '@/lib/schemas/dashboard-layout';
import { getFactIndex, type DimColumn, type FactIndex, type Selection } from './fact-index';
import { modelName } from './dashboard-models';
import { headlineEvaluation, type HeadlineEvaluation } from '@/lib/server/models/headline-evaluation';
import { estimateBreakdown } from './estimate-shares';
import type { Breakdown } from './types';

/** At most this many values of a metadata key or field in one breakdown (the largest). */
export const MAX_BREAKDOWN_VALUES = 500;

const FIELD_NAMES = { channel: 'Channel', agent: 'Agent', queue: 'Queue', language: 'Language' } as const;

/** A dimension's display name: the model's name, the metadata key, or the field's name. */
export function dimensionName(index: FactIndex, d: TDimension): string {
  return d.kind === 'model' ? modelName(index, d.modelId) : d.kind === 'meta' ? d.key : FIELD_NAMES[d.field];
}

/** Labels of one model over selected rows: every label of the model, largest first (model order on ties), labels seen only in the data after. */
export function breakdownOf(index: FactIndex, rows: Selection, modelId: number, minScore: number | null): Breakdown {
  const threshold = index.thresholdOf(modelId, minScore);
  const { counts, uncertain, outOfScope, total, dict } = index.countLabels(rows, modelId, threshold);
  const known = index.meta.get(modelId)?.labels ?? [];
  const seen = new Map<string, number>();
  if (dict) dict.values.forEach((label, c) => seen.set(label, counts[c + 1] ?? 0));
  const order = [...known, ...[...seen.keys()].filter((l) => !known.includes(l))];
  const labels = order.map((label, i) => ({ label, count: seen.get(label) ?? 0, i }));
  labels.sort((a, b) => b.count - a.count || a.i - b.i);
  const thresholdSource = minScore !== null ? 'filter' : (index.meta.get(modelId)?.thresholdSource ?? 'default');
  return { dimension: String(modelId), modelId, name: modelName(index, modelId), total, uncertain, outOfScope, threshold, thresholdSource, labels: labels.map(({ label, count }) => ({ label, count })) };
}

/** Values of a metadata key or field over selected rows, largest first (ties by value), those with no transcript left out. */
export function valueBreakdownOf(index: FactIndex, rows: Selection, d: Exclude<TDimension, { kind: 'model' }>): Breakdown {
  const col: DimColumn | null = index.dimColumn(d);
  const base = { dimension: dimensionString(d), modelId: null, name: dimensionName(index, d), uncertain: 0, outOfScope: 0, threshold: null, thresholdSource: null };
  if (!col) return { ...base, total: 0, labels: [] };
  const counts = index.countCodes(rows, col);
  let total = 0;
  const labels: { label: string; count: number }[] = [];
  col.dict.values.forEach((label, c) => {
    const count = counts[c + 1]!;
    if (!count) return;
    total += count;
    labels.push({ label, count });
  });
  labels.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { ...base, total, labels: labels.slice(0, MAX_BREAKDOWN_VALUES) };
}

export function dimensionBreakdownOf(index: FactIndex, rows: Selection, d: TDimension, minScore: number | null): Breakdown {
  return d.kind === 'model' ? breakdownOf(index, rows, d.modelId, minScore) : valueBreakdownOf(index, rows, d);
}

const headlines = new Map<number, HeadlineEvaluation | null>();

/** The accuracy a model's card shows, with what it was measured on (cached per version: a version's evaluation never changes). */
export async function modelHeadline(db: Db, modelId: number): Promise<HeadlineEvaluation | null> {
  const m = await db.model.findUnique({ where: { id: modelId }, select: { activeVersionId: true } });
  if (!m?.activeVersionId) return null;
  const cached = headlines.get(m.activeVersionId);
  if (cached !== undefined) return cached;
  const v = await db.modelVersion.findUnique({ where: { id: m.activeVersionId }, select: { evaluation: true, heldOut: true, finishedAt: true } });
  const h = v ? headlineEvaluation(v.evaluation, v.heldOut, v.finishedAt) : null;
  if (headlines.size > 1000) headlines.clear();
  headlines.set(m.activeVersionId, h);
  return h;
}

/**
 * How the filtered transcripts spread over a dimension: a model's top labels
 * (uncertain predictions counted apart), or a metadata key's or field's values.
 * `dimension` is a dimension string ("42", "meta.flow", "channel").
 */
export async function getBreakdown(db: Db, filters: TDashboardFilters, options: ({ dimension: string } | { modelId: number }) & { estimates?: boolean }): Promise<Breakdown> {
  const index = await getFactIndex(db);
  const d = 'modelId' in options ? ({ kind: 'model', modelId: options.modelId } as const) : parseDimension(options.dimension);
  if (!d) throw new Error(`not a dimension: ${'dimension' in options ? options.dimension : ''}`);
  const rows = await index.select(filters);
  const b = dimensionBreakdownOf(index, rows, d, filters.minScore);
  if (d.kind !== 'model') return b;
  return {
    ...b,
    evaluation: await modelHeadline(db, d.modelId),
    ...(options.estimates ? { estimates: await estimateBreakdown(db, index, rows, d.modelId, filters) } : {}),
  };
}
