import 'server-only';
import { uncertaintyScore } from '@/lib/classify';
import type { Db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { parseDashboardFilters, type TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getFactIndex } from '@/lib/server/analytics/fact-index';
import { parseScores } from '@/lib/server/analytics/get-transcript';

export type UncertaintyStrategy = 'margin' | 'entropy';

export interface QueueItem {
  transcriptId: number;
  occurredAt: string;
  channel: string | null;
  /** the text the model sees (up to 4,000 characters shown) */
  text: string;
  predicted: string;
  score: number;
  /** 0 (sure) – 1 (no idea): 1 − margin between the two best labels, or normalised entropy */
  uncertainty: number;
  top: { label: string; score: number }[];
}

/** How many of the least confident predictions are looked at closely (their full score vectors read). */
const CANDIDATES = 2_000;

/**
 * Transcripts a model is least sure about, most uncertain first (active
 * learning): among the stored predictions with the lowest top score, ranked by
 * the margin between the two best labels (or the entropy of all scores).
 * Transcripts already labeled for the model are left out.
 */
export async function getLabelingQueue(
  db: Db,
  modelId: number,
  options: { strategy?: UncertaintyStrategy; limit?: number; filters?: TDashboardFilters; exclude?: number[] } = {},
): Promise<{ items: QueueItem[]; candidates: number; labeled: number }> {
  const model = await db.model.findUnique({
    where: { id: modelId },
    select: { id: true, kind: true, multiLabel: true, labels: { select: { name: true }, orderBy: { position: 'asc' } } },
  });
  if (!model) throw notFound(`Model ${modelId} does not exist.`);
  const strategy = options.strategy ?? 'margin';
  const limit = Math.min(100, Math.max(1, options.limit ?? 20));
  const labels = model.labels.map((l) => l.name);

  const labeledRows = await db.example.findMany({ where: { modelId, transcriptId: { not: null } }, select: { transcriptId: true } });
  const labeled = new Set(labeledRows.map((r) => r.transcriptId));
  for (const id of options.exclude ?? []) labeled.add(id);

  const index = await getFactIndex(db);
  const col = index.models.get(modelId);
  if (!col) return { items: [], candidates: 0, labeled: labeledRows.length };
  const rows = await index.select(options.filters ?? parseDashboardFilters('range=all'));
  // The CANDIDATES lowest top scores, by a simple bounded selection.
  const pool: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (!col.label[r] || col.score[r]! > 1 || labeled.has(index.ids[r]!)) continue; // unpredicted, corrected, or labeled
    pool.push(r);
  }
  pool.sort((a, b) => col.score[a]! - col.score[b]! || b - a);
  const ids = pool.slice(0, CANDIDATES).map((r) => index.ids[r]!);

  const preds = await db.prediction.findMany({ where: { modelId, transcriptId: { in: ids } }, select: { transcriptId: true, label: true, score: true, scores: true } });
  const ranked = preds.map((p) => {
    const s = parseScores(p.scores, labels);
    // The engine's own measure (lib/classify/uncertainty.ts), on the stored score vector.
    const uncertainty = s.length ? uncertaintyScore(s.map((x) => x.score), model.multiLabel, strategy) : 1;
    return { p, s, uncertainty };
  });
  ranked.sort((a, b) => b.uncertainty - a.uncertainty || a.p.transcriptId - b.p.transcriptId);
  const chosen = ranked.slice(0, limit);
  const texts = new Map((await index.readTranscripts(chosen.map((c) => c.p.transcriptId), 4000)).map((t) => [t.id, t]));
  return {
    items: chosen.flatMap(({ p, s, uncertainty }) => {
      const t = texts.get(p.transcriptId);
      if (!t) return [];
      return [{ transcriptId: p.transcriptId, occurredAt: t.occurredAt, channel: t.channel, text: t.text, predicted: p.label, score: p.score, uncertainty, top: s.slice(0, 3) }];
    }),
    candidates: pool.length,
    labeled: labeledRows.length,
  };
}
