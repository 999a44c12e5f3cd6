import { randomUUID } from 'node:crypto';
import { z } from 'zod';

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
  | 'model_not_ready'
  | 'payload_too_large'
  | 'rate_limited'
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

/** `model_settings[1].label_filter[0]`: the path notation the spec uses. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(body)';
}

export function fromZodError(error: z.ZodError, what = 'request body'): ApiError {
  const details = error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const first = details[0];
  const summary =
    details.length === 1 && first ? `Invalid ${what}: ${first.path}: ${first.message}` : `Invalid ${what}: ${details.length} problems, see details`;
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
  return Response.json(
    { error: { code: apiError.code, message: apiError.message, details: apiError.details }, request_id: requestId },
    { status: apiError.status, headers: { 'X-Request-Id': requestId, ...apiError.headers } },
  );
}
