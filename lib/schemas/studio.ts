import { z } from 'zod';
import { hasNul, NUL_REASON } from './stored-text';
import { strictObject } from './strict-object';

/** A name or description Callsight stores. */
const storedText = () => z.string().trim().refine((s) => !hasNul(s), `the text ${NUL_REASON}`);

const labelName = storedText().min(1, 'a label needs a name').max(100, 'a label name is at most 100 characters');

export const ZLabelInput = z.object({
  name: labelName,
  description: storedText().max(500, 'a description is at most 500 characters').default(''),
  /** the parent model's label this one belongs under (root cause under issue type) */
  parentLabel: storedText().min(1).max(100).nullish(),
});

export const ZCreateModel = z
  .object({
    name: storedText().min(1, 'give the model a name').max(100),
    question: storedText().max(300).default(''),
    multiLabel: z.boolean().default(false),
    parentModelId: z.number().int().positive().max(2_147_483_647, 'must be a model id').nullish(),
    labels: z.array(ZLabelInput).min(2, 'a model needs at least two labels').max(500, 'at most 500 labels'),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.labels.forEach((l, i) => {
      if (seen.has(l.name)) ctx.addIssue({ code: 'custom', path: ['labels', i, 'name'], message: `"${l.name}" appears twice; label names are unique within a model` });
      seen.add(l.name);
    });
  });
export type TCreateModel = z.infer<typeof ZCreateModel>;

export const ZUpdateModel = z.object({
  name: storedText().min(1).max(100).optional(),
  question: storedText().max(300).optional(),
  /** below this score a prediction counts as Uncertain on the dashboard */
  /** below it a prediction counts as Uncertain; null: follow the active version's evaluation again */
  threshold: z.number().min(0, 'threshold is between 0 and 1').max(1, 'threshold is between 0 and 1').nullable().optional(),
  /** new labels to add (existing names are updated: description, parent label; an omitted description is kept) */
  labels: z.array(ZLabelInput.extend({ description: storedText().max(500, 'a description is at most 500 characters').optional() })).max(500).optional(),
});
export type TUpdateModel = z.infer<typeof ZUpdateModel>;

/** A label named in a request: what a label's name can be, so a longer one is refused before it is looked up. */
const labelRef = z
  .string()
  .min(1, 'a label name is not empty')
  .max(100, 'a label name is at most 100 characters')
  .refine((s) => !hasNul(s), `the label ${NUL_REASON}`);

/** `POST /v2/models/{id}/examples` with a JSON body. */
export const ZExamplesInput = strictObject({
  examples: z
    .array(
      strictObject({
        text: z.string().min(1, 'the text is empty'),
        labels: z.array(labelRef).min(1, 'give at least one label').max(50),
      }),
    )
    .min(1, 'no examples')
    .max(50_000, 'at most 50,000 examples per call'),
});

export const ZTrainInput = strictObject({
  seed: z.number().int().min(0).max(2 ** 31).optional(),
  epochs: z.number().int().min(1).max(50).optional(),
});

export const ZLabelTranscript = z.object({
  labels: z.array(labelRef).min(1, 'choose a label').max(50),
});

export const ZCorrection = z.object({
  modelId: z.number().int().positive().max(2_147_483_647, 'must be a model id'),
  label: z
    .string()
    .min(1, 'choose the right label')
    .max(200)
    .refine((s) => !hasNul(s), `the label ${NUL_REASON}`),
});

export const ZQueueParams = z.object({
  strategy: z.enum(['margin', 'entropy']).default('margin'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
