import { z } from 'zod';
import { PII_TYPES } from '@/lib/redact/types';
import { INFERENCE_LIMITS } from './inference';
import { strictObject } from './strict-object';

/**
 * POST /v2/redact: 1–8 texts of at most the inference API's length, as
 * inference takes them, so a text that can be classified can be redacted
 * first. An empty text is allowed (it comes back empty): a pipeline redacting
 * every field of a record should not fail on the one that is blank.
 */
export const REDACT_LIMITS = { maxTexts: INFERENCE_LIMITS.maxTexts, maxTextChars: INFERENCE_LIMITS.maxTextChars } as const;

const ZText = z
  .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') })
  .max(REDACT_LIMITS.maxTextChars, { message: `must be at most ${REDACT_LIMITS.maxTextChars.toLocaleString('en')} characters` });

export const ZPiiType = z.enum(PII_TYPES, { message: `must be one of ${PII_TYPES.join(', ')}` });

export const ZRedactRequest = strictObject(
  {
    texts: z
      .array(ZText, { error: (i) => (i.input === undefined ? 'is required' : 'must be an array of strings') })
      .min(1, { message: `must hold 1 to ${REDACT_LIMITS.maxTexts} texts` })
      .max(REDACT_LIMITS.maxTexts, { message: `must hold 1 to ${REDACT_LIMITS.maxTexts} texts; send more texts in further requests` }),
    types: z
      .array(ZPiiType, { error: `must be an array of PII types (${PII_TYPES.join(', ')})` })
      .min(1, { message: `must name at least one type; leave it out for all of them (${PII_TYPES.join(', ')})` })
      .max(PII_TYPES.length * 2, { message: `must name each type at most once (${PII_TYPES.join(', ')})` })
      .optional(),
  },
  { error: 'the request body must be a JSON object with "texts"' },
);

export type TRedactRequest = z.infer<typeof ZRedactRequest>;

export const ZRedactEntity = z.object({
  type: ZPiiType,
  /** UTF-16 code units into the original text, end exclusive */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});

export const ZRedactResponse = z.object({
  results: z.array(z.object({ text: z.string(), entities: z.array(ZRedactEntity) })),
  request_id: z.string().optional(),
  processing_time_ms: z.number().optional(),
});

export type TRedactResponse = z.infer<typeof ZRedactResponse>;
