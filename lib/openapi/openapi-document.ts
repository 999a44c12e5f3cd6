import { z } from 'zod';
import { ZDashboardFilterParams } from '@/lib/schemas/dashboard-filters';
import { ZInferenceRequest, ZInferenceResponse } from '@/lib/schemas/inference';
import { ZRedactRequest, ZRedactResponse } from '@/lib/schemas/redact';
import { ZIngestFileQuery, ZIngestJob, ZIngestJsonBody, ZIngestRejectionList, ZRejectionQuery } from '@/lib/schemas/ingest';
import { ZExamplesInput, ZQueueParams, ZTrainInput } from '@/lib/schemas/studio';
import {
  ZApiCorrection,
  ZApiCorrectionResult,
  ZApiCreateModel,
  ZApiExamplesFileQuery,
  ZApiExamplesResult,
  ZApiLabelingQueue,
  ZApiLabelList,
  ZApiLabelTranscript,
  ZApiModel,
  ZApiReclassifyJob,
  ZApiTrainingStarted,
  ZApiTranscriptLabeled,
  ZApiUpdateModel,
  ZApiVersion,
  ZApiVersionDetail,
  ZApiVersionList,
} from '@/lib/schemas/studio-api';
import { ZApiAnalyticsBreakdown } from '@/lib/schemas/analytics-api';
import { ZDashboardLayout } from '@/lib/schemas/dashboard-layout';
import { ZApiView, ZCreateView, ZUpdateView } from '@/lib/schemas/saved-views';
import { ZApiTranscriptDetail, ZApiTranscriptList, ZBomValue } from '@/lib/schemas/transcript-api';
import { PAGE_SIZES, ZTranscriptListParams } from '@/lib/schemas/transcript-list';

const ZError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** the first 20 problems, each with the field it concerns (`model_settings[1].label_filter[0]`, `id`, `Content-Type`) */
    details: z.array(z.object({ path: z.string(), message: z.string() })),
    /** only when there were more problems than `details` lists: how many in all */
    details_total: z.number().int().optional(),
  }),
  request_id: z.string(),
});

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const errors = {
  '401': errorResponse('Missing, malformed, unknown or revoked API key'),
  '403': errorResponse('The key lacks the scope this endpoint needs (the message names it: inference, read, ingest, models or admin)'),
  '429': { ...errorResponse('Rate limit reached; see Retry-After'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
  '500': errorResponse('Unexpected error, logged with the request id'),
};

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });

/** A query parameter whose schema comes from the zod schema the handler parses it with. */
function queryParam(name: string, zodSchema: z.ZodType, description: string) {
  const paramSchema: Record<string, unknown> = { ...z.toJSONSchema(zodSchema, { io: 'input', unrepresentable: 'any' }) };
  delete paramSchema.$schema;
  return { name, in: 'query', required: false, description, schema: paramSchema, ...(paramSchema.type === 'array' ? { style: 'form', explode: true } : {}) };
}

const filter = ZDashboardFilterParams.shape;
const viewId = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^vw_[a-z0-9]+$' }, description: 'The view id, like vw_4f0c…' };
const repeatable = (what: string) => `${what}; repeat the parameter for several values (OR within the field).`;
/** The dashboard's filters: the API, the dashboard and the export share one parser, so they select the same transcripts. */
export const FILTER_PARAMETERS = [
  queryParam('range', filter.range, 'A period up to today (UTC), default 30d; `all` has no date bounds. Ignored when `from` or `to` is given.'),
  queryParam('from', filter.from, 'First day, YYYY-MM-DD (UTC, inclusive).'),
  queryParam('to', filter.to, 'Last day, YYYY-MM-DD (UTC, inclusive).'),
  queryParam('label', filter.label, 'A model\'s top label as MODEL_ID:LABEL, like `201:Angry`; repeat it: labels of one model are OR-ed, models AND-ed.'),
  queryParam('bucket', filter.bucket, 'MODEL_ID:uncertain or MODEL_ID:out_of_scope: the transcripts whose prediction the model is unsure of, or whose text is unlike its training data; OR-ed with that model\'s labels.'),
  queryParam('min', filter.min, 'The confidence (0–1) from which predictions count, instead of each model\'s own threshold (lower or higher; 0 counts every prediction in scope); below it they count as Uncertain and match no label filter.'),
  queryParam('language', filter.language, repeatable('Detected language, like English')),
  queryParam('channel', filter.channel, repeatable('Channel, like phone, chat, email')),
  queryParam('agent', filter.agent, repeatable('Agent')),
  queryParam('queue', filter.queue, repeatable('Queue')),
  queryParam('q', filter.q, 'Words in the transcript text.'),
  {
    name: 'meta.KEY',
    in: 'query',
    required: false,
    description: 'Any other column of the upload (metadata): write the column\'s name for KEY, like `meta.flow=refund`; repeat it: values of one key are OR-ed, keys AND-ed.',
    schema: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 50 },
    style: 'form',
    explode: true,
  },
  queryParam('import', filter.import, repeatable('The transcripts of one import (an ingest job id, ij_…)')),
];

const listShape = ZTranscriptListParams.shape;
export const LIST_PARAMETERS = [
  queryParam('page', listShape.page, 'Page number, from 1.'),
  { ...queryParam('size', listShape.size, 'Transcripts per page.'), schema: { type: 'integer', enum: [...PAGE_SIZES], default: 25 } },
  queryParam('sort', listShape.sort, '`time` (when it happened) or `score` (a model\'s top score, see `model`).'),
  queryParam('model', listShape.model, 'The model whose score `sort=score` orders by; default the first model in `label`, else the lowest model id.'),
  queryParam('dir', listShape.dir, 'Sort direction.'),
];

const ingestQuery = ZIngestFileQuery.shape;
const column = (what: string) => `The column holding the ${what} (file bodies; guessed from the header when absent).`;
const INGEST_FILE_PARAMETERS = [
  queryParam('file_name', ingestQuery.file_name, 'The file\'s name, kept with the job (file bodies).'),
  queryParam('format', ingestQuery.format, 'The file format; detected from the name and content when absent.'),
  queryParam('models', ingestQuery.models, 'Comma-separated model ids to classify with; default every trained model and the language model.'),
  queryParam('text_column', ingestQuery.text_column, column('transcript text')),
  queryParam('id_column', ingestQuery.id_column, column('external id')),
  queryParam('timestamp_column', ingestQuery.timestamp_column, column('timestamp (ISO 8601 or Unix seconds/milliseconds)')),
  queryParam('channel_column', ingestQuery.channel_column, column('channel')),
  queryParam('agent_column', ingestQuery.agent_column, column('agent')),
  queryParam('queue_column', ingestQuery.queue_column, column('queue')),
  queryParam('customer_column', ingestQuery.customer_column, column('customer id')),
];

const rejectionQuery = ZRejectionQuery.shape;
const REJECTION_PARAMETERS = [
  queryParam('after_line', rejectionQuery.after_line, 'Rejections after this line (the previous page\'s `next_after_line`).'),
  queryParam('limit', rejectionQuery.limit, 'Rejections per page (JSON).'),
  queryParam('format', rejectionQuery.format, '`csv`: every rejection as one CSV download (line, reason, excerpt).'),
];

const examplesQuery = ZApiExamplesFileQuery.shape;
const EXAMPLES_FILE_PARAMETERS = [
  queryParam('file_name', examplesQuery.file_name, 'The file\'s name (file bodies); its extension tells the format when `format` is absent.'),
  queryParam('format', examplesQuery.format, 'The file format (file bodies); else from the Content-Type (text/csv, application/x-ndjson), the name or the content.'),
  queryParam('text_field', examplesQuery.text_field, 'The column or field holding the text (file bodies).'),
  queryParam('label_field', examplesQuery.label_field, 'The column or field holding the label; several labels as `a|b` or a JSON array (file bodies).'),
];

const queueQuery = ZQueueParams.shape;
const QUEUE_PARAMETERS = [
  queryParam('strategy', queueQuery.strategy, '`margin`: the two best labels closest together first; `entropy`: the scores spread most evenly first.'),
  queryParam('limit', queueQuery.limit, 'How many transcripts.'),
];

const modelId = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: 'The model id' };
const versionId = { name: 'version_id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: 'The version\'s id (not its number): `id` in the version list' };
const transcriptId = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: 'The transcript id' };
const jsonBody = (ref: string) => ({ required: true, content: json(ref) });

const jobId = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^ij_[a-z0-9]+$' }, description: 'The job id, like ij_4f0c…' };
const csvDownload = (description: string) => ({
  description,
  headers: {
    'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="…"' },
  },
  content: { 'text/csv': { schema: { type: 'string' } } },
});

/** The OpenAPI 3.1 document of the public API, built from the same zod schemas the handlers validate with. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Callsight API',
      version: '2.0.0',
      description:
        'Multi-model text classification for contact-centre transcripts. ' +
        'JSON request bodies refuse fields they do not define (the error names the field and the one it most likely meant), strings with a lone UTF-16 surrogate, ' +
        'and nesting deeper than 32 levels. A method a path does not have is a 405 in the error format with an Allow header; OPTIONS answers Allow.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key from Settings → API keys or `npx callsight keys create --name NAME [--scopes inference,read,…]`. Each endpoint needs one scope; a key without it gets 403.' } },
      schemas: {
        InferenceRequest: schema(ZInferenceRequest),
        InferenceResponse: schema(ZInferenceResponse),
        Model: schema(ZApiModel),
        TranscriptList: schema(ZApiTranscriptList),
        TranscriptDetail: schema(ZApiTranscriptDetail),
        IngestJsonBody: schema(ZIngestJsonBody),
        IngestJob: schema(ZIngestJob),
        IngestRejectionList: schema(ZIngestRejectionList),
        ModelCreate: schema(ZApiCreateModel),
        ModelUpdate: schema(ZApiUpdateModel),
        LabelList: schema(ZApiLabelList),
        ExamplesBody: schema(ZExamplesInput),
        ExamplesResult: schema(ZApiExamplesResult),
        TrainingOptions: schema(ZTrainInput),
        TrainingStarted: schema(ZApiTrainingStarted),
        Version: schema(ZApiVersion),
        VersionDetail: schema(ZApiVersionDetail),
        VersionList: schema(ZApiVersionList),
        ReclassifyJob: schema(ZApiReclassifyJob),
        LabelingQueue: schema(ZApiLabelingQueue),
        LabelTranscript: schema(ZApiLabelTranscript),
        TranscriptLabeled: schema(ZApiTranscriptLabeled),
        Correction: schema(ZApiCorrection),
        CorrectionResult: schema(ZApiCorrectionResult),
        DashboardLayout: schema(ZDashboardLayout),
        AnalyticsBreakdown: schema(ZApiAnalyticsBreakdown),
        View: schema(ZApiView),
        ViewCreate: schema(ZCreateView),
        ViewUpdate: schema(ZUpdateView),
        Error: schema(ZError),
      },
    },
    paths: {
      '/v2/models/inference': {
        post: {
          summary: 'Run several models over the same texts',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/InferenceRequest' } } } },
          responses: {
            '200': { description: 'One result per model_settings entry, in order', content: { 'application/json': { schema: { $ref: '#/components/schemas/InferenceResponse' } } } },
            '400': errorResponse('Body is not JSON, or breaks a rule (at most 100 model_settings, a label_filter of at most 500 names); every broken rule in details with its path'),
            '404': errorResponse('A model_id that does not exist'),
            '409': errorResponse('A model without a trained version'),
            '413': errorResponse('Body larger than the limit'),
            '503': { ...errorResponse('service_busy: more than 50,000 texts already wait for the scoring threads; see Retry-After'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
            ...errors,
          },
        },
      },
      '/v2/models': {
        get: {
          summary: 'List models with their labels',
          responses: {
            '200': { description: 'The models', content: { 'application/json': { schema: { type: 'object', properties: { models: { type: 'array', items: { $ref: '#/components/schemas/Model' } } } } } } },
            ...errors,
          },
        },
        post: {
          summary: 'Create a model with its labels (untrained: add examples, then train a version)',
          description: 'A label is a name, or `{name, description, parent_label}`. `parent_model_id` makes this model refine another (root cause under issue type).',
          requestBody: jsonBody('ModelCreate'),
          responses: {
            '201': { description: 'The model, as GET /v2/models/{id} shows it', headers: { Location: { schema: { type: 'string' }, description: '/v2/models/{id}' } }, content: json('Model') },
            '400': errorResponse('Body is not JSON, or breaks a rule (every one in details with its path); label names repeat; a parent_label that is not a label of the parent model, or one without parent_model_id'),
            '404': errorResponse('No model with the given parent_model_id'),
            '413': errorResponse('Body larger than the limit'),
            ...errors,
          },
        },
      },
      '/v2/models/{id}': {
        get: {
          summary: 'One model with its labels and active version',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            '200': { description: 'The model', content: { 'application/json': { schema: { $ref: '#/components/schemas/Model' } } } },
            '400': errorResponse('The id is not a positive integer'),
            '404': errorResponse('No model with this id'),
            ...errors,
          },
        },
        patch: {
          summary: 'Change a model\'s name, question or threshold; add labels, or update labels by name',
          description:
            'Labels are never removed or renamed (stored predictions and examples refer to them by name). An omitted description or parent_label is left as it is. ' +
            'A model has at most 500 labels; the pretrained language model\'s labels are fixed.',
          parameters: [modelId],
          requestBody: jsonBody('ModelUpdate'),
          responses: {
            '200': { description: 'The model after the change', content: json('Model') },
            '400': errorResponse('Body is not JSON, breaks a rule, or changes nothing; labels of a model Callsight does not train (the language model); a parent_label the parent model lacks; more than 500 labels'),
            '404': errorResponse('No model with this id'),
            '413': errorResponse('Body larger than the limit'),
            ...errors,
          },
        },
      },
      '/v2/models/{id}/labels': {
        get: {
          summary: 'The model\'s labels with their example counts, and which need more examples',
          parameters: [modelId],
          responses: {
            '200': { description: 'The labels in the model\'s order', content: json('LabelList') },
            '400': errorResponse('The id is not a positive integer'),
            '404': errorResponse('No model with this id'),
            ...errors,
          },
        },
      },
      '/v2/models/{id}/examples': {
        post: {
          summary: 'Add labeled examples: a JSON body, or a CSV / JSON Lines / JSON file as the raw body',
          description:
            'Every label must be one of the model\'s; a single-label model takes one label an example. A text labeled before is relabeled, not duplicated. ' +
            'Bad examples are listed (by index, or by line for a file) and the rest stored.',
          parameters: [modelId, ...EXAMPLES_FILE_PARAMETERS],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ExamplesBody' } },
              'text/csv': { schema: { type: 'string', format: 'binary' } },
              'application/x-ndjson': { schema: { type: 'string', format: 'binary' } },
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            },
          },
          responses: {
            '200': { description: 'What was stored, and what was not and why', content: json('ExamplesResult') },
            '400': errorResponse('Invalid JSON body or query parameter, an unreadable file, no text or label field, or a model that takes no examples'),
            '404': errorResponse('No model with this id'),
            '413': errorResponse('Body larger than the limit'),
            ...errors,
          },
        },
      },
      '/v2/models/{id}/versions': {
        post: {
          summary: 'Train a new version: queued at once, trained by a worker (queued → training → ready | failed)',
          description: 'The body is optional. A new version does not serve until it is promoted. While one is queued or training, that one is answered (`already_queued`). Poll its `url`.',
          parameters: [modelId],
          requestBody: { required: false, content: json('TrainingOptions') },
          responses: {
            '202': { description: 'The version, queued', headers: { Location: { schema: { type: 'string' }, description: '/v2/models/{id}/versions/{version_id}' } }, content: json('TrainingStarted') },
            '400': errorResponse('Invalid options, or a model that is not trained by Callsight'),
            '404': errorResponse('No model with this id'),
            '409': errorResponse('Not enough labeled examples yet; the message says how many'),
            ...errors,
          },
        },
        get: {
          summary: 'The model\'s versions, newest first, with their headline metrics',
          parameters: [modelId],
          responses: {
            '200': { description: 'The versions', content: json('VersionList') },
            '400': errorResponse('The id is not a positive integer'),
            '404': errorResponse('No model with this id'),
            ...errors,
          },
        },
      },
      '/v2/models/{id}/versions/{version_id}': {
        get: {
          summary: 'One version: status, progress and its evaluation on held-out examples',
          description: 'Per-label precision, recall, F1 and support, the confusion matrix, the most confident mistakes and the calibration (ECE and bins). `evaluation` is null until the version is ready.',
          parameters: [modelId, versionId],
          responses: {
            '200': { description: 'The version', content: json('VersionDetail') },
            '400': errorResponse('An id is not a positive integer'),
            '404': errorResponse('No such version of this model'),
            ...errors,
          },
        },
      },
      '/v2/models/{id}/versions/{version_id}/promote': {
        post: {
          summary: 'Make a ready version the one that serves; promoting an earlier version is a rollback',
          description: 'Stored predictions keep the version that made them until the model is reclassified (POST /v2/models/{id}/reclassify).',
          parameters: [modelId, versionId],
          responses: {
            '200': { description: 'The version, now active', content: json('Version') },
            '400': errorResponse('An id is not a positive integer'),
            '404': errorResponse('No such version of this model'),
            '409': errorResponse('The version is not ready (queued, training, failed or discarded)'),
            ...errors,
          },
        },
      },
      '/v2/models/{id}/versions/{version_id}/discard': {
        post: {
          summary: 'Set a version aside: kept for the record, never promoted',
          parameters: [modelId, versionId],
          responses: {
            '200': { description: 'The version, discarded', content: json('Version') },
            '400': errorResponse('An id is not a positive integer'),
            '404': errorResponse('No such version of this model'),
            '409': errorResponse('The version is active, or still queued or training'),
            ...errors,
          },
        },
      },
      '/v2/models/{id}/reclassify': {
        post: {
          summary: 'Rerun the active version over every stored transcript, as a background job',
          description: 'Keeps trends comparable after a promotion. Corrections by people still stand. One job per model at a time.',
          parameters: [modelId],
          responses: {
            '202': { description: 'The job, queued', headers: { Location: { schema: { type: 'string' }, description: '/v2/reclassify-jobs/{id}' } }, content: json('ReclassifyJob') },
            '400': errorResponse('The id is not a positive integer, or the model is not trained by Callsight'),
            '404': errorResponse('No model with this id'),
            '409': errorResponse('The model has no active version, or is already being reclassified'),
            ...errors,
          },
        },
        get: {
          summary: 'The model\'s latest 20 reclassification jobs, newest first',
          parameters: [modelId],
          responses: {
            '200': { description: 'The jobs', content: { 'application/json': { schema: { type: 'object', properties: { model_id: { type: 'integer' }, jobs: { type: 'array', items: { $ref: '#/components/schemas/ReclassifyJob' } } } } } } },
            '400': errorResponse('The id is not a positive integer'),
            '404': errorResponse('No model with this id'),
            ...errors,
          },
        },
      },
      '/v2/models/{id}/labeling-queue': {
        get: {
          summary: 'The stored transcripts the model is least sure about, to label first (active learning)',
          description: 'Transcripts already labeled for the model, or whose prediction was corrected, are left out. Label one with POST /v2/transcripts/{id}/labels.',
          parameters: [modelId, ...QUEUE_PARAMETERS],
          responses: {
            '200': { description: 'The most uncertain first', content: json('LabelingQueue') },
            '400': errorResponse('A query parameter is invalid'),
            '404': errorResponse('No model with this id'),
            ...errors,
          },
        },
      },
      '/v2/transcripts': {
        get: {
          summary: 'The transcripts the filters select, a page at a time, with each model\'s top label',
          parameters: [...FILTER_PARAMETERS, ...LIST_PARAMETERS],
          responses: {
            '200': { description: 'One page and the total the filters select', content: json('TranscriptList') },
            '400': errorResponse('A query parameter is invalid; every one in details by name'),
            ...errors,
          },
        },
      },
      '/v2/transcripts/export': {
        get: {
          summary: 'Every transcript the filters select, as one streamed CSV (no row cap)',
          description:
            'Columns: id, external_id, occurred_at, channel, agent, queue, customer_id, language, then per model `<model name>` (top label) and `<model name> score` (4 decimals), then text and metadata (compact JSON). ' +
            'Newest first. RFC 4180, CRLF line ends. Cells starting with = + - @, tab or carriage return get a leading \' so a spreadsheet shows them as text instead of running them.',
          parameters: [...FILTER_PARAMETERS, queryParam('bom', ZBomValue, 'Start with a UTF-8 byte-order mark, for Excel. Default false.')],
          responses: {
            '200': {
              ...csvDownload('The CSV, streamed'),
              headers: {
                ...csvDownload('').headers,
                'X-Total-Count': { schema: { type: 'integer' }, description: 'How many transcripts (CSV records after the header) the export holds' },
              },
            },
            '400': errorResponse('A query parameter is invalid; every one in details by name'),
            ...errors,
          },
        },
      },
      '/v2/transcripts/{id}': {
        get: {
          summary: 'One transcript: text, metadata and every model\'s scores',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: {
            '200': { description: 'The transcript', content: json('TranscriptDetail') },
            '400': errorResponse('The id is not a positive integer'),
            '404': errorResponse('No transcript with this id'),
            ...errors,
          },
        },
      },
      '/v2/transcripts/{id}/labels': {
        post: {
          summary: 'Label a stored transcript for a model: it becomes one of the model\'s examples (labeled again: relabeled)',
          parameters: [transcriptId],
          requestBody: jsonBody('LabelTranscript'),
          responses: {
            '200': { description: 'The transcript is an example of the model', content: json('TranscriptLabeled') },
            '400': errorResponse('Body is not JSON or breaks a rule; a label that is not the model\'s; several labels for a single-label model'),
            '404': errorResponse('No transcript or no model with this id'),
            '413': errorResponse('Body larger than the limit'),
            ...errors,
          },
        },
      },
      '/v2/transcripts/{id}/corrections': {
        post: {
          summary: 'Correct a stored prediction: the dashboard and exports show the right label at once, and the next training learns it',
          parameters: [transcriptId],
          requestBody: jsonBody('Correction'),
          responses: {
            '201': { description: 'The correction', content: json('CorrectionResult') },
            '400': errorResponse('Body is not JSON or breaks a rule, or the label is not the model\'s'),
            '404': errorResponse('No transcript or no model with this id'),
            '413': errorResponse('Body larger than the limit'),
            ...errors,
          },
        },
      },
      '/v2/ingest-jobs': {
        post: {
          summary: 'Import transcripts: a file as the raw body (CSV, JSON Lines, JSON, text), or a JSON body of transcripts',
          description: 'Answers at once with the queued job; workers classify and store the rows. Poll GET /v2/ingest-jobs/{id}.',
          parameters: INGEST_FILE_PARAMETERS,
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/IngestJsonBody' } },
              'text/csv': { schema: { type: 'string', format: 'binary' } },
              'application/x-ndjson': { schema: { type: 'string', format: 'binary' } },
              'application/jsonl': { schema: { type: 'string', format: 'binary' } },
              'text/plain': { schema: { type: 'string', format: 'binary' } },
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
              'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } },
            },
          },
          responses: {
            '202': { description: 'The job, queued', headers: { Location: { schema: { type: 'string' }, description: '/v2/ingest-jobs/{id}' } }, content: json('IngestJob') },
            '400': errorResponse('Invalid JSON body or query parameter, an unreadable file, no text column, or an unknown model'),
            '413': errorResponse('Body larger than the limit'),
            '415': errorResponse('A Content-Type that is not one of the documented formats'),
            '507': errorResponse('The server\'s upload space is full (INGEST_UPLOADS_MAX_BYTES); try again once the jobs in progress are parsed'),
            ...errors,
          },
        },
        get: {
          summary: 'The latest 50 ingest jobs',
          responses: {
            '200': { description: 'The jobs, newest first', content: { 'application/json': { schema: { type: 'object', properties: { jobs: { type: 'array', items: { $ref: '#/components/schemas/IngestJob' } } } } } } },
            ...errors,
          },
        },
      },
      '/v2/ingest-jobs/{id}': {
        get: {
          summary: 'A job\'s status, counts and progress',
          parameters: [jobId],
          responses: {
            '200': { description: 'The job', content: json('IngestJob') },
            '404': errorResponse('No job with this id'),
            ...errors,
          },
        },
      },
      '/v2/ingest-jobs/{id}/rejections': {
        get: {
          summary: 'Rows a job rejected, with line and reason (JSON pages, or one CSV)',
          parameters: [jobId, ...REJECTION_PARAMETERS],
          responses: {
            '200': { description: 'A page of rejections, or the CSV with format=csv', content: { ...json('IngestRejectionList'), ...csvDownload('').content } },
            '400': errorResponse('A query parameter is invalid'),
            '404': errorResponse('No job with this id'),
            ...errors,
          },
        },
      },
      '/v2/analytics/breakdown': {
        get: {
          summary: 'One model\'s labels over the transcripts the filters select: count, share of the counted predictions, and the estimated true share with a 90 % interval (corrected with the model\'s held-out behaviour); uncertain and out-of-scope predictions apart (scope read)',
          parameters: [{ name: 'model_id', in: 'query', required: true, schema: { type: 'integer', minimum: 1 }, description: 'The model' }, ...FILTER_PARAMETERS],
          responses: {
            '200': { description: 'The breakdown', content: json('AnalyticsBreakdown') },
            '400': errorResponse('model_id missing or not an id, or a filter parameter is invalid; every one in details by name'),
            '404': errorResponse('No model with this id'),
            ...errors,
          },
        },
      },
      '/v2/dashboard': {
        get: {
          summary: 'The workspace\'s overview layout: KPI cards, breakdowns (of a model, a metadata key or a field), the trend\'s models, the cross-tab\'s axes, the filter bar and the table columns (scope read)',
          responses: {
            '200': { description: '{layout, updated_at, updated_by, request_id}', content: { 'application/json': { schema: { type: 'object', properties: { layout: { $ref: '#/components/schemas/DashboardLayout' }, updated_at: { type: ['string', 'null'] }, updated_by: { type: ['string', 'null'] }, request_id: { type: 'string' } } } } } },
            ...errors,
          },
        },
        put: {
          summary: 'Replace the overview layout (scope admin); every model and label it names must exist',
          requestBody: jsonBody('DashboardLayout'),
          responses: {
            '200': { description: 'The layout as stored, like GET' },
            '400': errorResponse('Not a layout, or it names a model or label that does not exist: one detail per wrong field (`kpis[1].labels[0]`)'),
            '413': errorResponse('Body larger than the limit'),
            ...errors,
          },
        },
      },
      '/v2/views': {
        get: {
          summary: 'Saved views: named filters and chart choices, shared in the workspace (scope read)',
          responses: { '200': { description: '{views: View[], request_id}' }, ...errors },
        },
        post: {
          summary: 'Save a view; its query is stored in the canonical form of the dashboard\'s filters (scope read)',
          requestBody: jsonBody('ViewCreate'),
          responses: {
            '201': { description: 'The view', headers: { Location: { schema: { type: 'string' }, description: '/v2/views/{id}' } }, content: json('View') },
            '400': errorResponse('A field breaks a rule, or the query holds a filter the dashboard refuses (`query.range`)'),
            '409': errorResponse('The workspace keeps at most 500 views'),
            ...errors,
          },
        },
      },
      '/v2/views/{id}': {
        get: {
          summary: 'One saved view',
          parameters: [viewId],
          responses: { '200': { description: 'The view', content: json('View') }, '404': errorResponse('No view with this id'), ...errors },
        },
        patch: {
          summary: 'Rename a view, change its query, or make it your default (its owner, or an admin)',
          parameters: [viewId],
          requestBody: jsonBody('ViewUpdate'),
          responses: { '200': { description: 'The view', content: json('View') }, '400': errorResponse('A field breaks a rule'), '404': errorResponse('No view with this id'), ...errors },
        },
        delete: {
          summary: 'Delete a view (its owner, or an admin)',
          parameters: [viewId],
          responses: { '204': { description: 'Deleted' }, '404': errorResponse('No view with this id'), ...errors },
        },
      },
      '/v2/reclassify-jobs/{id}': {
        get: {
          summary: 'A reclassification\'s status and progress',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^rc_[a-z0-9]+$' }, description: 'The job id, like rc_4f0c…' }],
          responses: {
            '200': { description: 'The job', content: json('ReclassifyJob') },
            '400': errorResponse('Not a job id'),
            '404': errorResponse('No job with this id'),
            ...errors,
          },
        },
      },
      '/v2/redact': {
        post: {
          summary: 'Replace personal data in texts with typed placeholders ([EMAIL], [PHONE], [CARD], [NATIONAL_ID], [IBAN], [IP], [NAME]); scope inference',
          requestBody: { required: true, content: { 'application/json': { schema: schema(ZRedactRequest) } } },
          responses: {
            '200': { description: 'One result per text, in order: the redacted text and each entity with its type and offsets into the original (UTF-16 code units, end exclusive)', content: { 'application/json': { schema: schema(ZRedactResponse) } } },
            '400': errorResponse('Body is not JSON, or breaks a rule (1–8 texts of at most 10,000 characters, known types); every broken rule in details with its path'),
            '413': errorResponse('Body larger than the limit'),
            ...errors,
          },
        },
      },
    },
  };
}
