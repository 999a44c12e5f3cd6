import { predictMany } from '@/lib/classify';
import type { ServingModel } from '@/lib/server/models/serving-models';

/** One prediction row as stored: the top label and its score, plus the full score vector. */
export interface StoredPrediction {
  modelId: number;
  modelVersionId: number | null;
  label: string;
  score: number;
  /** JSON: scores in the model's label order; for the language model, the top five as {language: score} */
  scores: string;
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
  const linearScores = linear.length ? predictMany(linear.map((m) => ({ model: m.classifier })), texts) : [];

  return texts.map((text, i) => {
    const predictions: StoredPrediction[] = [];
    linear.forEach((m, j) => {
      const preds = linearScores[j]?.[i] ?? [];
      const top = preds[0];
      if (!top) return;
      const byLabel = new Map(preds.map((p) => [p.label, p.score]));
      predictions.push({
        modelId: m.id,
        modelVersionId: m.versionId,
        label: top.label,
        score: top.score,
        scores: JSON.stringify(m.labels.map((l) => r4(byLabel.get(l) ?? 0))),
      });
    });
    let languageName: string | null = null;
    if (language) {
      const s = language.identifier.scores(text);
      let best = 0;
      for (let k = 1; k < s.length; k++) if ((s[k] ?? 0) > (s[best] ?? 0)) best = k;
      languageName = language.labels[best] ?? null;
      // 176 languages: keep the top five only; the rest are ~0.
      const top5 = [...s.keys()].sort((a, b) => (s[b] ?? 0) - (s[a] ?? 0)).slice(0, 5);
      predictions.push({
        modelId: language.id,
        modelVersionId: null,
        label: languageName ?? '',
        score: s[best] ?? 0,
        scores: JSON.stringify(Object.fromEntries(top5.map((k) => [language.labels[k], r4(s[k] ?? 0)]))),
      });
    }
    return { language: languageName, predictions };
  });
}
