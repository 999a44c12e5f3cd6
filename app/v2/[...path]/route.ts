// Any other /v2 path: a JSON 404 in the API's error format instead of an HTML page
import { notFound, errorResponse, newRequestId } from '@/lib/errors';

export const dynamic = 'force-dynamic';

function handle(request: Request): Response {
  const path = new URL(request.url).pathname;
  return errorResponse(notFound(`No API endpoint ${request.method} ${path}. See /api-docs for the endpoints.`), newRequestId());
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
