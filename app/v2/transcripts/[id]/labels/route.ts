// POST /v2/transcripts/{id}/labels – label a stored transcript for a model: it becomes one of the model's examples
import { env } from '@/lib/env';
import { fromZodError } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { readJsonBody } from '@/lib/http/read-json-body';
import { parsePathId, renameErrorPath, zPathId, ZApiLabelTranscript } from '@/lib/schemas/studio-api';
import { labelTranscript } from '@/lib/server/labeling/label-transcript';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = apiHandler<{ id: string }>({ permission: 'label', audit: 'example.label' }, async (request, { db, requestId }, params) => {
  const transcriptId = parsePathId(zPathId('transcript'), params.id, 'id');
  const parsed = ZApiLabelTranscript.safeParse(await readJsonBody(request, env.MAX_BODY_BYTES));
  if (!parsed.success) throw fromZodError(parsed.error);
  const { model_id, labels } = parsed.data;
  const r = await labelTranscript(db, { modelId: model_id, transcriptId, labels }).catch((e: unknown) => {
    // The core speaks of one example and a model in the path; this request sent labels and a model_id.
    throw renameErrorPath(renameErrorPath(e, 'examples[0]', 'labels'), 'id', 'model_id');
  });
  return Response.json({ transcript_id: transcriptId, model_id, labels, relabeled: r.updated > 0, request_id: requestId });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
