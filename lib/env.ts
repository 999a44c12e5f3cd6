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

  /** the address people use, e.g. https://callsight.example.com (sets the allowed host, https cookies and HSTS) */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** more host names (with :port where not 80/443) the server answers to, comma-separated; default: localhost names */
  ALLOWED_HOSTS: z.string().optional(),
  /** signs session cookies; every web server needs the same one (default: made once and kept in the database) */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** a session ends after this long without a request */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(60 * 24 * 30).default(12 * 60),
  /** and after this long whatever happens */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(7 * 24),
  /** failed password sign-ins in a row before the account is locked */
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** password sign-in attempts per minute from one address (on each web server) */
  SIGNIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  SIGNIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** single sign-on with OpenID Connect: all three, or none */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** e-mail domains whose people may sign in with SSO, comma-separated (empty: any the provider vouches for) */
  OIDC_ALLOWED_DOMAINS: z.string().default(''),
  OIDC_DEFAULT_ROLE: z.enum(['admin', 'analyst', 'labeler', 'viewer']).default('viewer'),
  /** the name on the SSO button */
  OIDC_NAME: z.string().min(1).max(60).default('single sign-on'),
}).superRefine((e, ctx) => {
  const oidc = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidc !== 0 && oidc !== 3) ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together (or none of them)' });
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
