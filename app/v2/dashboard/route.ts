// GET /v2/dashboard – the workspace's overview layout; PUT – replace it (admin)
import { env } from '@/lib/env';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { readJsonBody } from '@/lib/http/read-json-body';
import { getDashboardLayout, saveDashboardLayout, type StoredLayout } from '@/lib/server/dashboard/layout';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const answer = (s: StoredLayout, requestId: string) => ({ layout: s.layout, updated_at: s.updatedAt, updated_by: s.updatedBy, request_id: requestId });

export const GET = apiHandler({ permission: 'read' }, async (_request, { db, requestId }) => Response.json(answer(await getDashboardLayout(db), requestId)));

export const PUT = apiHandler({ permission: 'admin', audit: 'dashboard.update' }, async (request, { db, requestId, actor }) => {
  const saved = await saveDashboardLayout(db, await readJsonBody(request, env.MAX_BODY_BYTES), actor.actor);
  return Response.json(answer(saved, requestId));
});

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'PUT');
