import { describe, expect, it } from 'vitest';
import { ZDashboardFilterParams } from '@/lib/schemas/dashboard-filters';
import { ZIngestFileQuery, ZRejectionQuery } from '@/lib/schemas/ingest';
import { ZQueueParams } from '@/lib/schemas/studio';
import { ZApiExamplesFileQuery } from '@/lib/schemas/studio-api';
import { ZTranscriptListParams } from '@/lib/schemas/transcript-list';
import { openApiDocument } from './openapi-document';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: Record<string, unknown>;
  style?: string;
  explode?: boolean;
}
type Operation = { parameters?: Parameter[]; responses: Record<string, unknown> };

describe('openApiDocument', () => {
  const doc = openApiDocument('http://localhost:3000');
  const op = (path: string, method: string): Operation => {
    const item = (doc.paths as Record<string, Record<string, Operation>>)[path]?.[method];
    if (!item) throw new Error(`no ${method} ${path}`);
    return item;
  };
  const names = (o: Operation, where = 'query') => (o.parameters ?? []).filter((p) => p.in === where).map((p) => p.name);

  it('describes the inference contract with the spec limits', () => {
    const req = doc.components.schemas.InferenceRequest as unknown as { properties: { texts: { minItems: number; maxItems: number } }; required: string[] };
    expect(req.required).toEqual(['texts', 'model_settings']);
    expect(req.properties.texts.minItems).toBe(1);
    expect(req.properties.texts.maxItems).toBe(8);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('lists every public route', () => {
    expect(Object.keys(doc.paths)).toEqual([
      '/v2/models/inference',
      '/v2/models',
      '/v2/models/{id}',
      '/v2/models/{id}/labels',
      '/v2/models/{id}/examples',
      '/v2/models/{id}/versions',
      '/v2/models/{id}/versions/{version_id}',
      '/v2/models/{id}/versions/{version_id}/promote',
      '/v2/models/{id}/versions/{version_id}/discard',
      '/v2/models/{id}/reclassify',
      '/v2/models/{id}/labeling-queue',
      '/v2/transcripts',
      '/v2/transcripts/export',
      '/v2/transcripts/{id}',
      '/v2/transcripts/{id}/labels',
      '/v2/transcripts/{id}/corrections',
      '/v2/ingest-jobs',
      '/v2/ingest-jobs/{id}',
      '/v2/ingest-jobs/{id}/rejections',
      '/v2/analytics/breakdown',
      '/v2/dashboard',
      '/v2/views',
      '/v2/views/{id}',
      '/v2/reclassify-jobs/{id}',
      '/v2/redact',
    ]);
    expect(Object.keys(doc.paths['/v2/dashboard'])).toEqual(['get', 'put']);
    expect(Object.keys(doc.paths['/v2/views/{id}'])).toEqual(['get', 'patch', 'delete']);
    expect(Object.keys(doc.paths['/v2/ingest-jobs'])).toEqual(['post', 'get']);
    expect(Object.keys(doc.paths['/v2/models'])).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/v2/models/{id}'])).toEqual(['get', 'patch']);
    expect(Object.keys(doc.paths['/v2/models/{id}/versions'])).toEqual(['post', 'get']);
    expect(Object.keys(doc.paths['/v2/models/{id}/reclassify'])).toEqual(['post', 'get']);
  });

  it('names every query parameter the handlers parse, from the same zod schemas', () => {
    // `meta` is a family of parameters, one per metadata key: documented as meta.KEY
    const filters = Object.keys(ZDashboardFilterParams.shape).map((k) => (k === 'meta' ? 'meta.KEY' : k));
    expect(names(op('/v2/transcripts', 'get'))).toEqual([...filters, ...Object.keys(ZTranscriptListParams.shape)]);
    expect(names(op('/v2/transcripts/export', 'get'))).toEqual([...filters, 'bom']);
    expect(names(op('/v2/ingest-jobs', 'post'))).toEqual(Object.keys(ZIngestFileQuery.shape));
    expect(names(op('/v2/ingest-jobs/{id}/rejections', 'get'))).toEqual(Object.keys(ZRejectionQuery.shape));
    expect(names(op('/v2/models/{id}/examples', 'post'))).toEqual(Object.keys(ZApiExamplesFileQuery.shape));
    expect(names(op('/v2/models/{id}/labeling-queue', 'get'))).toEqual(Object.keys(ZQueueParams.shape));
    expect(op('/v2/models/{id}/labeling-queue', 'get').parameters?.find((p) => p.name === 'strategy')?.schema).toEqual({ type: 'string', enum: ['margin', 'entropy'], default: 'margin' });
    const label = op('/v2/transcripts', 'get').parameters?.find((p) => p.name === 'label');
    expect(label).toMatchObject({ style: 'form', explode: true, schema: { type: 'array', items: { pattern: '^\\d{1,9}:.+$' } } });
    expect(op('/v2/transcripts', 'get').parameters?.find((p) => p.name === 'size')?.schema).toEqual({ type: 'integer', enum: [10, 25, 50, 100, 200], default: 25 });
    expect(op('/v2/transcripts', 'get').parameters?.find((p) => p.name === 'range')?.schema).toEqual({ type: 'string', enum: ['7d', '30d', '90d', '365d', 'all'] });
  });

  it('declares every path template parameter, and every $ref resolves', () => {
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const o of Object.values(item)) expect(names(o, 'path'), path).toEqual(templated);
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(doc.components.schemas, r).toHaveProperty(r);
  });

  it('describes the studio\'s request bodies from the handlers\' schemas, in snake_case', () => {
    const create = doc.components.schemas.ModelCreate as unknown as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(create.properties)).toEqual(['name', 'question', 'multi_label', 'parent_model_id', 'labels']);
    expect(create.required).toEqual(['name', 'labels']);
    const detail = doc.components.schemas.VersionDetail as unknown as { properties: { evaluation: { anyOf: { properties?: Record<string, unknown> }[] } } };
    expect(Object.keys(detail.properties.evaluation.anyOf[0]?.properties ?? {})).toEqual(['n', 'accuracy', 'macro_f1', 'per_label', 'confusion', 'wrong_examples', 'calibration']);
    const post = (path: string) => (doc.paths as Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>)[path]?.post;
    expect(Object.keys(post('/v2/models/{id}/examples')?.requestBody?.content ?? {})).toEqual(['application/json', 'text/csv', 'application/x-ndjson', 'application/octet-stream']);
  });

  it('documents the export as CSV with its row count, and 401 on every route', () => {
    const ok = op('/v2/transcripts/export', 'get').responses['200'] as { content: Record<string, unknown>; headers: Record<string, unknown> };
    expect(Object.keys(ok.content)).toEqual(['text/csv']);
    expect(ok.headers).toHaveProperty('X-Total-Count');
    for (const item of Object.values(doc.paths as Record<string, Record<string, Operation>>)) for (const o of Object.values(item)) expect(o.responses).toHaveProperty('401');
  });

  it('documents the hardening: unknown fields refused, the inference caps, and details_total', () => {
    type Obj = { additionalProperties?: boolean; properties: Record<string, { maxItems?: number; items?: Obj & { properties: Record<string, { maxItems?: number }> } }> };
    const req = doc.components.schemas.InferenceRequest as unknown as Obj;
    expect(req.additionalProperties).toBe(false);
    expect(req.properties.model_settings?.maxItems).toBe(100);
    expect(req.properties.model_settings?.items?.additionalProperties).toBe(false);
    expect(req.properties.model_settings?.items?.properties.label_filter?.maxItems).toBe(500);
    for (const name of ['ModelCreate', 'ModelUpdate', 'ExamplesBody', 'TrainingOptions', 'LabelTranscript', 'Correction', 'IngestJsonBody']) {
      expect((doc.components.schemas as Record<string, { additionalProperties?: boolean }>)[name]?.additionalProperties, name).toBe(false);
    }
    const error = doc.components.schemas.Error as unknown as { properties: { error: { properties: Record<string, unknown> } } };
    expect(Object.keys(error.properties.error.properties)).toEqual(['code', 'message', 'details', 'details_total']);
    expect(doc.info.description).toMatch(/405 .*Allow/);
  });
});

