import 'server-only';
import type { Db } from '@/lib/db';
import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getFactIndex } from './fact-index';
import { dashboardModels } from './dashboard-models';
import { parseMetadata } from './get-transcript';
import type { DashboardModel, ExportRow, PredictionStatus } from './types';
import type { StoredPredictions } from './index-reader';

type Stored = NonNullable<ReturnType<StoredPredictions['get']>>;

/** Each prediction with what it counts as, by the same rules as the dashboard (fact-index.ts stateOf). */
function withStatus(stored: Stored, thresholdOf: (modelId: number) => number): ExportRow['predictions'] {
  const out: ExportRow['predictions'] = {};
  for (const [key, p] of Object.entries(stored)) {
    const modelId = Number(key);
    const status: PredictionStatus = p.corrected ? 'corrected' : p.outOfScope ? 'out_of_scope' : p.score < thresholdOf(modelId) ? 'uncertain' : 'counted';
    out[modelId] = { label: p.label, score: p.score, status };
  }
  return out;
}

/**
 * Everything the filters select, newest first (the drill-down's default
 * order), ready to stream: the ids are fixed now (4 bytes each), the rows are
 * read from the database one batch at a time, so memory stays flat at any size.
 */
export async function prepareExport(
  db: Db,
  filters: TDashboardFilters,
): Promise<{ models: DashboardModel[]; total: number; batches(batchSize?: number): AsyncGenerator<ExportRow[]> }> {
  const index = await getFactIndex(db);
  const rows = await index.select(filters);
  const order = index.byTime();
  const ids = new Int32Array(rows.length);
  let k = 0;
  if (rows.length === index.n) for (let i = 0; i < order.length; i++) ids[k++] = index.ids[order[i]!]!;
  else {
    const mask = index.maskOf(rows);
    for (let i = 0; i < order.length; i++) if (mask[order[i]!]) ids[k++] = index.ids[order[i]!]!;
  }
  const models = dashboardModels(index);
  return {
    models,
    total: ids.length,
    async *batches(batchSize = 1000) {
      for (let start = 0; start < ids.length; start += batchSize) {
        const part = Array.from(ids.subarray(start, start + batchSize));
        const byId = new Map((await index.readTranscripts(part)).map((t) => [t.id, t]));
        const predictions = await index.readPredictions(part);
        const batch: ExportRow[] = [];
        for (const id of part) {
          const t = byId.get(id);
          if (!t) continue; // deleted after the export started
          batch.push({
            id: t.id,
            externalId: t.externalId,
            occurredAt: t.occurredAt,
            channel: t.channel,
            agent: t.agent,
            queue: t.queue,
            customerId: t.customerId,
            language: t.language,
            metadata: parseMetadata(t.metadata),
            text: t.text,
            predictions: withStatus(predictions.get(id) ?? {}, (modelId) => index.thresholdOf(modelId, filters.minScore)),
          });
        }
        yield batch;
        // Let the event loop serve other requests between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
  };
}
