import { featureSpecKey, featurize, type FeatureSpec, type TextFeatures } from '@/lib/classify';
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
  // Models with the same feature spec share one featurize pass per text.
  const specs = new Map<string, FeatureSpec>();
  const specKeyOf = linear.map((m) => {
    const key = featureSpecKey(m.classifier.featureSpec);
    specs.set(key, m.classifier.featureSpec);
    return key;
  });

  return texts.map((text) => {
    const features = new Map<string, TextFeatures>();
    for (const [key, spec] of specs) features.set(key, featurize(text, spec));
    const predictions: StoredPrediction[] = [];
    linear.forEach((m, j) => {
      const f = features.get(specKeyOf[j] ?? '');
      if (!f) return;
      // Scores in label order are what is stored; no ranking needed beyond the top label.
      const scores = m.classifier.scores(f);
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
      });
    }
    return { language: languageName, predictions };
  });
}
