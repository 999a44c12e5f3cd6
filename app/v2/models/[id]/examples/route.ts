// POST /v2/models/{id}/examples – add labeled examples: a JSON body, or a CSV / JSON Lines / JSON file as the raw body
import { fromZodError } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { readJsonBody } from '@/lib/http/read-json-body';
import { ingestConfig } from '@/lib/ingest/config';
import { ZExamplesInput } from '@/lib/schemas/studio';
import { modelNotFound, parsePathId, ZApiExamplesFileQuery, ZModelPathId, type TApiExamplesResult } from '@/lib/schemas/studio-api';
import { addExamples } from '@/lib/server/examples/add-examples';
import { importExamplesFile } from '@/lib/server/examples/import-examples-file';
import { bodyChunks } from '@/lib/server/ingest/request-body';
import { findModels } from '@/lib/server/models/list-models';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** 50,000 examples of a few hundred characters fit; a file body has the upload limit instead. */
const JSON_BODY_LIMIT = Math.min(ingestConfig.INGEST_MAX_JSON_BYTES, 32 * 1024 ** 2);

export const POST = apiHandler<{ id: string }>({ permission: 'models', accepts: ['application/json', 'application/x-ndjson', 'application/jsonl', 'text/csv', 'application/octet-stream', 'text/plain'], audit: 'examples.upload' }, async (request, { db, requestId }, params) => {
  const id = parsePathId(ZModelPathId, params.id, 'id');
  const contentType = (request.headers.get('content-type') ?? '').toLowerCase();
  let result: TApiExamplesResult;
  // The media type itself: application/jsonl is a file of JSON Lines, not a JSON body.
  if (contentType.split(';')[0]!.trim() === 'application/json') {
    const parsed = ZExamplesInput.safeParse(await readJsonBody(request, JSON_BODY_LIMIT));
    if (!parsed.success) throw fromZodError(parsed.error);
    const { examples } = parsed.data;
    const r = await addExamples(db, id, examples, { source: 'api' });
    result = { model_id: id, rows: examples.length, added: r.added, updated: r.updated, rejected_count: r.rejected.length, rejected: r.rejected.slice(0, 1000) };
  } else {
    const q = ZApiExamplesFileQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!q.success) throw fromZodError(q.error, 'query parameters');
    // Look the model up before the body is read: an unknown model should not cost an upload.
    if (!(await findModels(db, { ids: [id] })).length) throw modelNotFound(id);
    const format = q.data.format ?? (contentType.includes('csv') ? 'csv' : /ndjson|jsonl|jsonlines/.test(contentType) ? 'jsonl' : undefined);
    // Without a name or a format, the format is detected from the content.
    const fileName = q.data.file_name ?? (format ? `examples.${format}` : 'examples');
    const r = await importExamplesFile(db, id, bodyChunks(request), { fileName, format, textField: q.data.text_field, labelField: q.data.label_field, source: 'api' });
    result = {
      model_id: id,
      rows: r.rows,
      added: r.added,
      updated: r.updated,
      rejected_count: r.rejectedCount,
      rejected: r.rejected.map((x) => ({ line: x.line, message: x.reason })),
    };
  }
  return Response.json({ ...result, request_id: requestId });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
