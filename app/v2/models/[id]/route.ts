// GET /v2/models/{id} – one model with its labels and active version
import { fromZodError, notFound } from '@/lib/errors';
import { apiHandler } from '@/lib/http/api-handler';
import { ZModelId } from '@/lib/schemas/inference';
import { findModels, toApiModel } from '@/lib/server/models/list-models';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler<{ id: string }>(async (_request, { db, requestId }, params) => {
  const id = ZModelId.safeParse(params.id);
  if (!id.success) throw fromZodError(id.error, 'model id in the path');
  const [model] = await findModels(db, { ids: [id.data] });
  if (!model) throw notFound(`No model with id ${id.data}. GET /v2/models lists the models you can use.`, [{ path: 'id', message: `no model with id ${id.data}` }]);
  return Response.json({ ...toApiModel(model), request_id: requestId });
});
