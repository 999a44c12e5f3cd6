import { expect, test, type APIRequestContext } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { apiKey, storageStateFile } from '../fixtures';

// The transcripts API and the CSV export over real HTTP against `npm start`,
// its seeded sample transcripts and its worker.

const auth = () => ({ Authorization: `Bearer ${apiKey()}` });

async function waitForJob(request: APIRequestContext, id: string) {
  for (let i = 0; i < 240; i++) {
    const job = await (await request.get(`/v2/ingest-jobs/${id}`, { headers: auth() })).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`job ${id} did not finish`);
}

test('the export streams exactly the transcripts the list counts for the same filters', async ({ request }) => {
  for (const query of ['range=all', 'range=all&label=201:Angry&channel=chat', 'label=42:Mobile']) {
    const list = await request.get(`/v2/transcripts?${query}&size=10`, { headers: auth() });
    expect(list.status()).toBe(200);
    const page = await list.json();
    expect(page.request_id).toMatch(/^req_/);

    const res = await request.get(`/v2/transcripts/export?${query}`, { headers: auth() });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="callsight-transcripts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers()['x-total-count']).toBe(String(page.total));
    const [header, ...rows] = parse(await res.body()) as string[][];
    expect(header?.slice(0, 3)).toEqual(['id', 'external_id', 'occurred_at']);
    expect(header).toEqual(expect.arrayContaining(['Product', 'Product score', 'Product status', 'Sentiment', 'Sentiment score', 'Sentiment status', 'text', 'metadata']));
    expect(rows).toHaveLength(page.total);
    expect(rows.slice(0, page.transcripts.length).map((r) => Number(r[0]))).toEqual(page.transcripts.map((t: { id: number }) => t.id));
    if (query.includes('201:Angry')) {
      const sentiment = header!.indexOf('Sentiment');
      expect(rows.every((r) => r[sentiment] === 'Angry')).toBe(true);
    }
  }
  expect((await request.get('/v2/transcripts/export?range=all')).status()).toBe(401);
  expect((await request.get('/v2/transcripts?range=all')).status()).toBe(401);
  const bad = await request.get('/v2/transcripts/export?label=Angry', { headers: auth() });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.details[0].path).toBe('label[0]');
});

test('an ingested transcript comes back neutralized in the export, whole in the detail', async ({ request, playwright, baseURL }) => {
  const run = `run${Math.random().toString(36).slice(2, 10)}`;
  const texts = [`=HYPERLINK("http://x","y") ${run}`, `+1 ${run} refund`, `@SUM(A1) ${run}`, `-2+3 ${run}`, `<script>alert(1)</script> ${run}`];
  const created = await request.post('/v2/ingest-jobs', {
    headers: auth(),
    data: { transcripts: texts.map((text, i) => ({ text, external_id: `exp-${run}-${i}`, channel: 'chat', metadata: { note: '=1+1' } })), model_ids: [42, 201] },
  });
  expect(created.status()).toBe(202);
  expect((await waitForJob(request, (await created.json()).id)).counts.inserted).toBe(texts.length);

  const res = await request.get(`/v2/transcripts/export?range=all&q=${run}`, { headers: auth() });
  expect(res.headers()['x-total-count']).toBe(String(texts.length));
  const [header, ...rows] = parse(await res.body()) as string[][];
  const col = (name: string) => header!.indexOf(name);
  const byId = new Map(rows.map((r) => [r[col('external_id')], r]));
  texts.forEach((text, i) => {
    const r = byId.get(`exp-${run}-${i}`);
    expect(r?.[col('text')]).toBe(/^[=+\-@]/.test(text) ? `'${text}` : text);
    // inside the JSON cell (which starts with `{`, so a spreadsheet never runs it); the key is the ingest's business
    expect(JSON.parse(r?.[col('metadata')] ?? '{}')).toEqual({ note: '=1+1' });
  });

  const list = await (await request.get(`/v2/transcripts?range=all&q=${run}`, { headers: auth() })).json();
  expect(list.total).toBe(texts.length);
  const one = list.transcripts.find((t: { external_id: string }) => t.external_id === `exp-${run}-0`);
  const detail = await request.get(`/v2/transcripts/${one.id}`, { headers: auth() });
  expect(detail.status()).toBe(200);
  const body = await detail.json();
  expect(body).toMatchObject({ id: one.id, text: texts[0], channel: 'chat' });
  expect(body.metadata).toEqual({ note: '=1+1' });
  expect((await request.get('/v2/transcripts/2000000000', { headers: auth() })).status()).toBe(404);

  // the dashboard's own route (a signed-in person's): same rows, with a BOM for Excel
  const admin = await playwright.request.newContext({ baseURL, storageState: storageStateFile('admin') });
  const dash = await admin.get(`/api/transcripts/export?range=all&q=${run}`);
  expect(dash.status()).toBe(200);
  const csv = await dash.body();
  await admin.dispose();
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(parse(csv, { bom: true })).toHaveLength(texts.length + 1);
});
