import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { toWellFormed } from '@/lib/text/well-formed';

/** One item of an error's `details`: the field it concerns and what was wrong. */
export interface ErrorDetail {
  path: string;
  message: string;
}

export type ErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'unsupported_media_type'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'model_not_ready'
  | 'payload_too_large'
  | 'insufficient_storage'
  | 'rate_limited'
  | 'service_busy'
  | 'internal_error';

/** An error a client can act on; route handlers turn it into the spec's JSON error. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) => new ApiError(400, 'invalid_request', message, details);
export const unauthorized = (message: string) =>
  new ApiError(401, 'unauthorized', message, [], { 'WWW-Authenticate': 'Bearer realm="callsight"' });
export const forbidden = (message: string, details: ErrorDetail[] = []) => new ApiError(403, 'forbidden', message, details);
export const notFound = (message: string, details: ErrorDetail[] = []) => new ApiError(404, 'not_found', message, details);

/** How many `details` an error lists; the rest are counted in `details_total`. */
export const MAX_ERROR_DETAILS = 20;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const MAX_KEY_CHARS = 60;

/**
 * `model_settings[1].label_filter[0]`: the path notation the spec uses. A key
 * that is not a plain name is quoted (`metadata["plan tier"]`), a long one cut
 * short, and a lone surrogate in it shown as U+FFFD, so a path is always short,
 * readable and valid text. An empty path is the whole `root`.
 */
export function formatPath(path: readonly PropertyKey[], root = '(body)'): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const key = String(part);
      if (IDENTIFIER.test(key) && key.length <= MAX_KEY_CHARS) out += out ? `.${key}` : key;
      else out += `[${JSON.stringify(toWellFormed(key.length > MAX_KEY_CHARS ? `${key.slice(0, MAX_KEY_CHARS)}…` : key))}]`;
    }
  }
  return out || root;
}


/** The part of a request zod parsed, as named in messages, and its root in paths. */
const ROOTS: Record<string, string> = { 'request body': '(body)', 'query parameters': '(query)' };

type Issue = z.core.$ZodIssue;

/**
 * A union's failure, said precisely: when the input had the type of exactly
 * one option (an object where a label is a name or an object), that option's
 * problems, at their own paths; else the union's own message, or which types
 * are allowed.
 */
function unionDetails(issue: Extract<Issue, { code: 'invalid_union' }>, root: string): ErrorDetail[] {
  const matching = issue.errors.filter((errs) => !errs.some((e) => e.code === 'invalid_type' && e.path.length === 0));
  if (matching.length === 1 && matching[0]!.length) {
    return matching[0]!.flatMap((e) => issueDetails({ ...e, path: [...issue.path, ...e.path] } as Issue, root));
  }
  let message = issue.message;
  if (message === 'Invalid input') {
    const expected = [...new Set(issue.errors.flatMap((errs) => errs.flatMap((e) => (e.code === 'invalid_type' && e.path.length === 0 ? [e.expected] : []))))];
    if (expected.length) message = `must be ${expected.length > 1 ? `${expected.slice(0, -1).join(', ')} or ${expected.at(-1)}` : expected[0]}`;
  }
  return [{ path: formatPath(issue.path, root), message }];
}

function issueDetails(issue: Issue, root: string): ErrorDetail[] {
  if (issue.code === 'invalid_union') return unionDetails(issue, root);
  return [{ path: formatPath(issue.path, root), message: issue.message }];
}

export function fromZodError(error: z.ZodError, what = 'request body'): ApiError {
  const root = ROOTS[what] ?? '(body)';
  const details = error.issues.flatMap((i) => issueDetails(i, root));
  const first = details[0];
  const summary =
    details.length === 1 && first
      ? `Invalid ${what}: ${first.path}: ${first.message}`
      : details.length > MAX_ERROR_DETAILS
        ? `Invalid ${what}: ${details.length.toLocaleString('en')} problems; the first ${MAX_ERROR_DETAILS} are in details`
        : `Invalid ${what}: ${details.length} problems, see details`;
  return badRequest(summary, details);
}

export function newRequestId(): string {
  return `req_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

/**
 * Maps any thrown value to the spec's error JSON. Known errors keep their
 * status; anything else is logged with the request id and answered as a 500
 * without internals.
 */
export function errorResponse(error: unknown, requestId: string): Response {
  let apiError: ApiError;
  if (error instanceof ApiError) apiError = error;
  else if (error instanceof z.ZodError) apiError = fromZodError(error);
  else {
    console.error(`[${requestId}] unhandled error`, error);
    apiError = new ApiError(500, 'internal_error', `Something went wrong on our side. Quote request id ${requestId} when you report it.`);
  }
  const { details } = apiError;
  const listed = details.slice(0, MAX_ERROR_DETAILS).map((d) => ({ path: cut(d.path, 300), message: cut(d.message, 1000) }));
  return Response.json(
    {
      error: { code: apiError.code, message: cut(apiError.message, 2000), details: listed, ...(details.length > listed.length ? { details_total: details.length } : {}) },
      request_id: requestId,
    },
    { status: apiError.status, headers: { 'X-Request-Id': requestId, ...apiError.headers } },
  );
}

/** Keeps an error small whatever the input was: a message quoting a huge value is cut, and says so. */
const cut = (s: string, max: number) => toWellFormed(s.length > max ? `${s.slice(0, max - 1)}…` : s);
