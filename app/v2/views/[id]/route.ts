// GET /v2/views/{id} – one saved view; PATCH – rename it, change its query or make it your default; DELETE – remove it (owner or admin)
import { env } from '@/lib/env';
import { fromZodError, notFound } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { readJsonBody } from '@/lib/http/read-json-body';
import { parsePathId } from '@/lib/schemas/studio-api';
import { ZUpdateView, ZViewId } from '@/lib/schemas/saved-views';
import { deleteView, getView, updateView } from '@/lib/server/views/views';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler<{ id: string }>({ permission: 'read' }, async (_request, { db, principal, requestId }, params) => {
  const id = parsePathId(ZViewId, params.id, 'id');
  const view = await getView(db, id, principal);
  if (!view) throw notFound(`No saved view ${id}.`);
  return Response.json({ ...view, request_id: requestId });
});

export const PATCH = apiHandler<{ id: string }>({ permission: 'read', audit: 'view.update' }, async (request, { db, principal, requestId }, params) => {
  const id = parsePathId(ZViewId, params.id, 'id');
  const parsed = ZUpdateView.safeParse(await readJsonBody(request, env.MAX_BODY_BYTES));
  if (!parsed.success) throw fromZodError(parsed.error);
  return Response.json({ ...(await updateView(db, principal, id, parsed.data)), request_id: requestId });
});

export const DELETE = apiHandler<{ id: string }>({ permission: 'read', audit: 'view.delete' }, async (_request, { db, principal }, params) => {
  await deleteView(db, principal, parsePathId(ZViewId, params.id, 'id'));
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = otherMethods('GET', 'PATCH', 'DELETE');
