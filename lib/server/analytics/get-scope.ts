import 'server-only';
import type { Db } from '@/lib/db';
import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getFactIndex } from './fact-index';
import { dashboardModels } from './dashboard-models';

/** Share of transcripts from which a model's out-of-scope warning shows. */
export const SCOPE_WARNING_SHARE = 0.25;

export interface ScopeSummary {
  modelId: number;
  name: string;
  /** transcripts in the selection with a prediction of the model */
  total: number;
  /** of them, unlike what the model was trained on (corrected ones excepted) */
  outOfScope: number;
  /** outOfScope / total is at least SCOPE_WARNING_SHARE */
  warn: boolean;
}

/**
 * For every model, how many of the filtered transcripts look unlike its
 * training data: the overview warns when a large share does ("82 % of these
 * transcripts are unlike what Product was trained on").
 */
export async function getScopeSummary(db: Db, filters: TDashboardFilters): Promise<{ warnAt: number; models: ScopeSummary[] }> {
  const index = await getFactIndex(db);
  const rows = await index.select(filters);
  const models = dashboardModels(index).flatMap((m) => {
    const { total, outOfScope } = index.countLabels(rows, m.id, index.thresholdOf(m.id, filters.minScore));
    return total ? [{ modelId: m.id, name: m.name, total, outOfScope, warn: outOfScope / total >= SCOPE_WARNING_SHARE }] : [];
  });
  return { warnAt: SCOPE_WARNING_SHARE, models };
}
