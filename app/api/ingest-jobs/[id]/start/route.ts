// POST /api/ingest-jobs/{id}/start – queue a drafted upload with the user's column mapping and models
import { fromZodError } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/read-json-body';
import { ZStartIngestJob } from '@/lib/schemas/ingest';
import { getIngestJob } from '@/lib/server/ingest/get-ingest-job';
import { startIngestJob } from '@/lib/server/ingest/start-ingest-job';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = internalHandler<{ id: string }>({ permission: 'ingest', audit: 'upload.start' }, async (request, { db }, { id }) => {
  const parsed = ZStartIngestJob.safeParse(await readJsonBody(request, 64 * 1024));
  if (!parsed.success) throw fromZodError(parsed.error);
  await startIngestJob(db, id, parsed.data);
  return Response.json(await getIngestJob(db, id), { status: 202 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
