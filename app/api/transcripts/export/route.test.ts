import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '@/lib/testing/session';
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { parseTranscriptListParams } from '@/lib/schemas/transcript-list';
import { fixtureTranscripts, HOSTILE_TEXTS, seedFixture } from '@/lib/testing/transcript-fixtures';

// Integration: the dashboard's export route against a real, migrated SQLite
// database: what it streams is exactly what the filters select.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { findTranscripts } = await import('@/lib/server/analytics/find-transcripts');
const { GET } = await import('./route');

const NOW = new Date();
const FIXTURE = fixtureTranscripts(150, NOW);
const noParams = { params: Promise.resolve({}) };

const get = (query: string) => GET(session.as(new Request(`http://localhost/api/transcripts/export?${query}`)), noParams);

/** The CSV as records keyed by header, checking every record has every column. */
async function records(res: Response): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const [header, ...rest] = parse(await res.text(), { bom: true }) as string[][];
  if (!header) throw new Error('no header row');
  for (const r of rest) expect(r).toHaveLength(header.length);
  return { header, rows: rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

const totalOf = async (query: string) => (await findTranscripts(db, parseDashboardFilters(query), parseTranscriptListParams(new URLSearchParams()))).total;

let session: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  session = await signIn(db, 'analyst');
  await seedFixture(db, FIXTURE);
});

describe('GET /api/transcripts/export', () => {
  it('streams every transcript range=all selects, newest first, with the row count in X-Total-Count', async () => {
    const res = await get('range=all');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="callsight-transcripts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const total = await totalOf('range=all');
    expect(total).toBe(FIXTURE.length);
    expect(res.headers.get('x-total-count')).toBe(String(total));
    const { header, rows } = await records(res);
    expect(header).toEqual(['id', 'external_id', 'occurred_at', 'channel', 'agent', 'queue', 'customer_id', 'language', 'Product', 'Product score', 'Product status', 'Sentiment', 'Sentiment score', 'Sentiment status', 'text', 'metadata']);
    expect(rows).toHaveLength(total);
    const times = rows.map((r) => Date.parse(r.occurred_at ?? ''));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const stored = await db.transcript.findMany({ select: { id: true } });
    expect(new Set(rows.map((r) => Number(r.id)))).toEqual(new Set(stored.map((s) => s.id)));
  });

  it.each(['', 'channel=chat', 'label=201:Angry', 'label=201:Angry&label=201:Neutral&channel=email', 'label=42:Mobile&label=201:Satisfied&range=90d', 'min=0.8&label=42:Fiber', 'q=invoice&range=7d'])(
    'exports exactly the rows the drill-down counts for ?%s',
    async (query) => {
      const res = await get(query);
      const { rows } = await records(res);
      const total = await totalOf(query);
      expect(rows).toHaveLength(total);
      expect(res.headers.get('x-total-count')).toBe(String(total));
    },
  );

  it('selects by label and channel exactly as the filters say', async () => {
    const { rows } = await records(await get('range=all&channel=chat&label=201:Angry'));
    const expected = FIXTURE.filter((t) => t.channel === 'chat' && t.sentiment === 'Angry');
    expect(rows.map((r) => r.external_id).sort()).toEqual(expected.map((t) => t.externalId).sort());
    for (const r of rows) {
      expect(r.Sentiment).toBe('Angry');
      expect(r['Sentiment score']).toMatch(/^0\.\d{4}$/);
    }
  });

  it('neutralizes cells a spreadsheet would run as formulas, and keeps text exact otherwise', async () => {
    const { rows } = await records(await get('range=all'));
    const byId = new Map(rows.map((r) => [r.external_id, r]));
    HOSTILE_TEXTS.forEach((text, i) => {
      const cell = byId.get(`hostile-${i}`)?.text;
      expect(cell).toBe(/^[=+\-@]/.test(text) ? `'${text}` : text);
    });
    // user data in any column, not just the text: an external id, a metadata value inside the JSON cell
    expect(byId.get("'@no-sentiment")).toMatchObject({ Sentiment: '', 'Sentiment score': '', Product: 'TV' });
    const withMeta = byId.get('fx-0');
    expect(JSON.parse(withMeta?.metadata ?? '')).toEqual({ region: 'south', plan: '=cmd|" /C calc"!A0' });
    expect(withMeta?.text).toBe(FIXTURE[0]?.text);
    expect(byId.get('fx-1')?.metadata).toBe('');
  });

  it('starts with a UTF-8 BOM for Excel unless bom=false', async () => {
    const bytes = async (q: string) => [...new Uint8Array(await (await get(q)).arrayBuffer()).slice(0, 3)];
    expect(await bytes('range=all')).toEqual([0xef, 0xbb, 0xbf]);
    expect(await bytes('range=all&bom=false')).toEqual([...new TextEncoder().encode('id,')]);
  });

  it('400 naming the parameter when a filter is invalid', async () => {
    for (const [query, path] of [
      ['label=Angry', 'label[0]'],
      ['range=forever', 'range'],
      ['from=2026-02-30', 'from'],
      ['min=2', 'min'],
      ['bom=maybe', 'bom'],
    ] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string; details: { path: string }[] }; request_id: string };
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.message).toMatch(/query parameters/);
      expect(body.error.details.map((d) => d.path)).toContain(path);
      expect(body.request_id).toMatch(/^req_/);
    }
  });

  it('sends the header first, and a cancelled download leaves nothing half-open', async () => {
    const res = await get('range=all');
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(first.value)).toMatch(/^\uFEFFid,external_id/);
    await reader.cancel();
    expect((await records(await get('range=all&bom=0'))).rows).toHaveLength(FIXTURE.length);
  });
});
