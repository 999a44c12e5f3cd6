import 'server-only';
import { db, type Db } from '@/lib/db';
import { errorResponse, newRequestId } from '@/lib/errors';

/**
 * The dashboard's own routes (same origin, no API key: there is no login yet).
 * Errors take the same JSON shape as the public API.
 */
export function internalHandler<P>(handle: (request: Request, ctx: { db: Db }, params: P) => Promise<Response>) {
  return async (request: Request, route: { params: Promise<P> }): Promise<Response> => {
    const requestId = newRequestId();
    try {
      const response = await handle(request, { db }, await route.params);
      response.headers.set('X-Request-Id', requestId);
      return response;
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
}
