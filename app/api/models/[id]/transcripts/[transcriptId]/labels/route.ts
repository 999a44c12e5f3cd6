// POST /api/models/{id}/transcripts/{transcriptId}/labels – label a stored transcript from the queue: it becomes an example
import { ZLabelTranscript } from '@/lib/schemas/studio';
import { labelTranscript } from '@/lib/server/labeling/label-transcript';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { jsonBody, pathId } from '../../../../_lib/params';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = internalHandler<{ id: string; transcriptId: string }>({ permission: 'label', audit: 'example.label' }, async (request, { db }, params) => {
  const modelId = pathId(params.id, 'id');
  const transcriptId = pathId(params.transcriptId, 'transcriptId');
  const { labels } = await jsonBody(request, ZLabelTranscript);
  return Response.json(await labelTranscript(db, { modelId, transcriptId, labels }));
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
