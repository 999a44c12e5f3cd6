import 'server-only';
import { db, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { errorResponse, newRequestId } from '@/lib/errors';
import { authenticateRequest, type AuthenticatedKey } from '@/lib/server/keys/authenticate-request';
import { rateLimiterFor } from './rate-limit';

export interface ApiContext {
  db: Db;
  key: AuthenticatedKey;
  requestId: string;
  startedAt: number;
}

const limiter = rateLimiterFor(env.DATABASE_URL, db, env.RATE_LIMIT_PER_MINUTE);

/**
 * The public API's shared edge: a request id, Bearer authentication, the
 * per-key rate limit and one place where errors become the spec's JSON.
 */
export function apiHandler<P>(handle: (request: Request, ctx: ApiContext, params: P) => Promise<Response>) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    const requestId = newRequestId();
    const startedAt = performance.now();
    try {
      const key = await authenticateRequest(db, request);
      await limiter.take(`key:${key.id}`);
      const response = await handle(request, { db, key, requestId, startedAt }, await route.params);
      response.headers.set('X-Request-Id', requestId);
      return response;
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
