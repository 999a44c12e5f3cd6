// POST /v2/transcripts/{id}/corrections – correct a stored prediction: the dashboard shows the right label, the model learns it next training
import { env } from '@/lib/env';
import { fromZodError } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { readJsonBody } from '@/lib/http/read-json-body';
import { parsePathId, zPathId, ZApiCorrection } from '@/lib/schemas/studio-api';
import { correctPrediction } from '@/lib/server/corrections/correct-prediction';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = apiHandler<{ id: string }>({ permission: 'label', audit: 'prediction.correct' }, async (request, { db, requestId }, params) => {
  const transcriptId = parsePathId(zPathId('transcript'), params.id, 'id');
  const parsed = ZApiCorrection.safeParse(await readJsonBody(request, env.MAX_BODY_BYTES));
  if (!parsed.success) throw fromZodError(parsed.error);
  const { model_id, label } = parsed.data;
  const c = await correctPrediction(db, { transcriptId, modelId: model_id, label });
  return Response.json(
    { id: c.id, transcript_id: transcriptId, model_id, label: c.label, previous_label: c.previousLabel, created_at: c.createdAt.toISOString(), request_id: requestId },
    { status: 201 },
  );
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
