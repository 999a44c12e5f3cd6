import 'server-only';
import type { Db } from '@/lib/db';
import { getServingModels } from '@/lib/server/models/serving-models';
import { getScoringPool } from './pool';
import { scoreServing } from './score-serving';

/**
 * Starts the scoring threads and loads every active model into each of them,
 * so that the first inference request after a start does not pay for it
 * (thread start, tsx, artifacts: ~1.5 s). Returns how many models were loaded.
 */
export async function warmScoring(db: Db): Promise<number> {
  const rows = await db.model.findMany({ where: { OR: [{ activeVersionId: { not: null } }, { kind: 'language' }] }, select: { id: true } });
  const lookups = await getServingModels(db, rows.map((r) => r.id));
  const models = [...lookups.values()].flatMap((l) => (l.status === 'ok' ? [l.model] : []));
  if (!models.length) return 0;
  const threads = getScoringPool()?.size ?? 1;
  // one small batch per thread at once: the pool gives each to the least busy thread
  await Promise.all(Array.from({ length: threads }, () => scoreServing(models, ['warm up'], { scope: true, languageTop: 1 })));
  return models.length;
}

/** warmScoring for the server's boot (instrumentation.ts): logs, never throws (an empty or unmigrated database is not an error here). */
export async function warmScoringAtBoot(): Promise<void> {
  const t0 = performance.now();
  try {
    const { db } = await import('@/lib/db');
    const n = await warmScoring(db);
    if (n) console.log(`[callsight] scoring threads ready: ${getScoringPool()?.size ?? 0} threads, ${n} models, in ${Math.round(performance.now() - t0)} ms`);
  } catch (e) {
    console.warn(`[callsight] scoring threads not warmed at start (${e instanceof Error ? e.message : String(e)}); the first request that scores will start them`);
  }
}
