// POST /v2/models/{id}/versions – queue the training of a new version (a worker trains it); GET – the model's versions, newest first
import { env } from '@/lib/env';
import { fromZodError } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { readJsonBody } from '@/lib/http/read-json-body';
import { ZTrainInput } from '@/lib/schemas/studio';
import { modelNotFound, parsePathId, toApiVersion, versionUrl, ZModelPathId } from '@/lib/schemas/studio-api';
import { getModelStudio, getModelVersion } from '@/lib/server/models/get-model-studio';
import { queueTraining } from '@/lib/server/training/queue-training';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = apiHandler<{ id: string }>({ permission: 'models', audit: 'model.train' }, async (request, { db, requestId }, params) => {
  const id = parsePathId(ZModelPathId, params.id, 'id');
  // The options are optional, and so is the body that carries them.
  const parsed = ZTrainInput.safeParse((await readJsonBody(request, env.MAX_BODY_BYTES, { optional: true })) ?? {});
  if (!parsed.success) throw fromZodError(parsed.error);
  const queued = await queueTraining(db, id, parsed.data);
  const version = await getModelVersion(db, id, queued.id);
  if (!version) throw new Error(`version ${queued.id} vanished after it was queued`);
  return Response.json(
    { ...toApiVersion(id, version), already_queued: queued.alreadyQueued, request_id: requestId },
    { status: 202, headers: { Location: versionUrl(id, queued.id) } },
  );
});

export const GET = apiHandler<{ id: string }>({ permission: ['read', 'models'] }, async (_request, { db, requestId }, params) => {
  const id = parsePathId(ZModelPathId, params.id, 'id');
  const model = await getModelStudio(db, id);
  if (!model) throw modelNotFound(id);
  return Response.json({ model_id: id, active_version_id: model.activeVersionId, versions: model.versions.map((v) => toApiVersion(id, v)), request_id: requestId });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
