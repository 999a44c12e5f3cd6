// GET /api/ingest-jobs/{id}/rejections – the rejected rows as a CSV download (or JSON pages)
import { fromZodError, notFound } from '@/lib/errors';
import { ZRejectionQuery } from '@/lib/schemas/ingest';
import { findIngestRejections } from '@/lib/server/ingest/find-ingest-rejections';
import { rejectionsCsvResponse } from '@/lib/server/ingest/stream-rejections-csv';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = internalHandler<{ id: string }>({ permission: 'ingest' }, async (request, { db }, { id }) => {
  const q = ZRejectionQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw fromZodError(q.error, 'query parameters');
  const job = await db.ingestJob.findUnique({ where: { id }, select: { fileName: true } });
  if (!job) throw notFound(`No ingest job ${id}.`);
  if (q.data.format === 'csv') return rejectionsCsvResponse(db, id, job.fileName);
  const page = await findIngestRejections(db, id, { afterLine: q.data.after_line, limit: q.data.limit });
  return Response.json({ job_id: id, rejections: page.rejections, next_after_line: page.nextAfterLine });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
