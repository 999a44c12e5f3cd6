import { describe, expect, it } from 'vitest';
import { filtersToSearchParams, parseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { activeChips, clearedFilters, selectedBuckets, selectedValues, withImports, withMetaValues, withMinScore, withOnlyBucket, withOnlyDimensionValues, withOnlyLabels } from './filter-edits';

const NOW = new Date('2026-11-28T12:00:00Z');
const parse = (q: string) => parseDashboardFilters(q, NOW);
const url = (f: ReturnType<typeof parse>) => filtersToSearchParams(f).toString();

describe('chart clicks on any dimension', () => {
  it('narrows a model to the label, a metadata key to the value, a field to the value; the rest stays', () => {
    const f = parse('range=90d&label=42:Mobile&label=42:Fiber&meta.flow=refund&channel=chat&q=invoice');
    expect(url(withOnlyDimensionValues(f, [{ dimension: '42', value: 'TV' }]))).toBe('range=90d&label=42%3ATV&channel=chat&meta.flow=refund&q=invoice');
    expect(url(withOnlyDimensionValues(f, [{ dimension: 'meta.flow', value: 'purchase_dispute' }]))).toBe('range=90d&label=42%3AMobile&label=42%3AFiber&channel=chat&meta.flow=purchase_dispute&q=invoice');
    expect(url(withOnlyDimensionValues(f, [{ dimension: 'queue', value: 'Billing' }]))).toBe('range=90d&label=42%3AMobile&label=42%3AFiber&channel=chat&queue=Billing&meta.flow=refund&q=invoice');
  });

  it('a cross-tab cell narrows both axes, whatever their kinds', () => {
    const f = parse('');
    const both = withOnlyDimensionValues(f, [
      { dimension: '87', value: 'Billing' },
      { dimension: 'meta.plan tier', value: 'gold' },
    ]);
    expect(both.labels).toEqual({ 87: ['Billing'] });
    expect(both.meta).toEqual({ 'plan tier': ['gold'] });
    // the same as the model-only helper for models
    expect(withOnlyDimensionValues(f, [{ dimension: '42', value: 'Mobile' }])).toEqual(withOnlyLabels(f, [{ modelId: 42, label: 'Mobile' }]));
  });

  it('ignores a string that is not a dimension', () => {
    const f = parse('label=42:Mobile');
    expect(withOnlyDimensionValues(f, [{ dimension: 'nonsense', value: 'x' }])).toEqual(f);
    expect(withOnlyDimensionValues(f, [{ dimension: '0', value: 'x' }])).toEqual(f);
  });

  it('round-trips through the URL: what a click writes, the parser reads back', () => {
    const f = withOnlyDimensionValues(parse('range=7d'), [{ dimension: 'meta.flow', value: 'refund & more' }]);
    expect(parse(url(f)).meta).toEqual({ flow: ['refund & more'] });
  });
});

describe('selected values (the strong bars)', () => {
  it('reads a model, a metadata key and a field', () => {
    const f = parse('label=42:Mobile&meta.flow=refund&meta.flow=upgrade&agent=Anna');
    expect(selectedValues(f, '42')).toEqual(['Mobile']);
    expect(selectedValues(f, '87')).toEqual([]);
    expect(selectedValues(f, 'meta.flow')).toEqual(['refund', 'upgrade']);
    expect(selectedValues(f, 'meta.other')).toEqual([]);
    expect(selectedValues(f, 'agent')).toEqual(['Anna']);
    expect(selectedValues(f, 'bogus')).toEqual([]);
  });
});

describe('metadata and import filters', () => {
  it('sets and removes a key; no values removes the key', () => {
    const f = withMetaValues(parse(''), 'flow', ['a', 'b']);
    expect(f.meta).toEqual({ flow: ['a', 'b'] });
    expect(withMetaValues(f, 'flow', []).meta).toEqual({});
    expect(withImports(f, ['ij_abc']).imports).toEqual(['ij_abc']);
  });

  it('each metadata value and import is a chip of its own, removable on its own', () => {
    const f = parse('meta.flow=refund&meta.flow=upgrade&import=ij_abc&import=ij_def');
    const chips = activeChips(f, (id) => `Model ${id}`, (id) => (id === 'ij_abc' ? 'calls-october.csv' : id));
    expect(chips.map((c) => c.text)).toEqual(['flow: refund', 'flow: upgrade', 'Import: calls-october.csv', 'Import: ij_def']);
    const [refund, , october] = chips;
    expect(url(refund!.remove(f))).toBe('meta.flow=upgrade&import=ij_abc&import=ij_def');
    expect(url(october!.remove(f))).toBe('meta.flow=refund&meta.flow=upgrade&import=ij_def');
  });

  it('without an import name lookup, an import chip shows its id', () => {
    expect(activeChips(parse('import=ij_x1'), String).map((c) => c.text)).toEqual(['Import: ij_x1']);
  });
});

describe('clearing', () => {
  it('clears every filter, metadata, imports and buckets included, and resets the range', () => {
    const f = parse('range=7d&label=42:Mobile&bucket=42:uncertain&bucket=87:out_of_scope&min=0.7&language=English&channel=chat&agent=A&queue=Q&meta.flow=x&import=ij_a&q=hi');
    const c = clearedFilters(f);
    expect(url(c)).toBe('');
    expect(parse(url(c))).toEqual(parse(''));
  });

  it('clears min=0 ("Any") back to the models\' thresholds', () => {
    expect(url(clearedFilters(parse('min=0')))).toBe('');
  });
});

describe('Uncertain and Out of scope bars', () => {
  it('a bucket click narrows the model to exactly that bucket: its label filter goes, the rest stays', () => {
    const f = parse('range=90d&label=42:Mobile&label=87:Billing&bucket=42:out_of_scope&min=0.6&channel=chat');
    const next = withOnlyBucket(f, 42, 'uncertain');
    expect(next.buckets).toEqual({ 42: ['uncertain'] });
    expect(next.labels).toEqual({ 87: ['Billing'] });
    expect(url(next)).toBe('range=90d&label=87%3ABilling&bucket=42%3Auncertain&min=0.6&channel=chat');
    expect(url(withOnlyBucket(parse(''), 156, 'out_of_scope'))).toBe('bucket=156%3Aout_of_scope');
  });

  it('round-trips through the URL', () => {
    const f = withOnlyBucket(parse('range=7d'), 42, 'out_of_scope');
    expect(parse(url(f)).buckets).toEqual({ 42: ['out_of_scope'] });
  });

  it('a label click on the same model replaces its bucket filter (labels and buckets are OR-ed within a model)', () => {
    const f = parse('bucket=42:uncertain&bucket=87:uncertain');
    const next = withOnlyDimensionValues(f, [{ dimension: '42', value: 'TV' }]);
    expect(next.labels).toEqual({ 42: ['TV'] });
    expect(next.buckets).toEqual({ 87: ['uncertain'] });
    expect(withOnlyLabels(f, [{ modelId: 87, label: 'Billing' }]).buckets).toEqual({ 42: ['uncertain'] });
  });

  it('the picked buckets draw strong; metadata has none', () => {
    const f = parse('bucket=42:uncertain&meta.flow=x');
    expect(selectedBuckets(f, '42')).toEqual(['uncertain']);
    expect(selectedBuckets(f, '87')).toEqual([]);
    expect(selectedBuckets(f, 'meta.flow')).toEqual([]);
  });

  it('each bucket is a chip of its own, named after the model, removable on its own', () => {
    const f = parse('bucket=42:uncertain&bucket=42:out_of_scope');
    const chips = activeChips(f, (id) => (id === 42 ? 'Product' : `Model ${id}`));
    expect(chips.map((c) => c.text)).toEqual(['Product: Uncertain', 'Product: Out of scope']);
    expect(url(chips[0]!.remove(f))).toBe('bucket=42%3Aout_of_scope');
    expect(url(chips[1]!.remove(chips[0]!.remove(f)))).toBe('');
  });
});

describe('the confidence filter', () => {
  it('keeps min=0 ("Any": count every prediction) apart from no min (the models\' thresholds)', () => {
    const f = parse('');
    expect(f.minScore).toBeNull();
    expect(url(withMinScore(f, 0))).toBe('min=0');
    expect(parse(url(withMinScore(f, 0))).minScore).toBe(0);
    expect(url(withMinScore(f, 0.7))).toBe('min=0.7');
    expect(url(withMinScore(parse('min=0.7'), null))).toBe('');
  });

  it('its chip says which', () => {
    const chip = (q: string) => activeChips(parse(q), String).find((c) => c.key === 'min')?.text;
    expect(chip('')).toBeUndefined();
    expect(chip('min=0')).toBe('Confidence: Any (count every prediction)');
    expect(chip('min=0.5')).toBe('Confidence: ≥ 50\u00a0%');
    expect(url(activeChips(parse('min=0'), String)[0]!.remove(parse('min=0')))).toBe('');
  });
});
