import type { HeadlineEvaluation } from '@/lib/server/models/headline-evaluation';
import { fmtDay, fmtInt, fmtShare } from './format';

// How the dashboard says how sure a number is: the threshold in force, what a
// prediction counts as, a model's measured accuracy and the out-of-scope
// warning. Plain functions: the overview, the drill-down, the transcript page,
// the studio and the printable report (rendered on the server) share them.

/** Where a model's threshold comes from (getModelStudio's `thresholdSource`). */
export type ThresholdSource = 'set' | 'evaluation' | 'default';

/**
 * The share of a card's transcripts from which its out-of-scope warning shows.
 * The overview's banner takes the server's figure (`warnAt` of
 * /api/analytics/scope, SCOPE_WARNING_SHARE); this is the same number for
 * a card drawn before that answer arrives.
 */
export const SCOPE_WARN_AT = 0.25;

/** A threshold as a score is shown (the drill-down's "62 %"), without rounding a 0.625 away: "62.5 %". */
export const fmtThreshold = (x: number) => `${Number((100 * x).toFixed(1))}\u00a0%`;

/** The confidence filter's value as its menu and chip name it. */
export function confidenceTitle(minScore: number | null): string {
  if (minScore === null) return 'Model thresholds';
  if (minScore === 0) return 'Any (count every prediction)';
  return `≥ ${fmtThreshold(minScore)}`;
}

/**
 * Below what a model's predictions count as Uncertain, and whose threshold
 * that is: "Uncertain: below 62 %, the model's threshold from its evaluation",
 * "Uncertain: below 50 %, the confidence filter's". Null for metadata (no
 * threshold). `source` is the model's own (the studio knows it; a breakdown
 * does not say yet, and then the note says "the model's own threshold").
 */
export function uncertainNote(o: { threshold: number | null; minScore: number | null; source?: ThresholdSource | undefined; multiLabel?: boolean | undefined }): string | null {
  if (o.threshold === null) return null;
  if (o.minScore !== null) {
    return o.minScore === 0 ? 'Every prediction counts (confidence filter: Any); only Out of scope ones do not.' : `Uncertain: below ${fmtThreshold(o.minScore)}, the confidence filter's threshold.`;
  }
  if (o.threshold <= 0) return "Every prediction counts: the model's threshold is 0.";
  const whose =
    o.source === 'set'
      ? "the model's threshold, set by a person"
      : o.source === 'evaluation'
        ? "the model's threshold from its evaluation"
        : o.source === 'default'
          ? o.multiLabel
            ? 'the default for a multi-label model'
            : "the model's default threshold"
          : "the model's own threshold";
  return `Uncertain: below ${fmtThreshold(o.threshold)}, ${whose}.`;
}

/** A metric as the studio's tables show it, shorter: 0.7134 → "0.71". */
const fmtFigure = (x: number) => x.toFixed(2);

/**
 * A model's headline accuracy with what it was measured on, how many examples
 * and when: "0.71 accuracy on 120 examples: hand-written transcripts (…) · Dec 7, 2026".
 */
export function evaluationPhrase(e: HeadlineEvaluation | null | undefined): string {
  if (!e) return 'Not evaluated yet: no accuracy to show.';
  const figure = e.accuracy !== null ? `${fmtFigure(e.accuracy)} accuracy` : e.macroF1 !== null ? `${fmtFigure(e.macroF1)} macro-F1` : 'No accuracy figure';
  const size = e.n > 0 ? `${fmtInt(e.n)} ${e.n === 1 ? 'example' : 'examples'}` : 'an evaluation set of unknown size';
  return `${figure} on ${size}: ${e.source}${e.evaluatedAt ? ` · ${fmtDay(e.evaluatedAt)}` : ''}`;
}

/** "82 % of these transcripts are unlike what Product was trained on". */
export function scopeWarning(modelName: string, outOfScope: number, total: number): string {
  const share = total > 0 ? outOfScope / total : 0;
  return `${fmtShare(share, 0)} of these transcripts are unlike what ${modelName} was trained on`;
}

export const shouldWarn = (outOfScope: number, total: number, warnAt: number = SCOPE_WARN_AT) => total > 0 && outOfScope / total >= warnAt;

/** What a stored prediction counts as on screen: a person's correction wins, then Out of scope, then Uncertain. */
export type PredictionState = 'corrected' | 'out_of_scope' | 'uncertain' | 'counted';

export function predictionState(p: { corrected: boolean; outOfScope: boolean; uncertain: boolean }): PredictionState {
  if (p.corrected) return 'corrected';
  if (p.outOfScope) return 'out_of_scope';
  if (p.uncertain) return 'uncertain';
  return 'counted';
}
