import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromZodError } from '@/lib/errors';
import { editDistance, strictObject, suggestKey } from './strict-object';

describe('strictObject', () => {
  it('suggests the field a misspelling meant: another case or separator, or a typo or two away; nothing when nothing is close', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    const known = ['texts', 'model_settings', 'max_predictions', 'label_filter', 'threshold', 'labels'];
    expect(suggestKey('maxPredictions', known)).toBe('max_predictions');
    expect(suggestKey('MAX-PREDICTIONS', known)).toBe('max_predictions');
    expect(suggestKey('treshold', known)).toBe('threshold');
    expect(suggestKey('label', known)).toBe('labels');
    expect(suggestKey('modelSetting', known)).toBe('model_settings');
    expect(suggestKey('colour', known)).toBeUndefined();
    expect(suggestKey('a', known)).toBeUndefined();
    expect(suggestKey('x'.repeat(10_000), known)).toBeUndefined();
  });

  it('reports each unknown field at its own path, with the other problems of the same object', () => {
    const schema = z.object({ items: z.array(strictObject({ model_id: z.number(), max_predictions: z.number().optional() })) });
    const r = schema.safeParse({ items: [{ model_id: 'x', maxPredictions: 1, zzz: 2 }] });
    expect(r.success).toBe(false);
    expect(fromZodError(r.error!).details).toEqual([
      { path: 'items[0].model_id', message: expect.any(String) },
      { path: 'items[0].maxPredictions', message: 'unknown field; did you mean "max_predictions"?' },
      { path: 'items[0].zzz', message: 'unknown field; the fields are model_id, max_predictions' },
    ]);
    expect(schema.safeParse({ items: [{ model_id: 1 }] }).success).toBe(true);
  });

  it('quotes a key that is not a plain name, and cuts a long one', () => {
    const r = strictObject({ a: z.string() }).safeParse({ a: 'x', 'plan tier': 1, ['k'.repeat(500)]: 2 });
    expect(fromZodError(r.error!).details.map((d) => d.path)).toEqual(['["plan tier"]', `["${'k'.repeat(60)}…"]`]);
  });
});
