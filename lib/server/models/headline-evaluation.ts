// The one accuracy figure a model shows next to its name (studio, overview,
// API), with what it was measured on, how many examples and when: a number
// on screen says how sure it is.

export interface HeadlineEvaluation {
  accuracy: number | null;
  macroF1: number | null;
  /** examples the figure was measured on */
  n: number;
  /** what they were: the version's held-out split, or a named set measured separately (`externalEvaluation`) */
  source: string;
  /** when (the version's training end) */
  evaluatedAt: string | null;
}

/**
 * A stored evaluation (ModelVersion.evaluation JSON) may carry an
 * `externalEvaluation`: the version measured on a separate, more realistic
 * set (the demo models: hand-written transcripts, where the generated
 * held-out split flatters them). When present, that is the headline.
 */
export function headlineEvaluation(evaluationJson: string | null, heldOut: number, finishedAt: Date | null): HeadlineEvaluation | null {
  if (!evaluationJson) return null;
  let e: { accuracy?: number; macroF1?: number; n?: number; externalEvaluation?: { source?: string; accuracy?: number; macroF1?: number; n?: number } };
  try {
    e = JSON.parse(evaluationJson) as typeof e;
  } catch {
    return null; // a damaged blob must not break a listing
  }
  const at = finishedAt?.toISOString() ?? null;
  const x = e.externalEvaluation;
  if (x && typeof x.accuracy === 'number') return { accuracy: x.accuracy, macroF1: x.macroF1 ?? null, n: x.n ?? 0, source: x.source ?? 'a separate evaluation set', evaluatedAt: at };
  return { accuracy: e.accuracy ?? null, macroF1: e.macroF1 ?? null, n: e.n ?? heldOut, source: 'held-out split of its examples', evaluatedAt: at };
}
