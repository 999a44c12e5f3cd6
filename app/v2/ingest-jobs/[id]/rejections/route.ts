// GET /v2/ingest-jobs/{id}/rejections – rejected rows with line and reason (JSON pages, or ?format=csv)
import { fromZodError, notFound } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { ZRejectionQuery } from '@/lib/schemas/ingest';
import { findIngestRejections } from '@/lib/server/ingest/find-ingest-rejections';
import { rejectionsCsvResponse } from '@/lib/server/ingest/stream-rejections-csv';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler<{ id: string }>({ permission: 'ingest' }, async (request, { db }, { id }) => {
  const q = ZRejectionQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw fromZodError(q.error, 'query parameters');
  const job = await db.ingestJob.findUnique({ where: { id }, select: { fileName: true } });
  if (!job) throw notFound(`No ingest job ${id}.`, [{ path: 'id', message: 'unknown job' }]);
  if (q.data.format === 'csv') return rejectionsCsvResponse(db, id, job.fileName);
  const page = await findIngestRejections(db, id, { afterLine: q.data.after_line, limit: q.data.limit });
  return Response.json({ job_id: id, rejections: page.rejections, next_after_line: page.nextAfterLine });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
