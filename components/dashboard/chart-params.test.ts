import { describe, expect, it } from 'vitest';
import { EMPTY_LAYOUT, type TDashboardLayout } from '@/lib/schemas/dashboard-layout';
import { sameHref, viewQueryOf } from '@/components/views/view-query';
import { chartParamsOf, defaultChartChoices, resolveChartChoices, withChartChoices } from './chart-params';
import { labelsPhrase } from './kpi-text';
import { shownFilterDimensions } from './filter-edits';
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters';

const LAYOUT: TDashboardLayout = { ...EMPTY_LAYOUT, trend: { models: [201, 42] }, cross_tab: { rows: '42', cols: '87' }, filters: ['201', 'meta.flow'] };
const MONTH = { from: '2026-10-30', to: '2026-11-28' };
const ALL = { from: null, to: null };

describe('chart choices in the URL', () => {
  it('default to the layout, the interval to the range', () => {
    expect(defaultChartChoices(LAYOUT, MONTH)).toEqual({ trend: 201, interval: 'day', rows: '42', cols: '87' });
    expect(defaultChartChoices(EMPTY_LAYOUT, ALL)).toEqual({ trend: null, interval: 'week', rows: null, cols: null });
    expect(resolveChartChoices(new URLSearchParams(''), LAYOUT, MONTH)).toEqual(defaultChartChoices(LAYOUT, MONTH));
  });

  it('read valid params over the defaults, and ignore invalid ones', () => {
    expect(resolveChartChoices(new URLSearchParams('trend=42&interval=week&rows=meta.flow&cols=channel'), LAYOUT, MONTH)).toEqual({ trend: 42, interval: 'week', rows: 'meta.flow', cols: 'channel' });
    expect(resolveChartChoices(new URLSearchParams('trend=abc&interval=month&rows=nope&cols=0'), LAYOUT, MONTH)).toEqual({ trend: 201, interval: 'day', rows: '42', cols: '87' });
    // a page's searchParams object reads the same
    expect(resolveChartChoices({ trend: ['42', '201'], rows: 'queue' }, LAYOUT, MONTH)).toMatchObject({ trend: 42, rows: 'queue' });
  });

  it('a layout without a trend or a cross-tab has none, whatever the URL says', () => {
    expect(resolveChartChoices(new URLSearchParams('trend=42&rows=42&cols=87'), EMPTY_LAYOUT, MONTH)).toEqual({ trend: null, interval: 'day', rows: null, cols: null });
  });

  it('writes a choice unless it is the default, keeping every other param', () => {
    const d = defaultChartChoices(LAYOUT, MONTH);
    const sp = new URLSearchParams('label=42:Mobile&trend=42');
    expect(withChartChoices(sp, { rows: 'meta.flow' }, d).toString()).toBe('label=42%3AMobile&trend=42&rows=meta.flow');
    expect(withChartChoices(sp, { trend: '201' }, d).toString()).toBe('label=42%3AMobile');
    expect(withChartChoices(sp, { trend: null, interval: 'week' }, d).toString()).toBe('label=42%3AMobile&interval=week');
    expect(sp.toString()).toBe('label=42%3AMobile&trend=42');
  });

  it('picks the chart params out of a URL', () => {
    expect(chartParamsOf(new URLSearchParams('label=1:a&rows=42&page=3&interval=week')).toString()).toBe('interval=week&rows=42');
  });
});

describe('saved view queries', () => {
  it('keep the canonical filters and the chart choices of the overview', () => {
    expect(viewQueryOf('/', new URLSearchParams('channel=chat&range=90d&trend=42&page=2&sort=time&bogus=1'))).toBe('range=90d&channel=chat&trend=42');
  });

  it('keep the canonical filters and the list params of the drill-down, not the page', () => {
    expect(viewQueryOf('/transcripts', new URLSearchParams('meta.flow=x&page=4&size=100&sort=score&model=42&dir=asc&trend=42'))).toBe('meta.flow=x&size=100&sort=score&model=42&dir=asc');
  });

  it('the cleared overview saves as no query at all', () => {
    expect(viewQueryOf('/', new URLSearchParams('range=30d'))).toBe('');
  });

  it('two links are the same view whatever the order of their params (and an explicit default range)', () => {
    expect(sameHref('/?a=1&b=2', '/?b=2&a=1')).toBe(true);
    expect(sameHref('/?range=30d', '/')).toBe(true);
    expect(sameHref('/?label=1:a&label=1:b', '/?label=1:b&label=1:a')).toBe(true);
    expect(sameHref('/transcripts?a=1', '/?a=1')).toBe(false);
    expect(sameHref('/?a=1', '/?a=2')).toBe(false);
  });
});

describe('the filter bar', () => {
  it('shows the layout’s filters in order, then those the URL narrows by, then those added for this page; never a field', () => {
    const f = parseDashboardFilters('label=87:Billing&label=201:Angry&meta.plan=gold&channel=chat', new Date('2026-11-28T00:00:00Z'));
    expect(shownFilterDimensions(LAYOUT, f, ['meta.region', '201', 'queue'])).toEqual(['201', 'meta.flow', '87', 'meta.plan', 'meta.region']);
    expect(shownFilterDimensions(undefined, f, [])).toEqual(['87', '201', 'meta.plan']);
  });
});

describe('a share card’s labels', () => {
  it('reads short', () => {
    expect(labelsPhrase(['Angry'])).toBe('Angry');
    expect(labelsPhrase(['Frustrated', 'Angry'])).toBe('Frustrated or Angry');
    expect(labelsPhrase(['A', 'B', 'C'])).toBe('A, B or C');
    expect(labelsPhrase(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C or 2 more');
  });
});
