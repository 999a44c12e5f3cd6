import { z } from 'zod';
import { strictObject } from './strict-object';

/** Which column holds what. Columns not named here are kept as the transcript's metadata. */
export const ZColumnMapping = z.object({
  text: z.string().min(1, 'choose the column that holds the transcript text'),
  externalId: z.string().min(1).nullish(),
  occurredAt: z.string().min(1).nullish(),
  channel: z.string().min(1).nullish(),
  agent: z.string().min(1).nullish(),
  queue: z.string().min(1).nullish(),
  customerId: z.string().min(1).nullish(),
});
export type TColumnMapping = z.infer<typeof ZColumnMapping>;

export const MAPPING_FIELDS = ['text', 'externalId', 'occurredAt', 'channel', 'agent', 'queue', 'customerId'] as const;
export type TMappingField = (typeof MAPPING_FIELDS)[number];

/** A parsed, validated row waiting in a chunk. */
export const ZStagedRow = z.object({
  line: z.number().int(),
  text: z.string(),
  externalId: z.string().nullable(),
  occurredAt: z.string(),
  channel: z.string().nullable(),
  agent: z.string().nullable(),
  queue: z.string().nullable(),
  customerId: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
});
export type TStagedRow = z.infer<typeof ZStagedRow>;

export const JOB_STATUSES = ['draft', 'queued', 'running', 'done', 'failed'] as const;
export type TJobStatus = (typeof JOB_STATUSES)[number];

/** Starting a drafted upload from the dashboard. */
export const ZStartIngestJob = z.object({
  mapping: ZColumnMapping,
  modelIds: z.array(z.number().int().positive()).max(50).optional(),
});

const modelList = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'a comma-separated list of model ids, like 42,87,201')
  .transform((s) => s.split(',').map(Number));

/** Query parameters of `POST /v2/ingest-jobs` with a file body (snake_case like the rest of the API). */
export const ZIngestFileQuery = z.object({
  file_name: z.string().min(1).max(255).optional(),
  format: z.enum(['csv', 'jsonl', 'json', 'text']).optional(),
  models: modelList.optional(),
  text_column: z.string().min(1).optional(),
  id_column: z.string().min(1).optional(),
  timestamp_column: z.string().min(1).optional(),
  channel_column: z.string().min(1).optional(),
  agent_column: z.string().min(1).optional(),
  queue_column: z.string().min(1).optional(),
  customer_column: z.string().min(1).optional(),
});

const optionalText = z.string().max(500).nullish();

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** A metadata value is kept as text: a string, number, boolean or null, not a nested object or array. */
const ZMetadataValue = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: (i) => `must be a string, number, boolean or null, not ${typeOf(i.input)}; flatten nested values into keys of their own`,
});

/** `POST /v2/ingest-jobs` with a JSON body. */
export const ZIngestJsonBody = strictObject({
  transcripts: z
    .array(
      strictObject({
        text: z.string().min(1, 'text is empty'),
        external_id: optionalText,
        occurred_at: z.string().max(64).nullish(),
        channel: optionalText,
        agent: optionalText,
        queue: optionalText,
        customer_id: optionalText,
        metadata: z.record(z.string(), ZMetadataValue).optional(),
      }),
    )
    .min(1, 'send at least one transcript')
    .max(10_000, 'send at most 10,000 transcripts per request; upload a file for more'),
  model_ids: z.array(z.number().int().positive().max(2_147_483_647, 'must be a model id')).max(50).optional(),
});
export type TIngestJsonBody = z.infer<typeof ZIngestJsonBody>;

export const ZIngestJob = z.object({
  id: z.string(),
  status: z.enum(JOB_STATUSES),
  source: z.string(),
  file: z.object({ name: z.string(), size: z.number(), sha256: z.string(), format: z.string() }),
  model_ids: z.array(z.number()),
  mapping: z.record(z.string(), z.string().nullable()),
  counts: z.object({ parsed: z.number(), inserted: z.number(), duplicates: z.number(), rejected: z.number(), stored: z.number() }),
  progress: z.object({
    parse_done: z.boolean(),
    bytes_parsed: z.number(),
    chunks_total: z.number(),
    chunks_done: z.number(),
    /** 0…1 */
    fraction: z.number(),
    rows_per_second: z.number().nullable(),
    seconds_left: z.number().nullable(),
  }),
  error: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});
export type TIngestJob = z.infer<typeof ZIngestJob>;

export const ZIngestRejection = z.object({ line: z.number(), reason: z.string(), excerpt: z.string() });

export const ZIngestRejectionList = z.object({
  job_id: z.string(),
  rejections: z.array(ZIngestRejection),
  next_after_line: z.number().nullable(),
});

export const ZRejectionQuery = z.object({
  after_line: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  format: z.enum(['json', 'csv']).default('json'),
});
