import { createReadStream, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZIngestJob } from '@/lib/schemas/ingest';

// Integration: file → job → worker → stored predictions, against a real
// migrated SQLite database with the demo models.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { seedDemo } = await import('@/prisma/seed/seed-demo');
const { saveUpload } = await import('@/lib/server/ingest/save-upload');
const { createIngestJob } = await import('@/lib/server/ingest/create-ingest-job');
const { getIngestJob } = await import('@/lib/server/ingest/get-ingest-job');
const { findIngestRejections } = await import('@/lib/server/ingest/find-ingest-rejections');
const { runWorker } = await import('./worker');
const { dropUpload } = await import('@/lib/ingest/upload-store');
const { ingestConfig } = await import('@/lib/ingest/config');
const { isPostgresUrl } = await import('@/lib/env');

const dir = mkdtempSync(join(tmpdir(), 'callsight-ingest-'));
let modelCount = 0;

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  await seedDemo(db, () => {}, { trainingCount: 1200, sampleCount: 0 });
  modelCount = await db.model.count({ where: { OR: [{ activeVersionId: { not: null } }, { kind: 'language' }] } });
}, 300_000);

async function importFile(name: string, content: string | Buffer, extra: { start?: boolean } = {}) {
  const path = join(dir, name);
  writeFileSync(path, content);
  const saved = await saveUpload(createReadStream(path), name);
  const { id } = await createIngestJob(db, { file: saved, fileName: name, source: 'cli', start: extra.start ?? true });
  await runWorker({ exitWhenIdle: true, chunkRows: 3 });
  return ZIngestJob.parse(await getIngestJob(db, id));
}

const BILLING = 'I was charged 349 kr this month but my plan is 199 kr, please fix the invoice';

describe('ingest pipeline', () => {
  it('stores every good row with one prediction per model, and rejects bad rows with line and reason', async () => {
    const csv =
      '\uFEFFid;text;channel;occurred_at;region\r\n' +
      `c1;"${BILLING}";phone;2026-11-01T10:00:00Z;north\r\n` +
      'c2;"My fiber box\nkeeps dropping\nthe connection every evening";chat;2026-11-02;south\r\n' +
      'c3;;email;2026-11-02;south\r\n' + // line 6 (c2 spans lines 3-5): empty text
      'c4;"Cancel my TV subscription please";phone;not a date;east\r\n' + // line 7: bad date
      'c5;too;many;fields;here;now\r\n' + // line 8: malformed
      `c6;"${BILLING}";phone;2026-11-03;north\r\n` + // same text as c1: duplicate inside the file
      'c7;"I want to upgrade to unlimited mobile data";chat;1764583200;west\r\n';
    const job = await importFile('calls.csv', csv);
    expect(job.status).toBe('done');
    expect(job.file.format).toBe('csv');
    expect(job.counts).toMatchObject({ parsed: 4, inserted: 3, duplicates: 1, rejected: 3 });
    expect(job.progress.fraction).toBe(1);

    const { rejections } = await findIngestRejections(db, job.id);
    expect(rejections.map((r) => r.line)).toEqual([6, 7, 8]);
    expect(rejections[0]!.reason).toMatch(/empty/);
    expect(rejections[1]!.reason).toMatch(/not a date/);
    expect(rejections[2]!.reason).toMatch(/number of fields/);

    const stored = await db.transcript.findMany({ where: { externalId: { in: ['c1', 'c2', 'c7'] } }, include: { predictions: true }, orderBy: { externalId: 'asc' } });
    expect(stored).toHaveLength(3);
    for (const t of stored) {
      expect(t.predictions).toHaveLength(modelCount);
      expect(new Set(t.predictions.map((p) => p.modelId)).size).toBe(modelCount);
      expect(t.language).toBe('English');
    }
    expect(stored[1]!.text).toBe('My fiber box\nkeeps dropping\nthe connection every evening');
    expect(stored[1]!.channel).toBe('chat');
    expect(stored[1]!.day).toBe('2026-11-02');
    expect(JSON.parse(stored[0]!.metadata)).toEqual({ region: 'north' });
    // each transcript remembers its import (the dashboard's import= filter)
    expect(stored.map((t) => t.importJobId)).toEqual([job.id, job.id, job.id]);
    expect(stored[0]!.occurredAt.toISOString()).toBe('2026-11-01T10:00:00.000Z');
    const product = stored[0]!.predictions.find((p) => p.modelId === 42)!;
    expect(JSON.parse(product.scores)).toHaveLength((await db.label.count({ where: { modelId: 42 } })));
    // Prisma reads what the direct write path stored
    expect(stored[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('uploading the same file twice stores nothing new and reports every row as a duplicate', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => JSON.stringify({ text: `Customer ${i} asks why the invoice for mobile plan ${i} is higher than agreed` }));
    const first = await importFile('batch.jsonl', `${rows.join('\n')}\n`);
    expect(first.counts).toMatchObject({ inserted: 10, duplicates: 0 });
    const before = await db.transcript.count();
    const second = await importFile('batch-again.jsonl', `${rows.join('\n')}\n`);
    expect(second.status).toBe('done');
    expect(second.counts).toMatchObject({ inserted: 0, duplicates: 10 });
    expect(await db.transcript.count()).toBe(before);
  });

  it('reads tab-separated CSV, plain text blocks and JSON arrays', async () => {
    const tsv = await importFile('calls.tsv', 'transcript\tagent\n"Router lights blink red, no internet since yesterday"\tAnna\n');
    expect(tsv.counts.inserted).toBe(1);
    expect((await db.transcript.findFirst({ where: { agent: 'Anna' } }))?.text).toMatch(/Router/);
    const txt = await importFile('notes.txt', 'First call about a broken\nTV box.\n\n\nSecond call: please cancel streaming.\n');
    expect(txt.counts).toMatchObject({ parsed: 2, inserted: 2 });
    const json = await importFile('items.json', JSON.stringify([{ text: 'Where is my new phone order, it is late' }, { text: '' }, 5]));
    expect(json.counts).toMatchObject({ inserted: 1, rejected: 2 });
  });

  it('rejects only the row with a NUL character, saying what to fix, and stores the rest (on both databases)', async () => {
    const good = (i: number) => JSON.stringify({ id: `nul-${i}`, text: `Row ${i}: my mobile broadband invoice is wrong again, number ${i}` });
    // NUL as a JSON escape, and as a raw byte past the first 4 KiB (where detection looks for binary files).
    const jsonl = [good(1), JSON.stringify({ id: 'nul-2', text: 'The router\u0000 reboots every night' }), good(3)].join('\n');
    const job = await importFile('nul.jsonl', jsonl);
    expect(job.status).toBe('done');
    expect(job.counts).toMatchObject({ inserted: 2, rejected: 1 });
    const csv = `id,text\n${Array.from({ length: 60 }, (_, i) => `csv-${i},"Row ${i} of a long export about a TV subscription that keeps freezing"`).join('\n')}\ncsv-nul,"raw\u0000byte"\n`;
    expect(csv.indexOf('\u0000')).toBeGreaterThan(4096);
    const job2 = await importFile('nul.csv', csv);
    expect(job2.counts).toMatchObject({ inserted: 60, rejected: 1 });
    for (const j of [job, job2]) {
      const { rejections } = await findIngestRejections(db, j.id);
      expect(rejections).toHaveLength(1);
      expect(rejections[0]!.reason).toMatch(/"text" contains a NUL character \(U\+0000\).*remove it/);
    }
    expect(await db.transcript.count({ where: { externalId: { in: ['nul-1', 'nul-3'] } } })).toBe(2);
  });

  it('refuses a file that is not UTF-8 before accepting any row', async () => {
    const latin1 = Buffer.from('text\n"Jag vill säga upp mitt abonnemang"\n', 'latin1');
    const path = join(dir, 'latin1.csv');
    writeFileSync(path, latin1);
    await expect(saveUpload(createReadStream(path), 'latin1.csv')).rejects.toThrow(/not valid UTF-8.*Save the file as UTF-8/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('text\nhello\n', 'utf16le')]);
    writeFileSync(path, utf16);
    await expect(saveUpload(createReadStream(path), 'utf16.csv')).rejects.toThrow(/UTF-16/);
  });

  it('refuses a file over the size limit with 413', async () => {
    const path = join(dir, 'big.csv');
    writeFileSync(path, `text\n${'x'.repeat(5000)}\n`);
    await expect(saveUpload(createReadStream(path), 'big.csv', { maxBytes: 2048 })).rejects.toMatchObject({ status: 413, message: expect.stringMatching(/larger than the limit of 2 KiB/) });
  });

  it('a draft waits for its mapping and asks for the text column by name', async () => {
    const path = join(dir, 'odd.csv');
    writeFileSync(path, 'a,b\nhello there,1\n');
    const saved = await saveUpload(createReadStream(path), 'odd.csv');
    const draft = await createIngestJob(db, { file: saved, fileName: 'odd.csv', source: 'ui', start: false });
    expect(draft.preview.columns).toEqual(['a', 'b']);
    expect(draft.preview.rows[0]).toEqual({ kind: 'row', line: 2, record: { a: 'hello there', b: '1' } });
    const stats = await runWorker({ exitWhenIdle: true });
    expect(stats.parses).toBe(0);
    const again = await saveUpload(createReadStream(path), 'odd.csv');
    await expect(createIngestJob(db, { file: again, fileName: 'odd.csv', source: 'api', start: true })).rejects.toThrow(/Which column holds the transcript text\? The file has: a, b/);
  });

  it('keeps an upload where any worker can read it until the job is parsed, then drops it', async () => {
    const path = join(dir, 'kept.csv');
    writeFileSync(path, `text\n${Array.from({ length: 5 }, (_, i) => `"Kept upload ${i}: the TV box restarts during the match"`).join('\n')}\n`);
    const saved = await saveUpload(createReadStream(path), 'kept.csv');
    const { id } = await createIngestJob(db, { file: saved, fileName: 'kept.csv', source: 'api', start: true });
    const ref = (await db.ingestJob.findUniqueOrThrow({ where: { id }, select: { filePath: true } })).filePath;
    if (isPostgresUrl(env.DATABASE_URL)) {
      // In the database, not on the web server's disk: a worker on another machine reads it from there.
      expect(ref).toMatch(/^upload:/);
      expect(existsSync(saved.path)).toBe(false);
      expect(await db.uploadPart.count({ where: { uploadId: ref.slice('upload:'.length) } })).toBe(1);
    } else {
      expect(ref).toBe(saved.path);
      expect(existsSync(ref)).toBe(true);
    }
    await runWorker({ exitWhenIdle: true });
    expect(ZIngestJob.parse(await getIngestJob(db, id)).counts).toMatchObject({ inserted: 5 });
    expect(await db.uploadPart.count({ where: { uploadId: ref.slice('upload:'.length) } })).toBe(0);
    if (!isPostgresUrl(env.DATABASE_URL)) expect(existsSync(ref)).toBe(false);
    expect(readdirSync(resolve(ingestConfig.INGEST_UPLOAD_DIR)).filter((f) => /\.(download|upload)$/.test(f))).toEqual([]);
  });

  it('fails a job whose upload is gone with a message that says so, instead of retrying it forever', async () => {
    const path = join(dir, 'gone.csv');
    writeFileSync(path, 'text\n"The upload of this job will be lost before a worker gets to it"\n');
    const { id } = await createIngestJob(db, { file: await saveUpload(createReadStream(path), 'gone.csv'), fileName: 'gone.csv', source: 'api', start: true });
    const ref = (await db.ingestJob.findUniqueOrThrow({ where: { id }, select: { filePath: true } })).filePath;
    await dropUpload(db, ref);
    await runWorker({ exitWhenIdle: true });
    const job = ZIngestJob.parse(await getIngestJob(db, id));
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/no longer (stored|on this machine).*upload it again/);
  });
});
