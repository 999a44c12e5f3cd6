// POST /api/models/{id}/versions – queue a new version for training by a worker
import { ZTrainInput } from '@/lib/schemas/studio';
import { queueTraining } from '@/lib/server/training/queue-training';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { jsonBody, pathId } from '../../_lib/params';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = internalHandler<{ id: string }>({ permission: 'models', audit: 'model.train' }, async (request, { db }, params) => {
  const id = pathId(params.id, 'id');
  const options = await jsonBody(request, ZTrainInput);
  const v = await queueTraining(db, id, options);
  return Response.json(v, { status: v.alreadyQueued ? 200 : 202 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
