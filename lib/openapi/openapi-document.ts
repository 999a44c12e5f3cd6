import { z } from 'zod';
import { ZInferenceRequest, ZInferenceResponse } from '@/lib/schemas/inference';

const ZError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
  request_id: z.string(),
});

const ZModel = z.object({
  id: z.number().int(),
  name: z.string(),
  question: z.string(),
  kind: z.enum(['linear', 'language']),
  multi_label: z.boolean(),
  parent_model_id: z.number().int().nullable(),
  labels: z.array(z.object({ name: z.string(), description: z.string(), parent_label: z.string().optional() })),
  active_version: z
    .object({
      id: z.number().int(),
      version: z.number().int(),
      promoted_at: z.string().nullable(),
      trained_on: z.number().int(),
      accuracy: z.number().nullable(),
      macro_f1: z.number().nullable(),
    })
    .nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const errors = {
  '401': errorResponse('Missing, malformed, unknown or revoked API key'),
  '429': { ...errorResponse('Rate limit reached; see Retry-After'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
  '500': errorResponse('Unexpected error, logged with the request id'),
};

/** The OpenAPI 3.1 document of the public API, built from the same zod schemas the handlers validate with. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Callsight API', version: '2.0.0', description: 'Multi-model text classification for contact-centre transcripts.' },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key from `npx callsight keys create --name NAME`.' } },
      schemas: {
        InferenceRequest: schema(ZInferenceRequest),
        InferenceResponse: schema(ZInferenceResponse),
        Model: schema(ZModel),
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
            '400': errorResponse('Body is not JSON, or breaks a rule; every broken rule in details with its path'),
            '404': errorResponse('A model_id that does not exist'),
            '409': errorResponse('A model without a trained version'),
            '413': errorResponse('Body larger than the limit'),
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
      },
    },
  };
}
