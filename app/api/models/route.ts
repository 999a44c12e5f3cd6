// POST /api/models – the studio's "New model" form
import { ZCreateModel } from '@/lib/schemas/studio';
import { createModel } from '@/lib/server/models/create-model';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { jsonBody } from './_lib/params';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = internalHandler({ permission: 'models', audit: 'model.create' }, async (request, { db }) => {
  const input = await jsonBody(request, ZCreateModel);
  // The parent model and parent labels are checked by the core, for both faces and the CLI.
  const model = await createModel(db, input);
  return Response.json(model, { status: 201, headers: { Location: `/models/${model.id}` } });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
