// POST /api/models/{id}/reclassify – re-run the active version over the stored transcripts (a worker job)
import { startReclassify } from '@/lib/server/reclassify/start-reclassify';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { pathId } from '../../_lib/params';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = internalHandler<{ id: string }>({ permission: 'models', audit: 'model.reclassify' }, async (_request, { db }, params) => {
  const job = await startReclassify(db, pathId(params.id, 'id'));
  return Response.json({ id: job.id, status: job.status, total: job.total, done: job.done }, { status: 202 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
