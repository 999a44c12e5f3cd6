import { describe, expect, it } from 'vitest';
import { fromZodError } from '@/lib/errors';
import { ZInferenceRequest } from './inference';

const paths = (body: unknown) => {
  const r = ZInferenceRequest.safeParse(body);
  if (r.success) return [];
  return fromZodError(r.error).details.map((d) => d.path);
};

describe('ZInferenceRequest', () => {
  const ok = { texts: ['hello'], model_settings: [{ model_id: 42 }] };

  it('accepts the minimal valid body and the optional fields', () => {
    expect(ZInferenceRequest.safeParse(ok).success).toBe(true);
    expect(ZInferenceRequest.safeParse({ ...ok, model_settings: [{ model_id: 42, max_predictions: 1, label_filter: ['A'] }] }).success).toBe(true);
  });

  it('requires texts and model_settings', () => {
    expect(paths({})).toEqual(['texts', 'model_settings']);
    const r = ZInferenceRequest.safeParse('a string');
    expect(fromZodError(r.error!).message).toMatch(/must be a JSON object with "texts" and "model_settings"/);
  });

  it('enforces 1 to 8 texts, non-empty after trimming, at most 10,000 characters', () => {
    expect(paths({ ...ok, texts: [] })).toEqual(['texts']);
    expect(paths({ ...ok, texts: Array(9).fill('a') })).toEqual(['texts']);
    expect(paths({ ...ok, texts: ['ok', '   '] })).toEqual(['texts[1]']);
    expect(paths({ ...ok, texts: ['x'.repeat(10_000)] })).toEqual([]);
    expect(paths({ ...ok, texts: ['x'.repeat(10_001)] })).toEqual(['texts[0]']);
    expect(paths({ ...ok, texts: [42] })).toEqual(['texts[0]']);
  });

  it('reports each broken model_settings rule with its path', () => {
    expect(paths({ ...ok, model_settings: [] })).toEqual(['model_settings']);
    expect(paths({ ...ok, model_settings: [{ model_id: 1.5 }] })).toEqual(['model_settings[0].model_id']);
    expect(paths({ ...ok, model_settings: [{}] })).toEqual(['model_settings[0].model_id']);
    expect(paths({ ...ok, model_settings: [{ model_id: 1, max_predictions: 0 }] })).toEqual(['model_settings[0].max_predictions']);
    expect(paths({ ...ok, model_settings: [{ model_id: 1, label_filter: ['a', 3] }] })).toEqual(['model_settings[0].label_filter[1]']);
  });

  it('rejects a model_id named twice, pointing at the second one', () => {
    const r = ZInferenceRequest.safeParse({ ...ok, model_settings: [{ model_id: 42 }, { model_id: 87 }, { model_id: 42 }] });
    expect(r.success).toBe(false);
    const d = fromZodError(r.error!).details;
    expect(d).toHaveLength(1);
    expect(d[0]?.path).toBe('model_settings[2].model_id');
    expect(d[0]?.message).toMatch(/already named at model_settings\[0\]/);
  });
});
