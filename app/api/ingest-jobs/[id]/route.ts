// GET /api/ingest-jobs/{id} – one job's progress, polled by the Upload page
import { notFound } from '@/lib/errors';
import { getIngestJob } from '@/lib/server/ingest/get-ingest-job';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = internalHandler<{ id: string }>({ permission: 'ingest' }, async (_request, { db }, { id }) => {
  const job = await getIngestJob(db, id);
  if (!job) throw notFound(`No ingest job ${id}.`);
  return Response.json(job);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
