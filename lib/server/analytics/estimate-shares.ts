import 'server-only';
import { estimateShares, type QuantificationEvaluation, type ShareEstimates } from '@/lib/classify/quantify';
import type { Db } from '@/lib/db';
import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import type { HeldOutPredictions } from '@/lib/server/training/train-version';
import { FactIndex, type Selection } from './fact-index';

/**
 * Estimated true shares of a model's labels over the selected transcripts,
 * with 90 % intervals (lib/classify/quantify.ts): counting top labels is
 * biased whenever the model errs unevenly or the mix shifts; the estimate
 * corrects the counts with the model's behaviour on its held-out split
 * (ModelVersion.heldOutPredictions).
 *
 * Over the transcripts in the model's scope (out-of-scope ones are their own
 * bucket: the model's behaviour there is unknown), uncertain ones included:
 * an estimate uses every row's probabilities, not only the counted top labels.
 * At most MAX_SAMPLE rows are read (an evenly spaced subsample of a larger
 * selection; its sampling error is inside the interval, which resamples the
 * rows read).
 */
export const MAX_SAMPLE = 5000;

export interface LabelEstimate {
  label: string;
  /** estimated true share among the in-scope transcripts */
  estimate: number;
  interval: [number, number];
}

export interface BreakdownEstimates {
  method: ShareEstimates['method'];
  /** how it was computed, for a tooltip */
  description: string;
  level: number;
  /** in-scope transcripts in the selection, and how many of them were read */
  inScope: number;
  sampled: number;
  /** held-out rows the correction was measured on */
  evaluationSize: number;
  labels: LabelEstimate[];
}

const heldOutCache = new Map<number, { labels: string[]; multiLabel: boolean; evaluation: QuantificationEvaluation } | null>();

async function heldOutOf(db: Db, versionId: number) {
  if (heldOutCache.has(versionId)) return heldOutCache.get(versionId)!;
  const v = await db.modelVersion.findUnique({ where: { id: versionId }, select: { heldOutPredictions: true } });
  let out: { labels: string[]; multiLabel: boolean; evaluation: QuantificationEvaluation } | null = null;
  if (v?.heldOutPredictions) {
    const h = JSON.parse(v.heldOutPredictions) as HeldOutPredictions;
    const rows = h.rows.filter((r) => r.truth.length);
    out = { labels: h.labels, multiLabel: h.multiLabel, evaluation: { truth: h.multiLabel ? rows.map((r) => r.truth) : rows.map((r) => r.truth[0]!), probs: rows.map((r) => r.scores) } };
  }
  if (heldOutCache.size > 200) heldOutCache.clear();
  heldOutCache.set(versionId, out);
  return out;
}

/** Top label index per row, or -1 below the threshold (what the breakdown does not count). */
function tops(probs: readonly number[][], threshold: number): Int32Array {
  const out = new Int32Array(probs.length);
  probs.forEach((p, i) => {
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
    out[i] = (p[best] ?? 0) >= threshold ? best : -1;
  });
  return out;
}

/** The estimate for one model over a selection; null when the model has no held-out predictions (trained before versions kept them) or nothing is in scope. */
export async function estimateBreakdown(db: Db, index: FactIndex, rows: Selection, modelId: number, filters: Pick<TDashboardFilters, 'minScore'>): Promise<BreakdownEstimates | null> {
  const col = index.models.get(modelId);
  if (!col) return null;
  const m = await db.model.findUnique({ where: { id: modelId }, select: { activeVersionId: true } });
  if (!m?.activeVersionId) return null;
  const held = await heldOutOf(db, m.activeVersionId);
  if (!held || !held.evaluation.probs.length) return null;
  const threshold = index.thresholdOf(modelId, filters.minScore);
  // the in-scope rows with a prediction (a correction is a person's word, but its probabilities are the model's: it stays in)
  const inScope: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const state = FactIndex.stateOf(col, r, threshold);
    if (state === 1 || state === 2) inScope.push(r);
  }
  if (!inScope.length) return null;
  const step = Math.max(1, inScope.length / MAX_SAMPLE);
  const picked: number[] = [];
  for (let x = 0; Math.floor(x) < inScope.length && picked.length < MAX_SAMPLE; x += step) picked.push(index.ids[inScope[Math.floor(x)]!]!);
  const scores = await index.readScores(picked, modelId);
  const probs = picked.flatMap((id) => {
    const s = scores.get(id);
    return s && s.length === held.labels.length ? [s] : [];
  });
  if (!probs.length) return null;
  const evaluationTop = held.multiLabel ? undefined : tops(held.evaluation.probs as number[][], threshold);
  const e = estimateShares(
    { probs, ...(held.multiLabel ? {} : { top: tops(probs, threshold) }) },
    { ...held.evaluation, ...(evaluationTop ? { top: evaluationTop } : {}) },
    { multiLabel: held.multiLabel, threshold: held.multiLabel ? threshold : 0.5, seed: 1 },
  );
  return {
    method: e.method,
    description: `${e.description} Over ${inScope.length.toLocaleString('en')} in-scope transcripts${probs.length < inScope.length ? ` (${probs.length.toLocaleString('en')} of them read, evenly spaced)` : ''}, uncertain ones included; out-of-scope ones are their own bucket.`,
    level: e.level,
    inScope: inScope.length,
    sampled: probs.length,
    evaluationSize: e.evaluationSize,
    labels: held.labels.map((label, k) => ({ label, estimate: e.labels[k]!.estimate, interval: e.labels[k]!.interval })),
  };
}
