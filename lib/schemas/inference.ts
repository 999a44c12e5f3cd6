import { z } from 'zod';
import { strictObject } from './strict-object';

/**
 * Limits of POST /v2/models/inference: texts and their length are fixed by the
 * public contract. The contract leaves the rest open; ours only refuse what no
 * valid request can hold: a label filter longer than a model's labels (500 at
 * most) or a name longer than a label's (100), and more models than one
 * request should run (each model_id at most once).
 */
export const INFERENCE_LIMITS = { maxTexts: 8, maxTextChars: 10_000, maxModelSettings: 100, maxLabelFilter: 500, maxLabelChars: 100 } as const;

const ZText = z
  .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') })
  .refine((t) => t.trim().length > 0, { message: 'must not be empty or only whitespace' })
  .refine((t) => t.length <= INFERENCE_LIMITS.maxTextChars, {
    message: `must be at most ${INFERENCE_LIMITS.maxTextChars.toLocaleString('en')} characters`,
  });

const modelId = z.number({ error: (i) => (i.input === undefined ? 'is required' : 'must be an integer') }).int({ message: 'must be an integer' });
const labelName = z
  .string({ error: 'must be a string (a label name)' })
  .max(INFERENCE_LIMITS.maxLabelChars, { message: `must be a label name; no label is longer than ${INFERENCE_LIMITS.maxLabelChars} characters` });

export const ZModelSetting = strictObject(
  {
    model_id: modelId,
    max_predictions: z.number({ error: 'must be an integer ≥ 1' }).int({ message: 'must be an integer ≥ 1' }).min(1, { message: 'must be an integer ≥ 1' }).optional(),
    label_filter: z
      .array(labelName, { error: 'must be an array of label names' })
      .max(INFERENCE_LIMITS.maxLabelFilter, { message: `must hold at most ${INFERENCE_LIMITS.maxLabelFilter} labels (a model has at most ${INFERENCE_LIMITS.maxLabelFilter})` })
      .optional(),
  },
  { error: 'must be an object like {"model_id": 42}' },
);

export const ZInferenceRequest = strictObject(
  {
    texts: z
      .array(ZText, { error: (i) => (i.input === undefined ? 'is required' : 'must be an array of strings') })
      .min(1, { message: `must hold 1 to ${INFERENCE_LIMITS.maxTexts} texts` })
      .max(INFERENCE_LIMITS.maxTexts, { message: `must hold 1 to ${INFERENCE_LIMITS.maxTexts} texts; send more texts in further requests` }),
    model_settings: z
      .array(ZModelSetting, { error: (i) => (i.input === undefined ? 'is required' : 'must be an array of objects') })
      .min(1, { message: 'must name at least one model' })
      .max(INFERENCE_LIMITS.maxModelSettings, { message: `must name at most ${INFERENCE_LIMITS.maxModelSettings} models; split the request` }),
  },
  { error: 'the request body must be a JSON object with "texts" and "model_settings"' },
).superRefine((body, ctx) => {
  const seen = new Map<number, number>();
  body.model_settings.forEach((s, i) => {
    const first = seen.get(s.model_id);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['model_settings', i, 'model_id'],
        message: `model ${s.model_id} is already named at model_settings[${first}]; each model_id may appear at most once`,
      });
    } else seen.set(s.model_id, i);
  });
});

export type TInferenceRequest = z.infer<typeof ZInferenceRequest>;
export type TModelSetting = z.infer<typeof ZModelSetting>;

export const ZPrediction = z.object({ label: z.string(), score: z.number().min(0).max(1) });

export const ZInferenceResponse = z.object({
  results: z.array(
    z.object({
      model_id: z.number().int(),
      model_name: z.string(),
      predictions: z.array(z.array(ZPrediction)),
    }),
  ),
  request_id: z.string().optional(),
  processing_time_ms: z.number().optional(),
});

export type TInferenceResponse = z.infer<typeof ZInferenceResponse>;

export const ZModelId = z.coerce.number({ error: 'must be an integer model id' }).int({ message: 'must be an integer model id' }).positive({ message: 'must be a positive integer model id' });
