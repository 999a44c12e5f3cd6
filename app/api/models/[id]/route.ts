// GET /api/models/{id} – the studio's model page (polled while a version trains or a reclassification runs)
// PATCH /api/models/{id} – name, question, confidence threshold, labels
import { notFound } from '@/lib/errors';
import { ZUpdateModel } from '@/lib/schemas/studio';
import { getModelStudio } from '@/lib/server/models/get-model-studio';
import { updateModel } from '@/lib/server/models/update-model';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { jsonBody, pathId } from '../_lib/params';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = internalHandler<{ id: string }>({ permission: 'read' }, async (_request, { db }, params) => {
  const id = pathId(params.id, 'id');
  const studio = await getModelStudio(db, id);
  if (!studio) throw notFound(`Model ${id} does not exist.`);
  return Response.json(studio);
});

export const PATCH = internalHandler<{ id: string }>({ permission: 'models', audit: 'model.update' }, async (request, { db }, params) => {
  const id = pathId(params.id, 'id');
  await updateModel(db, id, await jsonBody(request, ZUpdateModel));
  return Response.json(await getModelStudio(db, id));
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods('GET', 'PATCH');
