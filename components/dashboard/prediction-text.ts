import type { QuantificationMethod } from '@/lib/classify/quantify';
import type { BreakdownEstimates, LabelEstimate } from '@/lib/server/analytics/estimate-shares';
import type { HeadlineEvaluation } from '@/lib/server/models/headline-evaluation';
import { fmtDay, fmtInt, fmtShare } from './format';

// How the dashboard says how sure a number is: the threshold in force, what a
// prediction counts as, a model's measured accuracy and the out-of-scope
// warning, a label's estimated true share with its interval. Plain functions: the overview, the drill-down, the transcript page,
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

// ---- estimated true shares (Breakdown.estimates, issue 13) ----

/** A share as a whole percentage: an interval several points wide makes a decimal false precision. */
const wholePct = (x: number) => Math.round(100 * x);

/** "34 % (29–40 %)": the estimate and its interval (rounding keeps lo ≤ estimate ≤ hi). */
export function fmtEstimate(e: Pick<LabelEstimate, 'estimate' | 'interval'>): string {
  return `${wholePct(e.estimate)}\u00a0% (${wholePct(e.interval[0])}–${wholePct(e.interval[1])}\u00a0%)`;
}

/** "est. 34 % (29–40 %)", beside a label's count. */
export const estimateText = (e: Pick<LabelEstimate, 'estimate' | 'interval'>) => `est. ${fmtEstimate(e)}`;

/** The same in words, for a screen reader: "estimated true share 34 % (90 % interval: 29 to 40 %)". */
export function estimateWords(e: Pick<LabelEstimate, 'estimate' | 'interval'>, level: number): string {
  return `estimated true share ${wholePct(e.estimate)}\u00a0% (${wholePct(level)}\u00a0% interval: ${wholePct(e.interval[0])} to ${wholePct(e.interval[1])}\u00a0%)`;
}

/** The estimators' short names (lib/classify/quantify.ts; its `description` has the long form). */
export const ESTIMATE_METHOD_NAMES: Record<QuantificationMethod, string> = {
  cc: 'classify and count (the plain counts)',
  pcc: 'probabilistic classify and count',
  acc: 'adjusted classify and count',
  pacc: 'probabilistic adjusted classify and count',
  em: 'EM prior adjustment (Saerens et al. 2002)',
  'em-shrunk': 'EM prior adjustment, shrunk toward the probabilities by the evidence of a shift',
};

/** A label's estimate, if the model estimated it (a value seen only in the data, or a bucket, has none). */
export function estimateFor(e: BreakdownEstimates | null | undefined, label: string): LabelEstimate | undefined {
  return e?.labels.find((l) => l.label === label);
}

/** What the estimate is worth in transcripts among the in-scope ones: "about 347 (296–408) of the 1,020 in scope". */
export function estimatedCount(e: Pick<LabelEstimate, 'estimate' | 'interval'>, inScope: number): string {
  const n = (x: number) => fmtInt(Math.round(x * inScope));
  return `about ${n(e.estimate)} (${n(e.interval[0])}–${n(e.interval[1])}) of the ${fmtInt(inScope)} in scope`;
}

/**
 * How the estimates were made, in one line: "EM prior adjustment (Saerens et al. 2002), 90 % interval,
 * from 1,234 held-out predictions, over the 1,020 in-scope transcripts (uncertain ones included)".
 */
export function estimateBasis(e: Pick<BreakdownEstimates, 'method' | 'level' | 'evaluationSize' | 'inScope' | 'sampled'>): string {
  const read = e.sampled < e.inScope ? `, ${fmtInt(e.sampled)} of them read` : '';
  const held = e.evaluationSize > 0 ? `from ${fmtInt(e.evaluationSize)} held-out ${e.evaluationSize === 1 ? 'prediction' : 'predictions'}` : 'with no held-out predictions';
  return `${ESTIMATE_METHOD_NAMES[e.method]}, ${wholePct(e.level)}\u00a0% interval, ${held}, over the ${fmtInt(e.inScope)} in-scope transcripts (uncertain ones included${read})`;
}

/** The first line of "how it is estimated": what the correction is, then estimateBasis. */
export function estimateExplanation(modelName: string, e: Pick<BreakdownEstimates, 'method' | 'level' | 'evaluationSize' | 'inScope' | 'sampled'>): string {
  const what =
    e.method === 'cc'
      ? `The estimate is the plain count of top labels, with an interval: ${modelName}'s held-out transcripts are too few to correct the counts with.`
      : `The estimate corrects the counts with how ${modelName} did on held-out transcripts whose labels were known.`;
  return `${what} Method: ${estimateBasis(e)}.`;
}

/** Why a model's card shows no estimate: nothing in scope, or a version trained before held-out predictions were kept. */
export function noEstimateNote(modelName: string, inScope: number): string {
  return inScope === 0
    ? `No estimated shares: none of these transcripts is in scope for ${modelName}.`
    : `No estimated shares: ${modelName} has no held-out predictions: retrain it to get estimates.`;
}
