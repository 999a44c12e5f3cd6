import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportCsvHeader, exportCsvResponse, exportCsvStream, exportFileName, type PreparedExport } from './export-csv';
import type { DashboardModel, ExportRow } from './types';

// The CSV stream on its own, over a fake prepareExport: columns, cells,
// backpressure and cancellation. The route tests cover it against the database.

const MODELS: DashboardModel[] = [
  { id: 42, name: 'Product', multiLabel: false, labels: ['Mobile', 'TV'] },
  { id: 201, name: 'Sentiment', multiLabel: false, labels: ['Angry', 'Neutral'] },
];

function row(id: number, over: Partial<ExportRow> = {}): ExportRow {
  return {
    id,
    externalId: `c-${id}`,
    occurredAt: '2026-11-28T10:00:00.000Z',
    channel: 'phone',
    agent: 'Ann',
    queue: 'billing',
    customerId: 'cust-1',
    language: 'English',
    metadata: {},
    text: `transcript ${id}`,
    predictions: { 42: { label: 'Mobile', score: 0.9, status: 'counted' }, 201: { label: 'Angry', score: 0.123456, status: 'uncertain' } },
    ...over,
  };
}

/** A fake export of `total` rows that records how many batches were read and whether it was closed. */
function fakeExport(total: number, batchSize = 10) {
  const seen = { batches: 0, closed: false };
  const prepared: PreparedExport = {
    models: MODELS,
    total,
    async *batches(size = batchSize) {
      try {
        for (let start = 0; start < total; start += size) {
          seen.batches++;
          yield Array.from({ length: Math.min(size, total - start) }, (_, i) => row(start + i + 1));
        }
      } finally {
        seen.closed = true;
      }
    },
  };
  return { prepared, seen };
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('exportCsvStream', () => {
  it('writes the header, each model as counted label, score and status (an uncertain one leaves the label empty), the text and compact metadata JSON', async () => {
    const prepared: PreparedExport = {
      models: MODELS,
      total: 2,
      async *batches() {
        yield [row(1, { metadata: { region: 'north', plan: '=1+1' } }), row(2, { externalId: null, predictions: { 42: { label: 'TV', score: 1, status: 'corrected' } }, text: '-2+3, "quoted"\nline' })];
      },
    };
    const csv = await text(exportCsvStream(prepared));
    expect(csv.split('\r\n')[0]).toBe('id,external_id,occurred_at,channel,agent,queue,customer_id,language,Product,Product score,Product status,Sentiment,Sentiment score,Sentiment status,text,metadata');
    const [header, first, second] = parse(csv) as string[][];
    expect(header).toHaveLength(16);
    expect(first).toEqual(['1', 'c-1', '2026-11-28T10:00:00.000Z', 'phone', 'Ann', 'billing', 'cust-1', 'English', 'Mobile', '0.9000', 'counted', '', '0.1235', 'uncertain', 'transcript 1', '{"region":"north","plan":"=1+1"}']);
    expect(second).toEqual(['2', '', '2026-11-28T10:00:00.000Z', 'phone', 'Ann', 'billing', 'cust-1', 'English', 'TV', '1.0000', 'corrected', '', '', '', `'-2+3, "quoted"\nline`, '']);
  });

  it('starts with a BOM only when asked', async () => {
    // bytes, since decoding as text drops a BOM
    const bytes = new Uint8Array(await new Response(exportCsvStream(fakeExport(1).prepared, { bom: true })).arrayBuffer());
    expect([...bytes.slice(0, 5)]).toEqual([0xef, 0xbb, 0xbf, 0x69, 0x64]);
    expect((await text(exportCsvStream(fakeExport(1).prepared))).startsWith('id,')).toBe(true);
  });

  it('reads the next batch only when the consumer wants it (pull-based)', async () => {
    const { prepared, seen } = fakeExport(1000, 10);
    const progress: number[] = [];
    const reader = exportCsvStream(prepared, { onProgress: (n) => progress.push(n) }).getReader();
    await reader.read(); // the header
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.batches).toBeLessThanOrEqual(2);
    await reader.read();
    await reader.read();
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.batches).toBeLessThanOrEqual(4);
    expect(progress[0]).toBe(10);
    await reader.cancel();
    expect(seen.closed).toBe(true);
  });

  it('streams every row of a larger export, skipping empty batches', async () => {
    const { prepared, seen } = fakeExport(2345, 100);
    const rows = parse(await text(exportCsvStream(prepared))) as string[][];
    expect(rows).toHaveLength(2346);
    expect(rows.at(-1)?.[0]).toBe('2345');
    expect(seen.closed).toBe(true);

    const withEmpty: PreparedExport = {
      models: [],
      total: 1,
      async *batches() {
        yield [];
        yield [row(7)];
        yield [];
      },
    };
    expect(parse(await text(exportCsvStream(withEmpty)))).toHaveLength(2);
  });

  it('keeps headers unique when model names clash', () => {
    const header = exportCsvHeader([
      ...MODELS,
      { id: 7, name: 'Product', multiLabel: false, labels: [] },
      { id: 8, name: 'text', multiLabel: false, labels: [] },
      { id: 230, name: 'Language', multiLabel: false, labels: [] },
    ]);
    expect(new Set(header).size).toBe(header.length);
    expect(header).toContain('Product (42)');
    expect(header).toContain('Product (7) score');
    expect(header).toContain('text (8)');
    expect(header).toEqual(expect.arrayContaining(['language', 'Language', 'Language score']));
  });

  it('answers a download with the file name and row count', async () => {
    const res = exportCsvResponse(fakeExport(3).prepared, { now: new Date('2026-11-28T23:59:00Z') });
    expect(exportFileName(new Date('2026-11-28T23:59:00Z'))).toBe('callsight-transcripts-2026-11-28.csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="callsight-transcripts-2026-11-28.csv"');
    expect(res.headers.get('x-total-count')).toBe('3');
    expect(parse(await res.text())).toHaveLength(4);
  });
});
