// POST /api/models/{id}/examples?file_name=… – labeled examples as a CSV/JSONL/JSON file streamed as the body
import { z } from 'zod';
import { importExamplesFile } from '@/lib/server/examples/import-examples-file';
import { bodyChunks } from '@/lib/server/ingest/request-body';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { parseQuery } from '../../../_lib/query';
import { pathId } from '../../_lib/params';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const field = z.string().trim().min(1).max(200).optional();
const ZQuery = z.object({ file_name: z.string().min(1).max(255), text_field: field, label_field: field });

export const POST = internalHandler<{ id: string }>({ permission: 'models', accepts: ['application/octet-stream'], audit: 'examples.upload' }, async (request, { db }, params) => {
  const id = pathId(params.id, 'id');
  const q = parseQuery(() => ZQuery.parse(Object.fromEntries(new URL(request.url).searchParams)));
  // An unreadable file is a 400 from the core, for this face and /v2 alike.
  const result = await importExamplesFile(db, id, bodyChunks(request), {
    fileName: q.file_name,
    ...(q.text_field ? { textField: q.text_field } : {}),
    ...(q.label_field ? { labelField: q.label_field } : {}),
  });
  return Response.json(result);
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
