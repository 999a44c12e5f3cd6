// GET /v2/views – the workspace's saved views; POST – save one
import { env } from '@/lib/env';
import { fromZodError } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { readJsonBody } from '@/lib/http/read-json-body';
import { ZCreateView } from '@/lib/schemas/saved-views';
import { createView, listViews } from '@/lib/server/views/views';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler({ permission: 'read' }, async (_request, { db, principal, requestId }) => Response.json({ views: await listViews(db, principal), request_id: requestId }));

export const POST = apiHandler({ permission: 'read', audit: 'view.create' }, async (request, { db, principal, requestId, actor }) => {
  const parsed = ZCreateView.safeParse(await readJsonBody(request, env.MAX_BODY_BYTES));
  if (!parsed.success) throw fromZodError(parsed.error);
  const view = await createView(db, principal, parsed.data, actor.actor);
  return Response.json({ ...view, request_id: requestId }, { status: 201, headers: { Location: `/v2/views/${view.id}` } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
