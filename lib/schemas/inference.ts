import { z } from 'zod';

/** Limits of POST /v2/models/inference, fixed by the public contract. */
export const INFERENCE_LIMITS = { maxTexts: 8, maxTextChars: 10_000 } as const;

const ZText = z
  .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') })
  .refine((t) => t.trim().length > 0, { message: 'must not be empty or only whitespace' })
  .refine((t) => t.length <= INFERENCE_LIMITS.maxTextChars, {
    message: `must be at most ${INFERENCE_LIMITS.maxTextChars.toLocaleString('en')} characters`,
  });

export const ZModelSetting = z.object({
  model_id: z.number({ error: (i) => (i.input === undefined ? 'is required' : 'must be an integer') }).int({ message: 'must be an integer' }),
  max_predictions: z
    .number({ error: 'must be an integer ≥ 1' })
    .int({ message: 'must be an integer ≥ 1' })
    .min(1, { message: 'must be an integer ≥ 1' })
    .optional(),
  label_filter: z.array(z.string({ error: 'must be a string (a label name)' }), { error: 'must be an array of label names' }).optional(),
});

export const ZInferenceRequest = z
  .object({
    texts: z
      .array(ZText, { error: (i) => (i.input === undefined ? 'is required' : 'must be an array of strings') })
      .min(1, { message: `must hold 1 to ${INFERENCE_LIMITS.maxTexts} texts` })
      .max(INFERENCE_LIMITS.maxTexts, { message: `must hold 1 to ${INFERENCE_LIMITS.maxTexts} texts; send more texts in further requests` }),
    model_settings: z
      .array(ZModelSetting, { error: (i) => (i.input === undefined ? 'is required' : 'must be an array of objects') })
      .min(1, { message: 'must name at least one model' }),
  }, { error: 'the request body must be a JSON object with "texts" and "model_settings"' })
  .superRefine((body, ctx) => {
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
