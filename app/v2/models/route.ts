// GET /v2/models – the models this key can use, with their labels; POST – create a model with its labels
import { env } from '@/lib/env';
import { fromZodError } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { readJsonBody } from '@/lib/http/read-json-body';
import { toCreateModelInput, ZApiCreateModel } from '@/lib/schemas/studio-api';
import { createModel, SNAKE_CASE_FIELDS } from '@/lib/server/models/create-model';
import { findModels, toApiModel } from '@/lib/server/models/list-models';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler({ permission: ['read', 'inference', 'models'] }, async (_request, { db, requestId }) => {
  const models = await findModels(db);
  return Response.json({ models: models.map(toApiModel), request_id: requestId });
});

export const POST = apiHandler({ permission: 'models', audit: 'model.create' }, async (request, { db, requestId }) => {
  const parsed = ZApiCreateModel.safeParse(await readJsonBody(request, env.MAX_BODY_BYTES));
  if (!parsed.success) throw fromZodError(parsed.error);
  const { id } = await createModel(db, toCreateModelInput(parsed.data), { fields: SNAKE_CASE_FIELDS });
  const [model] = await findModels(db, { ids: [id] });
  if (!model) throw new Error(`model ${id} vanished after it was created`);
  return Response.json({ ...toApiModel(model), request_id: requestId }, { status: 201, headers: { Location: `/v2/models/${id}` } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
