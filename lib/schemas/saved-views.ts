import { z } from 'zod';
import { hasNul, NUL_REASON } from './stored-text';
import { strictObject } from './strict-object';

/**
 * Saved views: a name for the current filters and chart choices, shared in
 * the workspace. `GET/POST /v2/views`, `PATCH/DELETE /v2/views/{id}`; a view's
 * own URL is `/views/{id}`, which opens `path?query`.
 */

export const VIEW_PATHS = ['/', '/transcripts'] as const;
export const MAX_VIEW_NAME = 80;
export const MAX_VIEW_QUERY = 4000;
export const MAX_VIEWS = 500;

export const ZViewId = z.string().regex(/^vw_[a-z0-9]{1,32}$/, 'must be a view id like vw_4f0c…');

// PostgreSQL's text cannot hold NUL (found by the fuzzer: a view named "\u0000" was a 500 there)
const ZName = z
  .string()
  .trim()
  .min(1, 'a view needs a name')
  .max(MAX_VIEW_NAME, `a view name is at most ${MAX_VIEW_NAME} characters`)
  .refine((s) => !hasNul(s), `the name ${NUL_REASON}`);
const ZQuery = z
  .string()
  .max(MAX_VIEW_QUERY, `query is at most ${MAX_VIEW_QUERY} characters`)
  .transform((s) => s.replace(/^\?/, ''));

export const ZCreateView = strictObject(
  {
    name: ZName,
    /** the page the view opens */
    path: z.enum(VIEW_PATHS, { message: `path is one of ${VIEW_PATHS.join(', ')}` }).default('/'),
    /** the filters and chart choices as a query string (`range=90d&label=42:Mobile&trend=201`) */
    query: ZQuery.default(''),
    /** open this view when its owner opens the overview without filters */
    is_default: z.boolean().default(false),
  },
  { error: 'the request body must be a JSON object with "name" and "query"' },
);
export type TCreateView = z.output<typeof ZCreateView>;

export const ZUpdateView = strictObject(
  { name: ZName.optional(), query: ZQuery.optional(), is_default: z.boolean().optional() },
  { error: 'the request body must be a JSON object with "name", "query" or "is_default"' },
);
export type TUpdateView = z.output<typeof ZUpdateView>;

export const ZApiView = z.object({
  id: z.string(),
  name: z.string(),
  path: z.enum(VIEW_PATHS),
  query: z.string(),
  /** where the view opens: path?query */
  href: z.string(),
  /** the view's own link */
  url: z.string(),
  /** the person who saved it (null when an API key did, or the person is gone) */
  owner: z.object({ id: z.string(), email: z.string(), name: z.string() }).nullable(),
  created_by: z.string(),
  /** the view opens when its owner opens the overview without filters */
  is_default: z.boolean(),
  /** the asking person saved it (they, or an admin, may rename or delete it) */
  mine: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TApiView = z.infer<typeof ZApiView>;

export const viewHref = (path: string, query: string) => (query ? `${path}?${query}` : path);
