// POST /v2/redact – replace personal data in texts with typed placeholders
import { env } from '@/lib/env';
import { fromZodError } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { readJsonBody } from '@/lib/http/read-json-body';
import { redact } from '@/lib/redact';
import { ZRedactRequest, type TRedactResponse } from '@/lib/schemas/redact';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = apiHandler({ permission: 'inference' }, async (request, { requestId, startedAt }) => {
  const raw = await readJsonBody(request, env.MAX_BODY_BYTES);
  const parsed = ZRedactRequest.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error);
  const { texts, types } = parsed.data;
  const results: TRedactResponse['results'] = texts.map((text) => redact(text, { types }));
  return Response.json({ results, request_id: requestId, processing_time_ms: Math.round((performance.now() - startedAt) * 100) / 100 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
