// POST /v2/ingest-jobs – import transcripts from a file body or a JSON body; GET – the latest jobs
import { fromZodError } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { readJsonBody } from '@/lib/http/read-json-body';
import { ingestConfig } from '@/lib/ingest/config';
import { ZIngestFileQuery, ZIngestJsonBody, type TColumnMapping } from '@/lib/schemas/ingest';
import { createIngestJob } from '@/lib/server/ingest/create-ingest-job';
import { getIngestJob, listIngestJobs } from '@/lib/server/ingest/get-ingest-job';
import { bodyChunks, jsonLines } from '@/lib/server/ingest/request-body';
import { saveUpload } from '@/lib/server/ingest/save-upload';
import { multipartFile, uploadMediaType } from '@/lib/server/ingest/upload-body';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const JSON_BODY_LIMIT = Math.min(ingestConfig.INGEST_MAX_JSON_BYTES, 32 * 1024 ** 2);

/** The media types POST reads (README "Upload and ingest"), for API keys and browser sessions alike. */
const ACCEPTS = ['multipart/form-data', 'application/octet-stream', 'text/csv', 'application/json', 'application/x-ndjson', 'application/jsonl', 'text/plain'];
const EXT: Record<string, string> = { 'text/csv': 'csv', 'application/x-ndjson': 'jsonl', 'application/jsonl': 'jsonl' };

export const POST = apiHandler({ permission: 'ingest', accepts: ACCEPTS, audit: 'upload' }, async (request, { db }) => {
  const type = uploadMediaType(request, ACCEPTS);
  let created: { id: string };
  if (type === 'application/json') {
    const parsed = ZIngestJsonBody.safeParse(await readJsonBody(request, JSON_BODY_LIMIT));
    if (!parsed.success) throw fromZodError(parsed.error);
    const { transcripts, model_ids } = parsed.data;
    const saved = await saveUpload(
      jsonLines(transcripts.map(({ metadata, ...t }) => ({ ...Object.fromEntries(Object.entries(metadata ?? {}).map(([k, v]) => [`metadata.${k}`, v])), ...t }))),
      'request.jsonl',
    );
    created = await createIngestJob(db, {
      file: saved,
      fileName: 'request.jsonl',
      source: 'api',
      format: 'jsonl',
      start: true,
      modelIds: model_ids,
      mapping: jsonMapping(new Set(transcripts.flatMap((t) => Object.keys(t)))),
    });
  } else {
    const url = new URL(request.url);
    const q = ZIngestFileQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!q.success) throw fromZodError(q.error, 'query parameters');
    // A form's file part brings its own name; a raw body is named by the query or its media type.
    const part = type === 'multipart/form-data' ? await multipartFile(request) : null;
    const fileName = q.data.file_name ?? part?.fileName ?? `upload.${q.data.format ?? EXT[type] ?? 'txt'}`;
    const saved = await saveUpload(part?.body ?? bodyChunks(request), fileName);
    const mapping: Partial<TColumnMapping> = {};
    if (q.data.text_column) mapping.text = q.data.text_column;
    if (q.data.id_column) mapping.externalId = q.data.id_column;
    if (q.data.timestamp_column) mapping.occurredAt = q.data.timestamp_column;
    if (q.data.channel_column) mapping.channel = q.data.channel_column;
    if (q.data.agent_column) mapping.agent = q.data.agent_column;
    if (q.data.queue_column) mapping.queue = q.data.queue_column;
    if (q.data.customer_column) mapping.customerId = q.data.customer_column;
    created = await createIngestJob(db, { file: saved, fileName, source: 'api', format: q.data.format, start: true, modelIds: q.data.models, mapping });
  }
  const job = await getIngestJob(db, created.id);
  return Response.json(job, { status: 202, headers: { Location: `/v2/ingest-jobs/${created.id}` } });
});

/** The JSON body's fields as a column mapping, naming only the fields some transcript has. */
function jsonMapping(present: Set<string>): Partial<TColumnMapping> {
  const fields = { externalId: 'external_id', occurredAt: 'occurred_at', channel: 'channel', agent: 'agent', queue: 'queue', customerId: 'customer_id' } as const;
  const mapping: Partial<TColumnMapping> = { text: 'text' };
  for (const [field, key] of Object.entries(fields) as [keyof typeof fields, string][]) if (present.has(key)) mapping[field] = key;
  return mapping;
}

export const GET = apiHandler({ permission: 'ingest' }, async (_request, { db }) => Response.json({ jobs: await listIngestJobs(db, { limit: 50 }) }));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
