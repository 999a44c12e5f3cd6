// POST /api/models – the studio's "New model" form
import { ZCreateModel } from '@/lib/schemas/studio';
import { badRequest, notFound } from '@/lib/errors';
import { createModel } from '@/lib/server/models/create-model';
import { internalHandler } from '@/lib/http/api-handler';
import { jsonBody } from './_lib/params';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = internalHandler({ permission: 'models', audit: 'model.create' }, async (request, { db }) => {
  const input = await jsonBody(request, ZCreateModel);
  if (input.parentModelId != null) {
    const parent = await db.model.findUnique({ where: { id: input.parentModelId }, select: { labels: { select: { name: true } } } });
    if (!parent) throw notFound(`Parent model ${input.parentModelId} does not exist.`, [{ path: 'parentModelId', message: 'unknown model' }]);
    const names = new Set(parent.labels.map((l) => l.name));
    const bad = input.labels.flatMap((l, i) => (l.parentLabel && !names.has(l.parentLabel) ? [{ path: `labels[${i}].parentLabel`, message: `"${l.parentLabel}" is not a label of the parent model` }] : []));
    if (bad.length) throw badRequest(`Invalid request body: ${bad[0]!.path}: ${bad[0]!.message}`, bad);
  } else if (input.labels.some((l) => l.parentLabel)) {
    throw badRequest('A parent label needs a parent model.', [{ path: 'parentModelId', message: 'choose the parent model' }]);
  }
  const model = await createModel(db, input);
  return Response.json(model, { status: 201, headers: { Location: `/models/${model.id}` } });
});
