import { describe, expect, it } from 'vitest';
import { EMPTY_LAYOUT, ZDashboardLayout, type TDashboardLayout } from '@/lib/schemas/dashboard-layout';
import { draftOf, layoutOf, moveItem, pathString, placeErrors, removeAt, shareTitle } from './layout-draft';

const LAYOUT: TDashboardLayout = {
  kpis: [
    { kind: 'volume', title: 'Transcripts' },
    { kind: 'share', title: 'Negative', model_id: 201, labels: ['Frustrated', 'Angry'], up_is: 'bad' },
  ],
  breakdowns: [
    { dimension: '42', chart: 'bars' },
    { dimension: 'meta.flow', chart: 'donut', title: 'Flow', limit: 5 },
    { dimension: 'channel', chart: 'bars' },
  ],
  trend: { models: [201, 42] },
  cross_tab: { rows: '42', cols: 'meta.flow' },
  filters: ['42', 'meta.flow'],
  columns: ['201'],
};

describe('the editor draft', () => {
  it('round-trips a layout, and keeps the schema happy', () => {
    expect(layoutOf(draftOf(LAYOUT))).toEqual(LAYOUT);
    expect(layoutOf(draftOf(EMPTY_LAYOUT))).toEqual(EMPTY_LAYOUT);
    expect(ZDashboardLayout.parse(layoutOf(draftOf(LAYOUT)))).toEqual(LAYOUT);
  });

  it('gives every item its own key', () => {
    const d = draftOf(LAYOUT);
    const keys = [...d.kpis, ...d.breakdowns, ...d.trend, ...d.filters, ...d.columns].map((x) => x.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a cross-tab switched off is saved as null, and remembers nothing else', () => {
    const d = draftOf(LAYOUT);
    expect(layoutOf({ ...d, crossTab: { ...d.crossTab, enabled: false } }).cross_tab).toBeNull();
    expect(draftOf(EMPTY_LAYOUT).crossTab).toEqual({ enabled: false, rows: '', cols: '' });
  });
});

describe('moving and removing', () => {
  it('moves an item up, down, to either end; out of range changes nothing', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, 9)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 5, 0)).toEqual(['a', 'b', 'c']);
    const list = ['a', 'b'];
    moveItem(list, 0, 1);
    expect(list).toEqual(['a', 'b']);
  });

  it('removes one item', () => {
    expect(removeAt(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(removeAt(['a'], 3)).toEqual(['a']);
  });
});

describe('server errors beside what they concern', () => {
  it('places item paths on the item (by key, so a later reorder keeps them on the right row)', () => {
    const d = draftOf(LAYOUT);
    const e = placeErrors(d, [
      { path: 'breakdowns[2].dimension', message: 'no model 9' },
      { path: 'kpis[1].labels[0]', message: '"Frustrated" is not a label of Sentiment' },
      { path: 'trend.models[1]', message: 'no model 42' },
      { path: 'filters[1]', message: '"meta.flow" is listed twice' },
    ]);
    expect(e.byKey[d.breakdowns[2]!.key]).toEqual(['dimension: no model 9']);
    expect(e.byKey[d.kpis[1]!.key]).toEqual(['labels[0]: "Frustrated" is not a label of Sentiment']);
    expect(e.byKey[d.trend[1]!.key]).toEqual(['no model 42']);
    expect(e.byKey[d.filters[1]!.key]).toEqual(['"meta.flow" is listed twice']);
    expect(e.other).toEqual([]);
  });

  it('places section paths on the section, an index past the list on its section, the rest above all', () => {
    const d = draftOf(LAYOUT);
    const e = placeErrors(d, [
      { path: 'cross_tab.rows', message: 'no model 7' },
      { path: 'breakdowns', message: 'at most 24 breakdown cards' },
      { path: 'columns[9]', message: 'gone' },
      { path: '(body)', message: 'the request body must be a JSON object' },
      { path: 'colour', message: 'unknown field' },
    ]);
    expect(e.bySection).toEqual({ cross_tab: ['rows: no model 7'], breakdowns: ['at most 24 breakdown cards'], columns: ['gone'] });
    expect(e.other).toEqual(['the request body must be a JSON object', 'colour: unknown field']);
  });

  it('reads dotted indexes too', () => {
    const d = draftOf(LAYOUT);
    expect(placeErrors(d, [{ path: 'breakdowns.0.dimension', message: 'x' }]).byKey[d.breakdowns[0]!.key]).toEqual(['dimension: x']);
  });

  it('writes a zod issue path in the same notation', () => {
    expect(pathString(['breakdowns', 2, 'dimension'])).toBe('breakdowns[2].dimension');
    expect(pathString(['kpis', 1, 'labels', 0])).toBe('kpis[1].labels[0]');
    expect(pathString(['trend', 'models', 3])).toBe('trend.models[3]');
    expect(pathString([])).toBe('');
  });

  it('the schema’s own errors land where the server’s would', () => {
    const d = draftOf({ ...LAYOUT, breakdowns: [...LAYOUT.breakdowns, { dimension: 'meta.', chart: 'bars' }] });
    const r = ZDashboardLayout.safeParse(layoutOf(d));
    expect(r.success).toBe(false);
    const e = placeErrors(
      d,
      r.error!.issues.map((i) => ({ path: pathString(i.path), message: i.message })),
    );
    expect(e.byKey[d.breakdowns[3]!.key]?.[0]).toMatch(/^dimension: a dimension is/);
  });
});

describe('a new share card’s title', () => {
  it('names one or two labels, counts the rest, and fits the schema', () => {
    expect(shareTitle(['Angry'])).toBe('Angry');
    expect(shareTitle(['Frustrated', 'Angry'])).toBe('Frustrated or Angry');
    expect(shareTitle(['A', 'B', 'C', 'D'])).toBe('A, B +2');
    expect(shareTitle(['x'.repeat(80)]).length).toBeLessThanOrEqual(60);
  });
});
