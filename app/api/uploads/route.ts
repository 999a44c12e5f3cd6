// POST /api/uploads?file_name=… – the dashboard streams a file here; answers a draft job with a preview
import { fromZodError } from '@/lib/errors';
import { z } from 'zod';
import { createIngestJob } from '@/lib/server/ingest/create-ingest-job';
import { bodyChunks } from '@/lib/server/ingest/request-body';
import { saveUpload } from '@/lib/server/ingest/save-upload';
import { uploadMediaType } from '@/lib/server/ingest/upload-body';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const ZQuery = z.object({ file_name: z.string().min(1).max(255) });

/** The dashboard streams every file as application/octet-stream; the format is told from the name and the content. */
const ACCEPTS = ['application/octet-stream'];

export const POST = internalHandler({ permission: 'ingest', accepts: ACCEPTS, audit: 'upload' }, async (request, { db }) => {
  uploadMediaType(request, ACCEPTS);
  const q = ZQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw fromZodError(q.error, 'query parameters');
  const saved = await saveUpload(bodyChunks(request), q.data.file_name);
  const { id, preview, mapping } = await createIngestJob(db, { file: saved, fileName: q.data.file_name, source: 'ui', start: false });
  return Response.json({ id, preview, mapping }, { status: 201 });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
