// POST /api/models/{id}/transcripts/{transcriptId}/correction – a person names the right label for a stored prediction
import { ZCorrection } from '@/lib/schemas/studio';
import { correctPrediction } from '@/lib/server/corrections/correct-prediction';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { jsonBody, pathId } from '../../../../_lib/params';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const ZBody = ZCorrection.pick({ label: true });

export const POST = internalHandler<{ id: string; transcriptId: string }>({ permission: 'label', audit: 'prediction.correct' }, async (request, { db }, params) => {
  const modelId = pathId(params.id, 'id');
  const transcriptId = pathId(params.transcriptId, 'transcriptId');
  const { label } = await jsonBody(request, ZBody);
  const c = await correctPrediction(db, { transcriptId, modelId, label });
  return Response.json({ label: c.label, previousLabel: c.previousLabel, createdAt: c.createdAt.toISOString() }, { status: 201 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
