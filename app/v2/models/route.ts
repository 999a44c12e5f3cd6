// GET /v2/models – the models this key can use, with their labels
import { apiHandler } from '@/lib/http/api-handler';
import { findModels, toApiModel } from '@/lib/server/models/list-models';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler(async (_request, { db, requestId }) => {
  const models = await findModels(db);
  return Response.json({ models: models.map(toApiModel), request_id: requestId });
});
