import { z } from 'zod';

/**
 * Limits and tuning of the ingest pipeline, read from the environment once.
 * A bad value fails at start-up with the variable's name.
 */
const ZIngestEnv = z.object({
  /** largest file an upload or import accepts, in bytes (default 1 GiB) */
  INGEST_MAX_FILE_BYTES: z.coerce.number().int().min(1024).max(2_000_000_000).default(1024 ** 3),
  /** a whole-JSON file (array) is read at once, so it has its own, smaller cap; use JSONL beyond it */
  INGEST_MAX_JSON_BYTES: z.coerce.number().int().min(1024).default(64 * 1024 ** 2),
  /** longest transcript stored, in characters; longer rows are rejected with this limit in the reason */
  INGEST_MAX_TEXT_CHARS: z.coerce.number().int().min(100).default(200_000),
  /** rows per chunk: the unit a worker claims, classifies and stores in one transaction */
  INGEST_CHUNK_ROWS: z.coerce.number().int().min(1).max(20_000).default(1000),
  /** how long a worker's claim on a chunk or a parse lasts before another worker may take it over */
  INGEST_LEASE_SECONDS: z.coerce.number().min(1).default(60),
  /** how often an idle worker looks for work */
  INGEST_POLL_MS: z.coerce.number().int().min(10).default(500),
  /** where uploaded files are kept */
  INGEST_UPLOAD_DIR: z.string().default('data/uploads'),
  /**
   * longest row the parsers hold, in characters: a CSV record, a JSON Lines
   * line, a JSON array item, a line of plain text. Longer ones are rejected
   * with their line and never held whole, so one row cannot exhaust memory.
   */
  INGEST_MAX_ROW_CHARS: z.coerce.number().int().min(1000).max(100_000_000).default(1_000_000),
  /** a draft upload (previewed, never started) is removed after this many hours */
  INGEST_DRAFT_TTL_HOURS: z.coerce.number().positive().default(24),
  /** uploads waiting in INGEST_UPLOAD_DIR may take this many bytes together; past it, new uploads are refused with 507 */
  INGEST_UPLOADS_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 ** 3),
}).refine((c) => c.INGEST_MAX_ROW_CHARS >= c.INGEST_MAX_TEXT_CHARS, {
  path: ['INGEST_MAX_ROW_CHARS'],
  message: 'must be at least INGEST_MAX_TEXT_CHARS: a row holds its text',
});

export type TIngestConfig = z.infer<typeof ZIngestEnv>;

export function readIngestConfig(source: Record<string, string | undefined> = process.env): TIngestConfig {
  const parsed = ZIngestEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const ingestConfig: TIngestConfig = readIngestConfig();
