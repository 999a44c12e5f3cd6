// GET /v2/ingest-jobs/{id} – a job's status, counts and progress
import { notFound } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { getIngestJob } from '@/lib/server/ingest/get-ingest-job';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler<{ id: string }>({ permission: 'ingest' }, async (_request, { db }, { id }) => {
  const job = await getIngestJob(db, id);
  if (!job) throw notFound(`No ingest job ${id}.`, [{ path: 'id', message: 'unknown job' }]);
  return Response.json(job);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
