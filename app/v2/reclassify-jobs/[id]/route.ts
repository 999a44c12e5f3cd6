// GET /v2/reclassify-jobs/{id} – a reclassification's status and progress
import { fromZodError } from '@/lib/errors';
import { apiHandler } from '@/lib/http/api-handler';
import { toApiReclassifyJob, ZReclassifyJobId } from '@/lib/schemas/studio-api';
import { getReclassifyJob } from '@/lib/server/reclassify/start-reclassify';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler<{ id: string }>({ permission: 'models' }, async (_request, { db, requestId }, params) => {
  const id = ZReclassifyJobId.safeParse(params.id);
  if (!id.success) throw fromZodError(id.error, 'path parameter id');
  return Response.json({ ...toApiReclassifyJob(await getReclassifyJob(db, id.data)), request_id: requestId });
});
