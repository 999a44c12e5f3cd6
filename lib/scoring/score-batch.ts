// One batch of texts through several models: the work a scoring thread does
// (lib/scoring/pool-worker.ts), and what runs on the calling thread when there
// is no pool. Linear models share one feature pass per text (scoreMany), and
// the scope of each prediction is judged from the same features.
//
// No server-only or "@/" imports here: this module is loaded by plain worker
// threads through tsx.
import { scopeScore, scoreMany, type Classifier, type ScopeProfile } from '../classify';
import type { LanguageIdentifier, LanguagePrediction } from '../language/language-identifier';

/** A model as a batch needs it, already loaded. */
export type BatchModel =
  | { kind: 'linear'; classifier: Classifier; scope: ScopeProfile | null; withScope: boolean }
  /** top: the k most likely languages per text, or null for the probabilities of all of them */
  | { kind: 'language'; identifier: LanguageIdentifier; top: number | null };

export type BatchResult =
  | {
      kind: 'linear';
      /** labels per text */
      width: number;
      /** text-major: scores[t * width + c] is label c's probability for text t */
      scores: Float32Array;
      /** per text: 1 out of scope, 0 in scope, -1 not judged (no profile, or not asked) */
      outOfScope: Int8Array;
    }
  | { kind: 'language'; width: number; scores: Float32Array | null; top: LanguagePrediction[][] | null };

export function scoreBatch(models: readonly BatchModel[], texts: readonly string[]): BatchResult[] {
  const linearIdx: number[] = [];
  models.forEach((m, i) => {
    if (m.kind === 'linear') linearIdx.push(i);
  });
  const results: BatchResult[] = new Array(models.length);
  if (linearIdx.length) {
    const linear = linearIdx.map((i) => models[i] as Extract<BatchModel, { kind: 'linear' }>);
    const outOfScope = linear.map(() => new Int8Array(texts.length).fill(-1));
    const vectors = scoreMany(
      linear.map((m) => m.classifier),
      texts,
      linear.some((m) => m.withScope && m.scope)
        ? (t, features, scored) => {
            for (const { model: j, scores } of scored) {
              const m = linear[j]!;
              if (m.withScope && m.scope) outOfScope[j]![t] = scopeScore(m.scope, m.classifier, features, scores).outOfScope ? 1 : 0;
            }
          }
        : undefined,
    );
    linear.forEach((m, j) => {
      const width = m.classifier.labels.length;
      const flat = new Float32Array(texts.length * width);
      const perText = vectors[j]!;
      for (let t = 0; t < texts.length; t++) flat.set(perText[t]!, t * width);
      results[linearIdx[j]!] = { kind: 'linear', width, scores: flat, outOfScope: outOfScope[j]! };
    });
  }
  models.forEach((m, i) => {
    if (m.kind !== 'language') return;
    const width = m.identifier.labels.length;
    if (m.top === null) {
      const flat = new Float32Array(texts.length * width);
      texts.forEach((t, k) => flat.set(m.identifier.scores(t), k * width));
      results[i] = { kind: 'language', width, scores: flat, top: null };
    } else {
      const k = m.top;
      results[i] = { kind: 'language', width, scores: null, top: texts.map((t) => m.identifier.top(t, k)) };
    }
  });
  return results;
}

/** Results of consecutive slices of one batch, joined in order (the pool scores a large batch on several threads). */
export function concatResults(parts: readonly BatchResult[][], counts: readonly number[]): BatchResult[] {
  const first = parts[0];
  if (!first) return [];
  if (parts.length === 1) return first;
  const total = counts.reduce((a, b) => a + b, 0);
  return first.map((r0, i) => {
    if (r0.kind === 'linear') {
      const scores = new Float32Array(total * r0.width);
      const outOfScope = new Int8Array(total);
      let at = 0;
      parts.forEach((p, k) => {
        const r = p[i] as Extract<BatchResult, { kind: 'linear' }>;
        scores.set(r.scores, at * r0.width);
        outOfScope.set(r.outOfScope, at);
        at += counts[k]!;
      });
      return { ...r0, scores, outOfScope };
    }
    if (r0.scores) {
      const scores = new Float32Array(total * r0.width);
      let at = 0;
      parts.forEach((p, k) => {
        scores.set((p[i] as Extract<BatchResult, { kind: 'language' }>).scores!, at * r0.width);
        at += counts[k]!;
      });
      return { ...r0, scores };
    }
    return { ...r0, top: parts.flatMap((p) => (p[i] as Extract<BatchResult, { kind: 'language' }>).top ?? []) };
  });
}
