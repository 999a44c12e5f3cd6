import { scopeScore, scoreMany } from '@/lib/classify';
import type { ServingModel } from '@/lib/server/models/serving-models';

/** One prediction row as stored: the top label and its score, plus the full score vector. */
export interface StoredPrediction {
  modelId: number;
  modelVersionId: number | null;
  label: string;
  score: number;
  /** JSON: scores in the model's label order; for the language model, the top five as {language: score} */
  scores: string;
  /** the text is unlike the version's training texts (null: no scope profile, or the language model) */
  outOfScope: boolean | null;
}

export interface ClassifiedText {
  language: string | null;
  predictions: StoredPrediction[];
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Runs every model over the texts, features computed once per text for all
 * linear models that share a feature spec, and shapes the result for storage.
 */
export function classifyForStorage(models: readonly ServingModel[], texts: string[]): ClassifiedText[] {
  const linear = models.filter((m): m is Extract<ServingModel, { kind: 'linear' }> => m.kind === 'linear');
  const language = models.find((m): m is Extract<ServingModel, { kind: 'language' }> => m.kind === 'language');
  // One feature pass and one vocabulary resolution per text for all models that share them;
  // the scope of each prediction is judged from the same features.
  const outOfScope: (boolean | null)[][] = linear.map(() => new Array<boolean | null>(texts.length).fill(null));
  const scoreVectors = linear.length
    ? scoreMany(
        linear.map((m) => m.classifier),
        texts,
        (t, features, scored) => {
          for (const { model: j, scores } of scored) {
            const m = linear[j]!;
            if (m.scope) outOfScope[j]![t] = scopeScore(m.scope, m.classifier, features, scores).outOfScope;
          }
        },
      )
    : [];

  return texts.map((text, t) => {
    const predictions: StoredPrediction[] = [];
    linear.forEach((m, j) => {
      const scores = scoreVectors[j]?.[t];
      if (!scores) return;
      // Scores in label order are what is stored; no ranking needed beyond the top label.
      let best = 0;
      for (let k = 1; k < scores.length; k++) if (scores[k]! > scores[best]!) best = k;
      const rounded: number[] = new Array(scores.length);
      for (let k = 0; k < scores.length; k++) rounded[k] = r4(scores[k]!);
      predictions.push({
        modelId: m.id,
        modelVersionId: m.versionId,
        label: m.labels[best] ?? '',
        score: scores[best] ?? 0,
        scores: JSON.stringify(rounded),
        outOfScope: outOfScope[j]![t] ?? null,
      });
    });
    let languageName: string | null = null;
    if (language) {
      // 176 languages: keep the top five only; the rest are ~0.
      const top5 = language.identifier.top(text, 5);
      languageName = top5[0]?.label ?? null;
      predictions.push({
        modelId: language.id,
        modelVersionId: null,
        label: languageName ?? '',
        score: top5[0]?.score ?? 0,
        scores: JSON.stringify(Object.fromEntries(top5.map((p) => [p.label, r4(p.score)]))),
        outOfScope: null,
      });
    }
    return { language: languageName, predictions };
  });
}
