import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZIngestJob } from '@/lib/schemas/ingest';

// POST /v2/ingest-jobs with an API key, called through the exported handler
// against a real migrated database: what a client gets for hostile uploads.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { createApiKey } = await import('@/lib/server/keys/create-api-key');
const { ingestConfig } = await import('@/lib/ingest/config');
const ingest = await import('./route');

let key = '';
const uploadDir = resolve(ingestConfig.INGEST_UPLOAD_DIR);
const uploads = () => (existsSync(uploadDir) ? readdirSync(uploadDir).sort() : []);

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  // The language model answers without training: enough for jobs to be queued.
  if (!(await db.model.count({ where: { kind: 'language' } }))) await db.model.create({ data: { name: 'Language', kind: 'language' } });
  key = (await createApiKey(db, { name: 'ingest route test' })).key;
});

function post(path: string, body: BodyInit, contentType: string | null) {
  const headers: Record<string, string> = { Authorization: `Bearer ${key}` };
  if (contentType !== null) headers['Content-Type'] = contentType;
  return ingest.POST(new Request(`http://localhost${path}`, { method: 'POST', headers, body }), { params: Promise.resolve({}) });
}

type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] }; request_id: string };

describe('POST /v2/ingest-jobs with an API key', () => {
  it('finding 8: refuses a Content-Type it does not document with 415, in the error format, naming Content-Type', async () => {
    for (const type of ['application/xml', 'image/png', 'application/x-www-form-urlencoded', null]) {
      const before = uploads();
      // bytes, not a string: a string body would get text/plain from Request itself
      const res = await post('/v2/ingest-jobs?file_name=calls.csv', new TextEncoder().encode('text\n"hello there"\n'), type);
      expect(res.status, String(type)).toBe(415);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe('unsupported_media_type');
      expect(body.error.message).toMatch(/text\/csv/);
      expect(body.error.details).toEqual([{ path: 'Content-Type', message: expect.stringMatching(/expected/) }]);
      expect(body.request_id).toMatch(/^req_/);
      expect(uploads()).toEqual(before);
    }
  });

  it('keeps every documented type working: CSV, JSON Lines, text, octet-stream, a JSON body and multipart', async () => {
    const csv = 'text,id\n"My bill is wrong this month",c1\n';
    const cases: [string, BodyInit, string, string[]][] = [
      ['/v2/ingest-jobs?file_name=a.csv', csv, 'text/csv; charset=utf-8', ['text', 'id']],
      ['/v2/ingest-jobs?format=jsonl', '{"text":"The router blinks red"}\n', 'application/x-ndjson', ['text']],
      ['/v2/ingest-jobs?format=jsonl', '{"text":"The router blinks red again"}\n', 'application/jsonl', ['text']],
      ['/v2/ingest-jobs', 'Please cancel my TV package.\n', 'text/plain', ['text']],
      ['/v2/ingest-jobs?file_name=b.csv', csv, 'application/octet-stream', ['text', 'id']],
      ['/v2/ingest-jobs', JSON.stringify({ transcripts: [{ text: 'Where is my parcel?' }] }), 'application/json', ['text']],
    ];
    for (const [path, body, type, columns] of cases) {
      const res = await post(path, body, type);
      expect(res.status, type).toBe(202);
      const job = ZIngestJob.parse(await res.json());
      expect(JSON.parse((await db.ingestJob.findUniqueOrThrow({ where: { id: job.id } })).columns), type).toEqual(columns);
    }
    const form = new FormData();
    form.append('note', 'ignored');
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'from-form.csv');
    const multipart = new Request('http://localhost/v2/ingest-jobs', { method: 'POST', headers: { Authorization: `Bearer ${key}` }, body: form });
    const res = await ingest.POST(multipart, { params: Promise.resolve({}) });
    expect(res.status).toBe(202);
    const job = ZIngestJob.parse(await res.json());
    expect(job.file).toMatchObject({ name: 'from-form.csv', size: Buffer.byteLength(csv), format: 'csv' });
    expect(JSON.parse((await db.ingestJob.findUniqueOrThrow({ where: { id: job.id } })).columns)).toEqual(['text', 'id']);
  });

  it('finding 2: a refused job (400 for an unknown model) leaves no upload behind', async () => {
    const before = uploads();
    const res = await post('/v2/ingest-jobs?file_name=c.csv&models=999', 'text\n"hello there"\n', 'text/csv');
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.details[0]).toMatchObject({ path: 'models' });
    expect(uploads()).toEqual(before);
  });

  it('finding 1: a row nested 100,000 levels deep among the first rows is queued (202), not a 500', async () => {
    const deep = `{"text":"deep","meta":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const res = await post('/v2/ingest-jobs?format=jsonl', `{"text":"first"}\n${deep}\n{"text":"third"}\n`, 'application/x-ndjson');
    expect(res.status).toBe(202);
  });
});
