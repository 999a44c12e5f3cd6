import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi-document';

describe('openApiDocument', () => {
  it('describes the inference contract with the spec limits', () => {
    const doc = openApiDocument('http://localhost:3000');
    const req = doc.components.schemas.InferenceRequest as unknown as { properties: { texts: { minItems: number; maxItems: number } }; required: string[] };
    expect(req.required).toEqual(['texts', 'model_settings']);
    expect(req.properties.texts.minItems).toBe(1);
    expect(req.properties.texts.maxItems).toBe(8);
    expect(Object.keys(doc.paths)).toEqual(['/v2/models/inference', '/v2/models', '/v2/models/{id}']);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
