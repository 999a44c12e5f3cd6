import { z } from 'zod';

/**
 * The environment, parsed once at start-up. A bad value fails fast with a
 * message naming the variable, instead of surfacing later as a strange error.
 */
const ZEnv = z.object({
  DATABASE_URL: z
    .string()
    .default('file:./data/callsight.db')
    .refine((u) => u.startsWith('file:') || /^postgres(ql)?:\/\//.test(u), {
      message: 'must be file:PATH (SQLite) or postgresql://… (PostgreSQL)',
    }),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** requests per minute per API key on the public API */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** largest request body the public API reads, in bytes */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** where the analytics index keeps its snapshot of a PostgreSQL database (a SQLite one keeps it next to the file) */
  ANALYTICS_CACHE_DIR: z.string().min(1).default('./data/analytics-cache'),
  CALLSIGHT_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type TEnv = z.infer<typeof ZEnv>;

function parseEnv(): TEnv {
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const env: TEnv = parseEnv();

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
