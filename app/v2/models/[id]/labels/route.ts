// GET /v2/models/{id}/labels – the model's labels with their example counts, and which need more examples
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { modelNotFound, parsePathId, toApiLabelList, ZModelPathId } from '@/lib/schemas/studio-api';
import { getModelStudio } from '@/lib/server/models/get-model-studio';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler<{ id: string }>({ permission: ['read', 'inference', 'models'] }, async (_request, { db, requestId }, params) => {
  const id = parsePathId(ZModelPathId, params.id, 'id');
  const model = await getModelStudio(db, id);
  if (!model) throw modelNotFound(id);
  return Response.json(toApiLabelList(model, requestId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
