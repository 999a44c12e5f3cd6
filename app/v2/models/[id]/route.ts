// GET /v2/models/{id} – one model with its labels and active version; PATCH – change its name, question, threshold or labels
import { env } from '@/lib/env';
import { fromZodError } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { readJsonBody } from '@/lib/http/read-json-body';
import { modelNotFound, parsePathId, toUpdateModelInput, ZApiUpdateModel, ZModelPathId } from '@/lib/schemas/studio-api';
import { findModels, toApiModel } from '@/lib/server/models/list-models';
import { SNAKE_CASE_FIELDS } from '@/lib/server/models/create-model';
import { updateModel } from '@/lib/server/models/update-model';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler<{ id: string }>({ permission: ['read', 'inference', 'models'] }, async (_request, { db, requestId }, params) => {
  const id = parsePathId(ZModelPathId, params.id, 'id');
  const [model] = await findModels(db, { ids: [id] });
  if (!model) throw modelNotFound(id);
  return Response.json({ ...toApiModel(model), request_id: requestId });
});

export const PATCH = apiHandler<{ id: string }>({ permission: 'models', audit: 'model.update' }, async (request, { db, requestId }, params) => {
  const id = parsePathId(ZModelPathId, params.id, 'id');
  const parsed = ZApiUpdateModel.safeParse(await readJsonBody(request, env.MAX_BODY_BYTES));
  if (!parsed.success) throw fromZodError(parsed.error);
  await updateModel(db, id, toUpdateModelInput(parsed.data), { fields: SNAKE_CASE_FIELDS });
  const [model] = await findModels(db, { ids: [id] });
  if (!model) throw modelNotFound(id);
  return Response.json({ ...toApiModel(model), request_id: requestId });
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods('GET', 'PATCH');
