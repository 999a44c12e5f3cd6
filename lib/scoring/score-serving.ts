import 'server-only';
import type { ServingModel } from '@/lib/server/models/serving-models';
import { ApiError } from '@/lib/errors';
import { getScoringPool, PoolBusyError, type PoolModel } from './pool';
import { scoreBatch, type BatchModel, type BatchResult } from './score-batch';

export interface ScoreOptions {
  /** judge each linear prediction's scope (ingest stores it; inference does not report it) */
  scope: boolean;
  /** the language model: the top k languages per text, or null for all probabilities */
  languageTop: number | null;
}

/**
 * Scores texts with serving models on the process's scoring threads (lib/scoring/pool.ts),
 * or on this thread when there are none; the results are the same either way.
 */
export async function scoreServing(models: readonly ServingModel[], texts: readonly string[], options: ScoreOptions): Promise<BatchResult[]> {
  const pool = getScoringPool();
  if (pool) {
    const wire: PoolModel[] = models.map((m) =>
      m.kind === 'language'
        ? { kind: 'language', top: options.languageTop }
        : { kind: 'linear', versionId: m.versionId, artifact: m.artifact, scope: m.scopeJson, withScope: options.scope },
    );
    try {
      return await pool.score(wire, texts);
    } catch (e) {
      if (e instanceof PoolBusyError) throw new ApiError(503, 'service_busy', e.message, [], { 'Retry-After': '1' });
      throw e;
    }
  }
  const inline: BatchModel[] = models.map((m) =>
    m.kind === 'language'
      ? { kind: 'language', identifier: m.identifier, top: options.languageTop }
      : { kind: 'linear', classifier: m.classifier, scope: m.scope, withScope: options.scope },
  );
  return scoreBatch(inline, texts);
}
