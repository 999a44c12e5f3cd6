import { beforeAll, describe, expect, it } from 'vitest';
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { ZDashboardLayout } from '@/lib/schemas/dashboard-layout';
import { parseTranscriptListParams } from '@/lib/schemas/transcript-list';

// Integration: the dashboard's data layer against a real migrated database
// holding a small, hand-made set of transcripts whose every count is known.
// Run once per dialect: analytics.test.ts (SQLite) and
// analytics.postgres.test.ts import this file after pointing DATABASE_URL at
// their database, so the same assertions hold on both.
const { db } = await import('@/lib/db');
const { env, isPostgresUrl } = await import('@/lib/env');
const DIALECT = isPostgresUrl(env.DATABASE_URL) ? 'PostgreSQL' : 'SQLite';
const { migrate } = await import('@/lib/migrate');
const { getFactIndex, bumpAnalyticsEpoch, ftsQuery, tsQuery } = await import('./fact-index');
const { getBreakdown } = await import('./get-breakdown');
const { getKpis } = await import('./get-kpis');
const { getTrend } = await import('./get-trend');
const { getCrossTab } = await import('./get-cross-tab');
const { getFilterOptions } = await import('./get-filter-options');
const { findTranscripts } = await import('./find-transcripts');
const { getTranscript } = await import('./get-transcript');
const { prepareExport } = await import('./prepare-export');

const NOW = new Date('2026-11-28T12:00:00Z');
const f = (q: string) => parseDashboardFilters(q, NOW);
const page = (q: string) => parseTranscriptListParams(new URLSearchParams(q));

interface Row {
  day: string;
  channel: string;
  product: string;
  productScore: number;
  issue: string;
  sentiment: string;
  churn: string;
  text: string;
}

// 2026-11 (current 30 days: 10-30 … 11-28) and 2026-10 (previous period).
const ROWS: Row[] = [
  { day: '2026-11-27', channel: 'call', product: 'Mobile', productScore: 0.9, issue: 'Billing', sentiment: 'Angry', churn: 'High', text: 'I was charged twice for my mobile plan' },
  { day: '2026-11-27', channel: 'chat', product: 'Mobile', productScore: 0.4, issue: 'Billing', sentiment: 'Neutral', churn: 'Low', text: 'Question about the invoice total' },
  { day: '2026-11-20', channel: 'call', product: 'Fiber', productScore: 0.95, issue: 'Technical', sentiment: 'Frustrated', churn: 'High', text: 'The fiber connection drops every evening' },
  { day: '2026-11-02', channel: 'email', product: 'TV', productScore: 0.8, issue: 'Technical', sentiment: 'Satisfied', churn: 'Low', text: 'Thanks, the TV box works again. <script>alert(1)</script>' },
  { day: '2026-11-02', channel: 'chat', product: 'Fiber', productScore: 0.7, issue: 'Billing', sentiment: 'Neutral', churn: 'Medium', text: 'Refund for the router rental, please' },
  { day: '2026-10-15', channel: 'call', product: 'Mobile', productScore: 0.9, issue: 'Technical', sentiment: 'Neutral', churn: 'Low', text: 'No signal at my summer house in Skåne' },
  { day: '2026-10-14', channel: 'call', product: 'Fiber', productScore: 0.9, issue: 'Billing', sentiment: 'Satisfied', churn: 'Low', text: 'Paid the invoice, all good' },
  { day: '2025-01-01', channel: 'chat', product: 'TV', productScore: 0.9, issue: 'Billing', sentiment: 'Angry', churn: 'High', text: 'Old complaint about billing' },
];

const MODELS = [
  { id: 42, name: 'Product', labels: ['Mobile', 'Fiber', 'TV', 'Streaming'], key: 'product' as const },
  { id: 87, name: 'Issue Type', labels: ['Billing', 'Technical'], key: 'issue' as const },
  { id: 201, name: 'Sentiment', labels: ['Frustrated', 'Angry', 'Neutral', 'Satisfied'], key: 'sentiment' as const },
  { id: 244, name: 'Churn Risk', labels: ['Low', 'Medium', 'High'], key: 'churn' as const },
];

async function insert(rows: Row[], offset: number) {
  for (const [i, r] of rows.entries()) {
    const occurredAt = new Date(`${r.day}T10:${String(i).padStart(2, '0')}:00Z`);
    await db.transcript.create({
      data: {
        externalId: `t-${offset + i}`,
        contentHash: `hash-${offset + i}`,
        text: r.text,
        channel: r.channel,
        agent: 'Agent A',
        queue: 'General',
        language: 'English',
        // t-0, t-2, … bought; t-1, t-3, … asked for a refund; t-0 … t-3 came from one import
        metadata: JSON.stringify({ campaign: 'autumn', flow: (offset + i) % 2 === 0 ? 'purchase' : 'refund' }),
        importJobId: offset + i < 4 ? 'ij_first' : null,
        occurredAt,
        day: r.day,
        predictions: {
          create: MODELS.map((m) => ({
            modelId: m.id,
            label: r[m.key],
            score: m.key === 'product' ? r.productScore : 0.85,
            scores: JSON.stringify(m.labels.map((l) => (l === r[m.key] ? (m.key === 'product' ? r.productScore : 0.85) : 0.05))),
            day: r.day,
          })),
        },
      },
    });
  }
}

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  for (const m of MODELS) {
    await db.model.create({ data: { id: m.id, name: m.name, labels: { create: m.labels.map((name, position) => ({ name, position })) } } });
  }
  await insert(ROWS, 0);
});

describe(`dashboard filters (${DIALECT})`, () => {
  it('resolve presets to days, keep custom ranges, and reject bad values naming the parameter', () => {
    expect(f('')).toMatchObject({ range: '30d', from: '2026-10-30', to: '2026-11-28' });
    expect(f('range=all')).toMatchObject({ from: null, to: null });
    expect(f('from=2026-10-01&to=2026-10-31&range=7d')).toMatchObject({ range: 'custom', from: '2026-10-01', to: '2026-10-31' });
    expect(f('label=42:Mobile&label=42:Fiber&label=201:Angry').labels).toEqual({ 42: ['Mobile', 'Fiber'], 201: ['Angry'] });
    expect(() => f('from=2026-02-30')).toThrow(/calendar date/);
    expect(() => f('from=2026-11-02&to=2026-11-01')).toThrow(/before from/);
    expect(() => f('min=2')).toThrow(/between 0 and 1/);
    expect(() => f('label=Mobile')).toThrow(/MODEL_ID:LABEL/);
    expect(() => f(`q=${'x'.repeat(201)}`)).toThrow(/at most 200/);
  });

  it('quote search words so operators typed by a user stay words (FTS5 and tsquery alike)', () => {
    expect(ftsQuery('refund NEAR "x" OR')).toBe('"refund" "NEAR" "x" "OR"*');
    expect(ftsQuery('invoice ')).toBe('"invoice"');
    expect(ftsQuery('!!!')).toBeNull();
    expect(tsQuery("refund | !x & o'brien:* (OR")).toBe("'refund' & 'x' & 'o' & 'brien' & 'OR':*");
    expect(tsQuery('invoice ')).toBe("'invoice'");
    expect(tsQuery('!!!')).toBeNull();
  });
});

describe(`overview queries (${DIALECT})`, () => {
  it('count top labels over the filtered transcripts, every label listed', async () => {
    const b = await getBreakdown(db, f(''), { modelId: 42 });
    expect(b.total).toBe(5);
    expect(b.labels).toEqual([
      { label: 'Mobile', count: 2 },
      { label: 'Fiber', count: 2 },
      { label: 'TV', count: 1 },
      { label: 'Streaming', count: 0 },
    ]);
    const chat = await getBreakdown(db, f('channel=chat&range=all'), { modelId: 87 });
    expect(chat.labels[0]).toEqual({ label: 'Billing', count: 3 });
  });

  it('leave predictions under the minimum confidence out as uncertain, and out of label filters', async () => {
    const b = await getBreakdown(db, f('min=0.75'), { modelId: 42 });
    expect(b.uncertain).toBe(2);
    expect(b.labels.find((l) => l.label === 'Mobile')?.count).toBe(1);
    expect((await findTranscripts(db, f('min=0.75&label=42:Mobile'), page(''))).total).toBe(1);
    expect((await findTranscripts(db, f('min=0.75'), page(''))).total).toBe(5);
  });

  it('count predictions under a model\'s own threshold as uncertain as soon as it is set', async () => {
    const before = await getBreakdown(db, f(''), { modelId: 42 });
    await db.model.update({ where: { id: 42 }, data: { threshold: 0.75, thresholdSet: true } });
    await (await getFactIndex(db)).refresh(0);
    const after = await getBreakdown(db, f(''), { modelId: 42 });
    expect(before.uncertain).toBe(0);
    expect(after.uncertain).toBe(2);
    expect((await findTranscripts(db, f('label=42:Mobile'), page(''))).total).toBe(1);
    await db.model.update({ where: { id: 42 }, data: { threshold: 0, thresholdSet: false } });
    await (await getFactIndex(db)).refresh(0);
    expect((await findTranscripts(db, f('label=42:Mobile'), page(''))).total).toBe(2);
  });

  it('AND filters across models and metadata, OR within one', async () => {
    expect((await findTranscripts(db, f('label=87:Billing&label=201:Angry&label=201:Neutral'), page(''))).total).toBe(3);
    expect((await findTranscripts(db, f('label=87:Billing&label=201:Angry&channel=call'), page(''))).total).toBe(1);
    expect((await findTranscripts(db, f('label=42:Unknown'), page(''))).total).toBe(0);
  });

  it('compute the layout\'s KPI cards with the previous period of equal length', async () => {
    const layout = ZDashboardLayout.parse({
      kpis: [
        { kind: 'volume', title: 'Transcripts' },
        { kind: 'share', title: 'Negative', model_id: 201, labels: ['Frustrated', 'Angry'] },
        { kind: 'top', title: 'Top issue', model_id: 87 },
        { kind: 'share', title: 'High churn', model_id: 244, labels: ['High'] },
        { kind: 'top', title: 'Gone', model_id: 999 },
      ],
    });
    const k = await getKpis(db, f('from=2026-11-01&to=2026-11-30'), layout);
    expect(k.previousPeriod).toEqual({ from: '2026-10-02', to: '2026-10-31' });
    expect(k.transcripts).toEqual({ value: 5, previous: 2 });
    const [volume, negative, top, churn, gone] = k.cards;
    expect(volume).toMatchObject({ format: 'count', value: { value: 5, previous: 2 } });
    expect(negative).toMatchObject({ format: 'share', value: { value: 2 / 5, previous: 0 }, count: 2, counted: 5 });
    expect(top).toMatchObject({ label: 'Billing', value: { value: 3 / 5, previous: 1 / 2 } });
    expect(churn?.value).toEqual({ value: 2 / 5, previous: 0 });
    expect(gone).toMatchObject({ missingModel: true, value: { value: null, previous: null } });
    const all = await getKpis(db, f('range=all'), layout);
    expect(all.previousPeriod).toBeNull();
    expect(all.transcripts).toEqual({ value: 8, previous: null });
  });

  it('build a trend with every period of the range, by day or ISO week', async () => {
    const byDay = await getTrend(db, f('from=2026-11-20&to=2026-11-27'), { modelId: 201, interval: 'day' });
    expect(byDay.points.map((p) => p.period)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    expect(byDay.points[0]).toMatchObject({ total: 1, counts: { Frustrated: 1, Angry: 0 } });
    expect(byDay.points[7]).toMatchObject({ total: 2, counts: { Angry: 1, Neutral: 1 } });
    const byWeek = await getTrend(db, f('from=2026-11-01&to=2026-11-30'), { modelId: 201, interval: 'week' });
    expect(byWeek.points[0]?.period).toBe('2026-10-26'); // the Monday of 2026-11-01's week
    expect(byWeek.points.reduce((a, p) => a + p.total, 0)).toBe(5);
  });

  it('cross-tabulate two models', async () => {
    const x = await getCrossTab(db, f('range=all'), { rows: '42', cols: '87' });
    expect(x).toMatchObject({ rowDimension: '42', rowName: 'Product', colDimension: '87', colName: 'Issue Type' });
    const cell = (r: string, c: string) => x.cells[x.rows.indexOf(r)]?.[x.cols.indexOf(c)];
    expect(cell('Mobile', 'Billing')).toBe(2);
    expect(cell('Fiber', 'Technical')).toBe(1);
    expect(cell('TV', 'Billing')).toBe(1);
    expect(x.max).toBe(2);
  });

  it('find words in the text through the full-text index, accents folded, prefixes matched', async () => {
    expect((await findTranscripts(db, f('q=refund&range=all'), page(''))).rows.map((r) => r.externalId)).toEqual(['t-4']);
    expect((await findTranscripts(db, f('q=invoi&range=all'), page(''))).total).toBe(2);
    // Accents folded on both sides, on both databases: in the query, and in the text.
    expect((await findTranscripts(db, f('q=rëfund router&range=all'), page(''))).total).toBe(1);
    expect((await findTranscripts(db, f('q=skane&range=all'), page(''))).rows.map((r) => r.externalId)).toEqual(['t-5']);
    expect((await findTranscripts(db, f('q=SKÅNE&range=all'), page(''))).total).toBe(1);
  });

  it('filter, break down and cross-tabulate by any metadata key and by import, like the built-in fields', async () => {
    expect((await findTranscripts(db, f('range=all&meta.flow=refund'), page(''))).rows.map((r) => r.externalId).sort()).toEqual(['t-1', 't-3', 't-5', 't-7']);
    // OR within a key, AND across keys and with labels
    expect((await findTranscripts(db, f('range=all&meta.flow=refund&meta.flow=purchase'), page(''))).total).toBe(8);
    expect((await findTranscripts(db, f('range=all&meta.flow=refund&label=87:Billing'), page(''))).total).toBe(2);
    expect((await findTranscripts(db, f('range=all&meta.flow=refund&meta.campaign=spring'), page(''))).total).toBe(0);
    expect((await findTranscripts(db, f('range=all&meta.nosuchkey=x'), page(''))).total).toBe(0);
    expect((await findTranscripts(db, f('range=all&import=ij_first'), page(''))).rows.map((r) => r.externalId).sort()).toEqual(['t-0', 't-1', 't-2', 't-3']);
    expect((await findTranscripts(db, f('range=all&import=ij_nosuchjob'), page(''))).total).toBe(0);
    const row = (await findTranscripts(db, f('range=all&import=ij_first&meta.flow=purchase'), page(''))).rows[0];
    expect(row).toMatchObject({ importJobId: 'ij_first', metadata: { campaign: 'autumn', flow: 'purchase' } });

    const b = await getBreakdown(db, f('range=all&label=87:Billing'), { dimension: 'meta.flow' });
    expect(b).toEqual({ dimension: 'meta.flow', modelId: null, name: 'flow', total: 5, uncertain: 0, outOfScope: 0, threshold: null, thresholdSource: null, labels: [{ label: 'purchase', count: 3 }, { label: 'refund', count: 2 }] });
    expect((await getBreakdown(db, f('range=all'), { dimension: 'channel' })).labels[0]).toEqual({ label: 'call', count: 4 });
    expect((await getBreakdown(db, f('range=all'), { dimension: 'meta.nosuchkey' })).total).toBe(0);

    const x = await getCrossTab(db, f('range=all'), { rows: 'meta.flow', cols: '87' });
    expect(x.rowName).toBe('flow');
    expect(x.cells[x.rows.indexOf('refund')]?.[x.cols.indexOf('Billing')]).toBe(2);
    expect(x.cells[x.rows.indexOf('purchase')]?.[x.cols.indexOf('Billing')]).toBe(3);

    // the export selects through the same filters
    const exp = await prepareExport(db, f('range=all&meta.flow=refund'));
    expect(exp.total).toBe(4);
  });

  it('list the metadata values present', async () => {
    const o = await getFilterOptions(db);
    expect(o.channel.map((c) => c.value)).toEqual(['call', 'chat', 'email']);
    expect(o.meta.map((m) => m.key)).toEqual(['campaign', 'flow']);
    expect(o.meta.find((m) => m.key === 'flow')).toEqual({ key: 'flow', transcripts: 8, distinct: 2, values: [{ value: 'purchase', count: 4 }, { value: 'refund', count: 4 }] });
    expect(o.models.map((m) => m.id)).toEqual([42, 87, 201, 244]);
    expect(o.firstDay).toBe('2025-01-01');
  });
});

describe(`drill-down and export (${DIALECT})`, () => {
  it('page and sort transcripts by time or by a model score', async () => {
    const p1 = await findTranscripts(db, f('range=all'), page('size=10'));
    expect(p1.total).toBe(8);
    expect(p1.rows.map((r) => r.externalId)).toEqual(['t-1', 't-0', 't-2', 't-4', 't-3', 't-5', 't-6', 't-7']);
    expect(p1.rows[0]?.predictions[42]).toEqual({ label: 'Mobile', score: expect.closeTo(0.4, 5), uncertain: false, outOfScope: false, corrected: false });
    const oldest = await findTranscripts(db, f('range=all'), page('dir=asc&size=10'));
    expect(oldest.rows[0]?.externalId).toBe('t-7');
    const second = await findTranscripts(db, f('range=all'), page('page=2&size=10'));
    expect(second.rows).toEqual([]);
    const byScore = await findTranscripts(db, f('range=all'), page('sort=score&model=42&dir=asc&size=10'));
    expect(byScore.rows.slice(0, 2).map((r) => r.externalId)).toEqual(['t-1', 't-4']);
  });

  it('returns a transcript with its metadata and every model’s full score list', async () => {
    const id = (await db.transcript.findUniqueOrThrow({ where: { externalId: 't-3' } })).id;
    const t = await getTranscript(db, id);
    expect(t?.text).toContain('<script>');
    expect(t?.metadata).toEqual({ campaign: 'autumn', flow: 'refund' });
    expect(t?.importJobId).toBe('ij_first');
    expect(t?.predictions.find((p) => p.modelId === 201)?.scores[0]).toEqual({ label: 'Satisfied', score: 0.85 });
    expect(await getTranscript(db, 999_999)).toBeNull();
  });

  it('exports exactly the drill-down’s rows in its order', async () => {
    const filters = f('label=87:Billing&range=all');
    const listed = await findTranscripts(db, filters, page('size=10'));
    const exp = await prepareExport(db, filters);
    const rows = [];
    for await (const batch of exp.batches(2)) rows.push(...batch);
    expect(exp.total).toBe(listed.total);
    expect(rows.map((r) => r.externalId)).toEqual(listed.rows.map((r) => r.externalId));
    expect(rows[0]?.predictions[42]).toEqual({ label: 'Mobile', score: 0.4, status: 'counted' });
  });

  it('picks up new transcripts, and reloads when the epoch is bumped', async () => {
    await insert([{ ...ROWS[0]!, day: '2026-11-28', text: 'A brand new call about roaming' }], 100);
    await (await getFactIndex(db)).refresh(0);
    expect((await findTranscripts(db, f('q=roaming'), page(''))).total).toBe(1);
    expect((await getBreakdown(db, f(''), { modelId: 42 })).total).toBe(6);
    await db.prediction.updateMany({ where: { modelId: 42, label: 'Mobile' }, data: { label: 'Streaming' } });
    await bumpAnalyticsEpoch(db);
    await (await getFactIndex(db)).refresh(0);
    const b = await getBreakdown(db, f(''), { modelId: 42 });
    expect(b.labels[0]).toEqual({ label: 'Streaming', count: 3 });
  });
});
