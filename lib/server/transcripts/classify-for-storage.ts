import { scoreServing } from '@/lib/scoring/score-serving';
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
 * Runs every model over the texts, on the process's scoring threads
 * (lib/scoring), and shapes the result for storage: features are computed once
 * per text for all linear models that share a feature spec, and the scope of
 * each prediction is judged from the same features.
 */
export async function classifyForStorage(models: readonly ServingModel[], texts: string[]): Promise<ClassifiedText[]> {
  const results = await scoreServing(models, texts, { scope: true, languageTop: 5 });
  return texts.map((_, t) => {
    const predictions: StoredPrediction[] = [];
    let languageName: string | null = null;
    models.forEach((m, j) => {
      const r = results[j];
      if (!r) return;
      if (m.kind === 'linear' && r.kind === 'linear') {
        // Scores in label order are what is stored; no ranking needed beyond the top label.
        const L = r.width;
        const scores = r.scores.subarray(t * L, (t + 1) * L);
        let best = 0;
        for (let k = 1; k < L; k++) if (scores[k]! > scores[best]!) best = k;
        const rounded: number[] = new Array(L);
        for (let k = 0; k < L; k++) rounded[k] = r4(scores[k]!);
        const oos = r.outOfScope[t]!;
        predictions.push({
          modelId: m.id,
          modelVersionId: m.versionId,
          label: m.labels[best] ?? '',
          score: scores[best] ?? 0,
          scores: JSON.stringify(rounded),
          outOfScope: oos < 0 ? null : oos === 1,
        });
      } else if (m.kind === 'language' && r.kind === 'language') {
        // 176 languages: keep the top five only; the rest are ~0.
        const top5 = r.top?.[t] ?? [];
        languageName = top5[0]?.label ?? null;
        predictions.push({
          modelId: m.id,
          modelVersionId: null,
          label: languageName ?? '',
          score: top5[0]?.score ?? 0,
          scores: JSON.stringify(Object.fromEntries(top5.map((p) => [p.label, r4(p.score)]))),
          outOfScope: null,
        });
      }
    });
    // Linear predictions first, then the language, as before.
    predictions.sort((a, b) => Number(a.modelVersionId === null) - Number(b.modelVersionId === null));
    return { language: languageName, predictions };
  });
}
