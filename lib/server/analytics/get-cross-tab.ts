import 'server-only';
import type { Db } from '@/lib/db';
import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getFactIndex } from './fact-index';
import { breakdownOf } from './get-breakdown';
import { modelName } from './dashboard-models';
import type { CrossTab } from './types';

/**
 * Transcripts by the top labels of two models (Product × Issue type), over
 * the filtered transcripts. Rows and columns in order of their totals;
 * predictions below the confidence threshold are left out.
 */
export async function getCrossTab(db: Db, filters: TDashboardFilters, options: { rowModelId: number; colModelId: number }): Promise<CrossTab> {
  const index = await getFactIndex(db);
  const rows = await index.select(filters);
  const a = index.models.get(options.rowModelId);
  const b = index.models.get(options.colModelId);
  const rowLabels = breakdownOf(index, rows, options.rowModelId, filters.minScore).labels.map((l) => l.label);
  const colLabels = breakdownOf(index, rows, options.colModelId, filters.minScore).labels.map((l) => l.label);
  const cells = rowLabels.map(() => colLabels.map(() => 0));
  let max = 0;
  if (a && b) {
    const ta = index.thresholdOf(options.rowModelId, filters.minScore);
    const tb = index.thresholdOf(options.colModelId, filters.minScore);
    const wa = a.dict.values.length + 1;
    const wb = b.dict.values.length + 1;
    const grid = new Float64Array(wa * wb);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const la = a.label[r]!;
      const lb = b.label[r]!;
      if (!la || !lb || a.score[r]! < ta || b.score[r]! < tb) continue;
      grid[la * wb + lb]!++;
    }
    rowLabels.forEach((rl, i) => {
      const ca = a.dict.find(rl);
      if (ca === undefined) return;
      colLabels.forEach((cl, j) => {
        const cb = b.dict.find(cl);
        if (cb === undefined) return;
        const v = grid[(ca + 1) * wb + cb + 1]!;
        cells[i]![j] = v;
        if (v > max) max = v;
      });
    });
  }
  return {
    rowModelId: options.rowModelId,
    rowModelName: modelName(index, options.rowModelId),
    colModelId: options.colModelId,
    colModelName: modelName(index, options.colModelId),
    rows: rowLabels,
    cols: colLabels,
    cells,
    max,
  };
}
