import 'server-only';
import type { Db } from '@/lib/db';
import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { parseDimension, type TDimension } from '@/lib/schemas/dashboard-layout';
import { FactIndex, getFactIndex } from './fact-index';
import { dimensionBreakdownOf } from './get-breakdown';
import type { CrossTab } from './types';

/** The most rows or columns a cross-tab shows (the largest values). */
export const MAX_CROSS_TAB_VALUES = 50;

/** A row's code on an axis (0: no value, or a prediction below the confidence threshold). */
function axisCodes(index: FactIndex, d: TDimension, minScore: number | null): { codeOf: (r: number) => number; values: string[] } | null {
  if (d.kind === 'model') {
    const col = index.models.get(d.modelId);
    if (!col) return null;
    const t = index.thresholdOf(d.modelId, minScore);
    return { codeOf: (r) => (FactIndex.stateOf(col, r, t) === 1 ? col.label[r]! : 0), values: col.dict.values };
  }
  const col = index.dimColumn(d);
  return col ? { codeOf: (r) => col.codes[r]!, values: col.dict.values } : null;
}

/**
 * Transcripts by two dimensions (model labels, metadata values or fields),
 * over the filtered transcripts. Rows and columns in order of their totals
 * (at most 50 each); uncertain and out-of-scope predictions are left out.
 */
export async function getCrossTab(db: Db, filters: TDashboardFilters, options: { rows: string; cols: string }): Promise<CrossTab> {
  const index = await getFactIndex(db);
  const selected = await index.select(filters);
  const rd = parseDimension(options.rows);
  const cd = parseDimension(options.cols);
  if (!rd || !cd) throw new Error(`not a dimension: ${rd ? options.cols : options.rows}`);
  const rb = dimensionBreakdownOf(index, selected, rd, filters.minScore);
  const cb = dimensionBreakdownOf(index, selected, cd, filters.minScore);
  const rowLabels = rb.labels.slice(0, MAX_CROSS_TAB_VALUES).map((l) => l.label);
  const colLabels = cb.labels.slice(0, MAX_CROSS_TAB_VALUES).map((l) => l.label);
  const cells = rowLabels.map(() => colLabels.map(() => 0));
  let max = 0;
  const a = axisCodes(index, rd, filters.minScore);
  const b = axisCodes(index, cd, filters.minScore);
  if (a && b) {
    const wb = b.values.length + 1;
    const grid = new Float64Array((a.values.length + 1) * wb);
    for (let i = 0; i < selected.length; i++) {
      const r = selected[i]!;
      const la = a.codeOf(r);
      if (!la) continue;
      const lb = b.codeOf(r);
      if (!lb) continue;
      grid[la * wb + lb]!++;
    }
    const codeA = new Map(a.values.map((v, c) => [v, c + 1]));
    const codeB = new Map(b.values.map((v, c) => [v, c + 1]));
    rowLabels.forEach((rl, i) => {
      const ca = codeA.get(rl);
      if (ca === undefined) return;
      colLabels.forEach((cl, j) => {
        const cb2 = codeB.get(cl);
        if (cb2 === undefined) return;
        const v = grid[ca * wb + cb2]!;
        cells[i]![j] = v;
        if (v > max) max = v;
      });
    });
  }
  return { rowDimension: rb.dimension, rowName: rb.name, colDimension: cb.dimension, colName: cb.name, rows: rowLabels, cols: colLabels, cells, max };
}
