// A model's confidence threshold: below it a prediction counts as Uncertain
// everywhere (breakdowns, KPIs, the table, the transcript header, the export).
// Pure functions: the analytics index reader, the studio and training share them.

/** The precision a single-label model's default threshold aims for on its held-out split. */
export const PRECISION_TARGET = 0.9;
/** A multi-label model counts only labels at or above this score (a yes/no per label). */
export const MULTI_LABEL_THRESHOLD = 0.5;
/** The fewest held-out predictions above a threshold for its precision to mean anything. */
const MIN_SUPPORT = 20;

/** Where a threshold in force comes from: a person, the active version's evaluation, the default by kind, or the filters' `min`. */
export type ThresholdSource = 'set' | 'evaluation' | 'default' | 'filter';

export function thresholdSource(model: { thresholdSet: boolean }, suggested: number | null | undefined): Exclude<ThresholdSource, 'filter'> {
  return model.thresholdSet ? 'set' : suggested !== null && suggested !== undefined ? 'evaluation' : 'default';
}

/**
 * The threshold in force: the one a person set, else the active version's
 * suggestion (from its evaluation), else 0.5 for a multi-label model and 0
 * (count everything) for one never evaluated.
 */
export function effectiveThreshold(model: { threshold: number; thresholdSet: boolean; multiLabel: boolean }, suggested: number | null | undefined): number {
  if (model.thresholdSet) return model.threshold;
  if (suggested !== null && suggested !== undefined) return suggested;
  return model.multiLabel ? MULTI_LABEL_THRESHOLD : 0;
}

/**
 * The default threshold of a single-label version from its held-out split:
 * the lowest top score from which the predictions at or above it are right
 * at least PRECISION_TARGET of the time (with at least 20 of them), so a
 * model that is already that precise abstains on nothing and a weak one
 * abstains where it is mostly wrong. When no such score exists, the one with
 * the best precision (with the same support). 0 without enough held-out data.
 * Rounded to 2 decimals: a threshold people read.
 */
export function suggestThreshold(heldOut: readonly { score: number; right: boolean }[], multiLabel: boolean): number {
  if (multiLabel) return MULTI_LABEL_THRESHOLD;
  if (heldOut.length < MIN_SUPPORT) return 0;
  const sorted = [...heldOut].sort((a, b) => b.score - a.score);
  let hits = 0;
  let best: { t: number; precision: number } | null = null;
  let lowestMeeting: number | null = null;
  for (let i = 0; i < sorted.length; i++) {
    hits += sorted[i]!.right ? 1 : 0;
    // only where the next score differs: a threshold between two scores
    if (i + 1 < sorted.length && sorted[i + 1]!.score === sorted[i]!.score) continue;
    const n = i + 1;
    if (n < MIN_SUPPORT) continue;
    const precision = hits / n;
    const t = sorted[i]!.score;
    if (precision >= PRECISION_TARGET) lowestMeeting = t;
    if (!best || precision > best.precision) best = { t, precision };
  }
  const chosen = lowestMeeting ?? best?.t ?? 0;
  // everything meets the target: count everything
  if (lowestMeeting !== null && lowestMeeting === sorted[sorted.length - 1]!.score) return 0;
  return Math.floor(chosen * 100) / 100;
}
