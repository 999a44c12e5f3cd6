import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// POST /api/uploads as the dashboard sends it (a signed-in browser, the file
// as an application/octet-stream body): the draft's preview stays small and
// a hostile row is a rejected row in it, never a 500.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { signIn } = await import('@/lib/testing/session');
const { ingestConfig } = await import('@/lib/ingest/config');
const uploadsRoute = await import('./route');

type Session = Awaited<ReturnType<typeof signIn>>;
type Preview = { format: string; columns: string[]; rows: { line: number; record: Record<string, string> }[]; errors: { line: number; reason: string }[]; truncated: boolean };

let analyst: Session;
const uploadDir = resolve(ingestConfig.INGEST_UPLOAD_DIR);
const uploads = () => (existsSync(uploadDir) ? readdirSync(uploadDir).sort() : []);

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  analyst = await signIn(db, 'admin');
});

function upload(fileName: string, body: BodyInit, contentType = 'application/octet-stream') {
  const request = new Request(`http://localhost/api/uploads?file_name=${encodeURIComponent(fileName)}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });
  return uploadsRoute.POST(analyst.as(request), { params: Promise.resolve({}) });
}

describe('POST /api/uploads', () => {
  it('finding 3: the preview of a 5 MB one-line row answers < 10 kB', async () => {
    const res = await upload('one-line.jsonl', JSON.stringify({ text: 'x'.repeat(5 * 1024 ** 2) }));
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text.length).toBeLessThan(10_000);
    const { preview } = JSON.parse(text) as { preview: Preview };
    expect(preview.errors).toEqual([{ line: 1, reason: expect.stringMatching(/longer than the limit of 1,000,000 characters \(INGEST_MAX_ROW_CHARS\)/) }]);
  });

  it('finding 3: values are cut to a few hundred characters and the answer says so', async () => {
    const res = await upload('wide.csv', `id,text\n1,"${'long words '.repeat(20_000)}"\n2,short\n`);
    expect(res.status).toBe(201);
    const { preview } = (await res.json()) as { preview: Preview };
    expect(preview.truncated).toBe(true);
    expect(preview.rows.map((r) => r.record.text!.length <= 301)).toEqual([true, true]);
    expect(preview.rows[1]!.record.text).toBe('short');
  });

  it('finding 1: a row nested 100,000 levels deep in the first 20 rows is a rejected row in the preview, not a 500', async () => {
    const deep = `{"text":"deep","meta":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const res = await upload('deep.jsonl', `{"text":"first"}\n${deep}\n{"text":"third"}\n`);
    expect(res.status).toBe(201);
    const { preview } = (await res.json()) as { preview: Preview };
    expect(preview.rows.map((r) => r.line)).toEqual([1, 3]);
    expect(preview.errors).toEqual([{ line: 2, reason: expect.stringMatching(/nested deeper than 64 levels/) }]);
  });

  it('finding 2: an unreadable file is refused with 400 and its upload deleted', async () => {
    const before = uploads();
    const res = await upload('odd.json', '"just a string"');
    expect(res.status).toBe(400);
    expect(uploads()).toEqual(before);
  });
});
