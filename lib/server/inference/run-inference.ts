import 'server-only';
import type { Prediction, PredictOptions } from '@/lib/classify';
import type { Db } from '@/lib/db';
import { ApiError, badRequest, notFound, type ErrorDetail } from '@/lib/errors';
import type { TInferenceRequest, TInferenceResponse } from '@/lib/schemas/inference';
import { getServingModels, type ServingModel } from '@/lib/server/models/serving-models';
import { scoreServing } from '@/lib/scoring/score-serving';

/** Scores are reported with 6 decimals: float32 noise is not information. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Orders by score, highest first; ties keep the model's label order. */
function rankScores(labels: readonly string[], scores: Float32Array, options: PredictOptions): Prediction[] {
  const allowed = options.labelFilter ? new Set(options.labelFilter) : null;
  const idx: number[] = [];
  for (let i = 0; i < labels.length; i++) if (!allowed || allowed.has(labels[i] ?? '')) idx.push(i);
  idx.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  const k = options.k ?? idx.length;
  return idx.slice(0, k).map((i) => ({ label: labels[i] ?? '', score: scores[i] ?? 0 }));
}

/**
 * POST /v2/models/inference's work: checks every model and label filter,
 * then runs all linear models over features computed once per text.
 */
export async function runInference(db: Db, body: TInferenceRequest): Promise<TInferenceResponse> {
  const ids = body.model_settings.map((s) => s.model_id);
  const lookups = await getServingModels(db, ids);

  const missing: ErrorDetail[] = [];
  const untrained: ErrorDetail[] = [];
  body.model_settings.forEach((s, i) => {
    const l = lookups.get(s.model_id);
    if (!l || l.status === 'missing') missing.push({ path: `model_settings[${i}].model_id`, message: `no model with id ${s.model_id}` });
    else if (l.status === 'untrained')
      untrained.push({ path: `model_settings[${i}].model_id`, message: `model ${s.model_id} (${l.name}) has no trained version yet` });
  });
  if (missing.length) {
    const ids = missing.map((d) => d.message.replace('no model with id ', '')).join(', ');
    throw notFound(`Unknown model_id ${ids}. GET /v2/models lists the models you can use.`, missing);
  }
  if (untrained.length) {
    throw new ApiError(409, 'model_not_ready', 'A requested model has no trained version yet; train and promote one first.', untrained);
  }

  const models: ServingModel[] = body.model_settings.map((s) => {
    const l = lookups.get(s.model_id);
    if (l?.status !== 'ok') throw new Error('unreachable: model checked above');
    return l.model;
  });

  const filterErrors: ErrorDetail[] = [];
  body.model_settings.forEach((s, i) => {
    const model = models[i];
    if (!model || !s.label_filter) return;
    const known = new Set(model.labels);
    s.label_filter.forEach((label, j) => {
      if (!known.has(label)) {
        const sample = model.labels.slice(0, 12).join(', ');
        filterErrors.push({
          path: `model_settings[${i}].label_filter[${j}]`,
          message: `"${label}" is not a label of model ${model.id} (${model.name}); its labels are: ${sample}${model.labels.length > 12 ? ', …' : ''}`,
        });
      }
    });
  });
  if (filterErrors.length) throw badRequest('label_filter names labels the model does not have; see details.', filterErrors);

  const options = body.model_settings.map((s): PredictOptions => ({
    ...(s.max_predictions !== undefined ? { k: s.max_predictions } : {}),
    ...(s.label_filter ? { labelFilter: [...new Set(s.label_filter)] } : {}),
  }));

  // Scored on the process's scoring threads; every linear model of the request shares one feature pass over the texts.
  const scored = await scoreServing(models, body.texts, { scope: false, languageTop: null });
  const predictions: Prediction[][][] = models.map((m, i) => {
    const r = scored[i];
    if (!r || !r.scores) return [];
    const L = r.width;
    const all = r.scores;
    return body.texts.map((_, t) => {
      const scores = all.subarray(t * L, (t + 1) * L);
      return m.kind === 'linear' ? m.classifier.rank(scores, options[i] ?? {}) : rankScores(m.labels, scores, options[i] ?? {});
    });
  });

  return {
    results: models.map((m, i) => ({
      model_id: m.id,
      model_name: m.name,
      predictions: (predictions[i] ?? []).map((perText) => perText.map((p) => ({ label: p.label, score: round(p.score) }))),
    })),
  };
}
