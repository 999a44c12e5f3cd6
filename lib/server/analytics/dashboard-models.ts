import 'server-only';
import type { FactIndex } from './fact-index';
import type { DashboardModel } from './types';

/** Models with stored predictions, by id (the workspace's layout decides which of them the overview shows). */
export function dashboardModels(index: FactIndex): DashboardModel[] {
  return [...index.meta.values()]
    .filter((m) => index.models.has(m.id))
    .sort((a, b) => a.id - b.id)
    .map((m) => ({ id: m.id, name: m.name, multiLabel: m.multiLabel, labels: m.labels.length ? [...m.labels] : [...(index.models.get(m.id)?.dict.values ?? [])] }));
}

export function modelName(index: FactIndex, modelId: number): string {
  return index.meta.get(modelId)?.name ?? `Model ${modelId}`;
}
