// POST /v2/models/inference – run several models over the same texts
import { env } from '@/lib/env';
import { fromZodError } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { readJsonBody } from '@/lib/http/read-json-body';
import { ZInferenceRequest } from '@/lib/schemas/inference';
import { runInference } from '@/lib/server/inference/run-inference';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = apiHandler({ permission: 'inference' }, async (request, { db, requestId, startedAt }) => {
  const raw = await readJsonBody(request, env.MAX_BODY_BYTES);
  const parsed = ZInferenceRequest.safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error);
  const result = await runInference(db, parsed.data);
  return Response.json({ ...result, request_id: requestId, processing_time_ms: Math.round((performance.now() - startedAt) * 100) / 100 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
