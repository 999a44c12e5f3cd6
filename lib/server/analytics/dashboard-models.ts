import 'server-only';
import type { FactIndex } from './fact-index';
import { DASHBOARD_MODELS, type DashboardModel } from './types';

const ORDER: readonly number[] = [
  DASHBOARD_MODELS.product,
  DASHBOARD_MODELS.issueType,
  DASHBOARD_MODELS.rootCause,
  DASHBOARD_MODELS.sentiment,
  DASHBOARD_MODELS.churnRisk,
  DASHBOARD_MODELS.language,
];

/** Models with stored predictions, the overview's own models first, then the rest by id. */
export function dashboardModels(index: FactIndex): DashboardModel[] {
  const rank = (id: number) => {
    const i = ORDER.indexOf(id);
    return i < 0 ? ORDER.length + id : i;
  };
  return [...index.meta.values()]
    .filter((m) => index.models.has(m.id))
    .sort((a, b) => rank(a.id) - rank(b.id))
    .map((m) => ({ id: m.id, name: m.name, multiLabel: m.multiLabel, labels: m.labels.length ? [...m.labels] : [...(index.models.get(m.id)?.dict.values ?? [])] }));
}

export function modelName(index: FactIndex, modelId: number): string {
  return index.meta.get(modelId)?.name ?? `Model ${modelId}`;
}
