import { expect, test, type APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { apiKey } from '../fixtures';
import { storedFor, writeTranscriptCsv } from '../fixtures/ingest';

// The ingest API over real HTTP against `npm start` and its worker.

const auth = () => ({ Authorization: `Bearer ${apiKey()}` });

async function waitForJob(request: APIRequestContext, id: string) {
  for (let i = 0; i < 240; i++) {
    const res = await request.get(`/v2/ingest-jobs/${id}`, { headers: auth() });
    expect(res.status()).toBe(200);
    const job = await res.json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`job ${id} did not finish`);
}

test('a CSV body becomes a job; polling ends with every row stored; the same file again is all duplicates', async ({ request }) => {
  test.setTimeout(90_000);
  const { path, run } = writeTranscriptCsv(120, { badRows: true });
  const body = readFileSync(path);
  const created = await request.post('/v2/ingest-jobs?file_name=calls.csv', { headers: { ...auth(), 'Content-Type': 'text/csv' }, data: body });
  expect(created.status()).toBe(202);
  const job = await created.json();
  expect(created.headers()['location']).toBe(`/v2/ingest-jobs/${job.id}`);
  expect(job.mapping).toMatchObject({ text: 'transcript', externalId: 'id', occurredAt: 'timestamp' });

  const done = await waitForJob(request, job.id);
  expect(done.status).toBe('done');
  expect(done.counts).toMatchObject({ parsed: 120, inserted: 120, duplicates: 0, rejected: 2 });
  expect((await storedFor(run)).transcripts).toBe(120);

  const rej = await request.get(`/v2/ingest-jobs/${job.id}/rejections`, { headers: auth() });
  const rejBody = await rej.json();
  expect(rejBody.rejections.map((r: { line: number }) => r.line)).toEqual([242, 243]); // each transcript spans two lines (a quoted newline)
  expect(rejBody.rejections[1].reason).toMatch(/not a date/);
  const csv = await request.get(`/v2/ingest-jobs/${job.id}/rejections?format=csv`, { headers: auth() });
  expect(csv.headers()['content-type']).toMatch(/text\/csv/);
  expect(await csv.text()).toContain('line,reason,excerpt');

  const again = await request.post('/v2/ingest-jobs?file_name=calls-again.csv', { headers: { ...auth(), 'Content-Type': 'text/csv' }, data: body });
  const second = await waitForJob(request, (await again.json()).id);
  expect(second.counts).toMatchObject({ inserted: 0, duplicates: 120, rejected: 2 });
  expect((await storedFor(run)).transcripts).toBe(120);
});

test('a JSON body of transcripts, and clear errors', async ({ request }) => {
  const run = Math.random().toString(36).slice(2, 10);
  const created = await request.post('/v2/ingest-jobs', {
    headers: auth(),
    data: { transcripts: [{ text: `My invoice is wrong again ${run}`, external_id: `e2e-${run}-0`, channel: 'email', metadata: { region: 'west' } }], model_ids: [42, 201] },
  });
  expect(created.status()).toBe(202);
  const done = await waitForJob(request, (await created.json()).id);
  expect(done.counts.inserted).toBe(1);
  expect(done.model_ids).toEqual([42, 201]);
  expect(await storedFor(run)).toMatchObject({ transcripts: 1, predictions: 2 });

  expect((await request.post('/v2/ingest-jobs', { data: { transcripts: [{ text: 'x' }] } })).status()).toBe(401);
  const empty = await request.post('/v2/ingest-jobs', { headers: auth(), data: { transcripts: [{ text: '' }] } });
  expect(empty.status()).toBe(400);
  expect((await empty.json()).error.details[0].path).toBe('transcripts[0].text');
  const noText = await request.post('/v2/ingest-jobs?file_name=x.csv', { headers: { ...auth(), 'Content-Type': 'text/csv' }, data: 'a,b\n1,2\n' });
  expect(noText.status()).toBe(400);
  expect((await noText.json()).error.message).toMatch(/Which column holds the transcript text\? The file has: a, b/);
  const unknownModel = await request.post('/v2/ingest-jobs', { headers: auth(), data: { transcripts: [{ text: 'hi there' }], model_ids: [999] } });
  expect(unknownModel.status()).toBe(400);
  expect((await request.get('/v2/ingest-jobs/ij_nothing', { headers: auth() })).status()).toBe(404);
});
