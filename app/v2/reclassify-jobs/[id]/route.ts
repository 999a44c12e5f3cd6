// GET /v2/reclassify-jobs/{id} – a reclassification's status and progress
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { parsePathId, toApiReclassifyJob, ZReclassifyJobId } from '@/lib/schemas/studio-api';
import { getReclassifyJob } from '@/lib/server/reclassify/start-reclassify';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler<{ id: string }>({ permission: 'models' }, async (_request, { db, requestId }, params) => {
  const id = parsePathId(ZReclassifyJobId, params.id, 'id');
  return Response.json({ ...toApiReclassifyJob(await getReclassifyJob(db, id)), request_id: requestId });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
