// GET /v2/openapi.json – the OpenAPI document of the public API (no key needed)
import { otherMethods } from '@/lib/http/api-handler';
import { openApiDocument } from '@/lib/openapi/openapi-document';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  return Response.json(openApiDocument(new URL(request.url).origin));
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
