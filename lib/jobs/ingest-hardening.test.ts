import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ZIngestJob } from '@/lib/schemas/ingest';

// The hardening issue ("every hostile input ends in a clear answer, and
// nothing piles up or stalls"), finding by finding, through the real
// pipeline: upload → job → worker, on SQLite and on PostgreSQL.

// A parser that breaks on one row, every time it is run: a parse that can
// never succeed must end, not be retried forever.
vi.mock('@/lib/ingest/parse-file', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/ingest/parse-file')>();
  return {
    ...real,
    parseFile: async function* (path: string, options: Parameters<typeof real.parseFile>[1]) {
      for await (const item of real.parseFile(path, options)) {
        if (item.kind === 'row' && item.record.text === '__callsight_test_explode__') throw new Error('the parser broke on purpose');
        yield item;
      }
    },
  };
});
// Keeping an upload for the workers (the database on PostgreSQL) can fail: the 500 path of job creation.
const failures = vi.hoisted(() => ({ keepUpload: false }));
vi.mock('@/lib/ingest/upload-store', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/ingest/upload-store')>();
  return {
    ...real,
    keepUpload: (async (...args: Parameters<typeof real.keepUpload>) => {
      if (failures.keepUpload) {
        failures.keepUpload = false;
        throw new Error('the database went away');
      }
      return real.keepUpload(...args);
    }) as typeof real.keepUpload,
  };
});

const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { seedDemo } = await import('@/prisma/seed/seed-demo');
const { saveUpload } = await import('@/lib/server/ingest/save-upload');
const { createIngestJob } = await import('@/lib/server/ingest/create-ingest-job');
const { getIngestJob } = await import('@/lib/server/ingest/get-ingest-job');
const { findIngestRejections } = await import('@/lib/server/ingest/find-ingest-rejections');
const { sweepUploads } = await import('@/lib/ingest/upload-sweep');
const { ingestConfig } = await import('@/lib/ingest/config');
const { runWorker } = await import('./worker');

const dir = mkdtempSync(join(tmpdir(), 'callsight-hardening-'));
const uploadDir = resolve(ingestConfig.INGEST_UPLOAD_DIR);
/** Files in INGEST_UPLOAD_DIR (a temporary folder of this test file's own). */
const uploads = () => (existsSync(uploadDir) ? readdirSync(uploadDir).sort() : []);
const storedParts = () => db.uploadPart.count();

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  await seedDemo(db, () => {}, { trainingCount: 1200, sampleCount: 0 });
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function save(name: string, content: string | Buffer) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return saveUpload(createReadStream(path), name);
}

async function importFile(name: string, content: string | Buffer, chunkRows = 500) {
  const { id } = await createIngestJob(db, { file: await save(name, content), fileName: name, source: 'cli', start: true });
  await runWorker({ exitWhenIdle: true, chunkRows });
  return ZIngestJob.parse(await getIngestJob(db, id));
}

const row = (prefix: string, i: number) => JSON.stringify({ id: `${prefix}-${i}`, text: `${prefix} row ${i}: the invoice for my mobile plan ${i} is higher than agreed` });
const deepRow = (prefix: string) => `{"id":"${prefix}-deep","text":"deep","meta":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

describe('finding 1: one row can stall an import forever', () => {
  it('a row nested 100,000 levels deep at row 31 of 2,031: the job ends done with 2,030 stored and the row rejected with its line', async () => {
    const lines = Array.from({ length: 2031 }, (_, i) => (i === 30 ? deepRow('deep31') : row('deep31', i + 1)));
    const job = await importFile('deep.jsonl', `${lines.join('\n')}\n`);
    expect(job.status).toBe('done');
    expect(job.error).toBeNull();
    expect(job.counts).toMatchObject({ parsed: 2030, inserted: 2030, rejected: 1 });
    const { rejections } = await findIngestRejections(db, job.id);
    expect(rejections).toEqual([{ line: 31, reason: expect.stringMatching(/nested deeper than 64 levels/), excerpt: expect.any(String) }]);
    expect(await db.transcript.count({ where: { externalId: { startsWith: 'deep31-' } } })).toBe(2030);
  }, 120_000);

  it('a deep row in the first 20 rows: the preview shows it as a rejected row (not a 500)', async () => {
    const lines = [row('deep5', 1), row('deep5', 2), deepRow('deep5'), row('deep5', 4)];
    const draft = await createIngestJob(db, { file: await save('deep5.jsonl', lines.join('\n')), fileName: 'deep5.jsonl', source: 'ui', start: false });
    expect(draft.preview.rows.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(draft.preview.errors).toEqual([{ line: 3, reason: expect.stringMatching(/nested deeper than 64 levels/) }]);
    expect(draft.preview.columns).toEqual(['id', 'text']);
  });

  it('a parse that always throws ends failed after 3 attempts, with the rows read before the problem kept and its upload deleted', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => (i === 49 ? JSON.stringify({ id: 'explode', text: '__callsight_test_explode__' }) : row('explode', i + 1)));
    const before = uploads();
    const partsBefore = await storedParts();
    const started = Date.now();
    const job = await importFile('explode.jsonl', lines.join('\n'), 10);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/after 3 attempts.*the parser broke on purpose.*line 49/);
    expect(job.counts).toMatchObject({ parsed: 49, inserted: 49 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(uploads()).toEqual(before);
    expect(await storedParts()).toBe(partsBefore);
  }, 60_000);
});

describe('finding 2: uploads have an owner and a lifetime', () => {
  it('every failure path of job creation deletes the upload (400 models, mapping, unreadable file; 500)', async () => {
    const csv = 'text,id\n"My router keeps rebooting at night",r1\n';
    const before = uploads();
    const partsBefore = await storedParts();
    await expect(createIngestJob(db, { file: await save('models.csv', csv), fileName: 'models.csv', source: 'api', start: true, modelIds: [999] })).rejects.toMatchObject({ status: 400 });
    await expect(createIngestJob(db, { file: await save('mapping.csv', csv), fileName: 'mapping.csv', source: 'api', start: true, mapping: { text: 'nope' } })).rejects.toMatchObject({ status: 400 });
    await expect(createIngestJob(db, { file: await save('odd.json', '"just a string"'), fileName: 'odd.json', source: 'api', start: true })).rejects.toMatchObject({ status: 400 });
    failures.keepUpload = true;
    await expect(createIngestJob(db, { file: await save('down.csv', csv), fileName: 'down.csv', source: 'api', start: true })).rejects.toThrow(/database went away/);
    expect(uploads()).toEqual(before);
    expect(await storedParts()).toBe(partsBefore);
  });

  it('an expired draft is removed: its upload is deleted and the job fails saying why', async () => {
    const old = await createIngestJob(db, { file: await save('draft.csv', 'text\n"Never started"\n'), fileName: 'draft.csv', source: 'ui', start: false });
    const fresh = await createIngestJob(db, { file: await save('fresh.csv', 'text\n"Started later"\n'), fileName: 'fresh.csv', source: 'ui', start: false });
    const refOf = async (id: string) => (await db.ingestJob.findUniqueOrThrow({ where: { id } })).filePath;
    const [oldRef, freshRef] = [await refOf(old.id), await refOf(fresh.id)];
    await db.ingestJob.update({ where: { id: old.id }, data: { createdAt: new Date(Date.now() - (ingestConfig.INGEST_DRAFT_TTL_HOURS + 1) * 3600_000) } });
    const swept = await sweepUploads(db);
    expect(swept.expiredDrafts).toBe(1);
    const job = ZIngestJob.parse(await getIngestJob(db, old.id));
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/not started within 24 hours.*upload the file again/);
    const exists = async (ref: string) => (ref.startsWith('upload:') ? (await db.uploadPart.count({ where: { uploadId: ref.slice(7) } })) > 0 : existsSync(ref));
    expect(await exists(oldRef)).toBe(false);
    expect(await exists(freshRef)).toBe(true);
    expect(ZIngestJob.parse(await getIngestJob(db, fresh.id)).status).toBe('draft');
  });

  it('a partial file left by a crash is swept; an upload in progress is not', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = saveUpload(
      Readable.from(
        (async function* () {
          yield Buffer.from('text\n"first half of an upload that is still arriving');
          await gate;
          yield Buffer.from('"\n');
        })(),
      ),
      'slow.csv',
    );
    await new Promise((r) => setTimeout(r, 100));
    const inProgress = uploads().filter((f) => f.endsWith('.part'));
    expect(inProgress).toHaveLength(1);
    // What a web server or worker killed mid-upload (or mid-copy) leaves behind.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const leftovers = [`${randomUUID()}.${dead}.part`, `${randomUUID()}.${dead}.ab12cd34.download`, `${randomUUID()}.${dead}.ab12cd34.upload`];
    for (const f of leftovers) writeFileSync(join(uploadDir, f), 'x'.repeat(1000));
    const swept = await sweepUploads(db);
    expect(swept.partial).toBe(3);
    for (const f of leftovers) expect(existsSync(join(uploadDir, f))).toBe(false);
    expect(existsSync(join(uploadDir, inProgress[0]!))).toBe(true);
    release();
    const saved = await slow;
    expect(existsSync(saved.path)).toBe(true);
    expect(uploads().filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('an upload no waiting job names is removed an hour after it was written; a waiting job\'s is kept', async () => {
    const draft = await createIngestJob(db, { file: await save('kept-draft.csv', 'text\n"Waiting for its mapping"\n'), fileName: 'kept-draft.csv', source: 'ui', start: false });
    const ref = (await db.ingestJob.findUniqueOrThrow({ where: { id: draft.id } })).filePath;
    const orphan = join(uploadDir, `${randomUUID()}.csv`);
    writeFileSync(orphan, 'text\n"Saved, and then the process died before its job was recorded"\n');
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
    utimesSync(orphan, hoursAgo(2), hoursAgo(2));
    if (!ref.startsWith('upload:')) utimesSync(ref, hoursAgo(2), hoursAgo(2));
    // On PostgreSQL: parts stored for no job (left by an older version, or a job deleted by hand).
    const strayPart = randomUUID();
    if (ref.startsWith('upload:')) await db.uploadPart.create({ data: { uploadId: strayPart, seq: 0, data: new Uint8Array([1, 2, 3]) } });
    const recent = join(uploadDir, `${randomUUID()}.csv`);
    writeFileSync(recent, 'text\n"Saved a moment ago: its job is being recorded"\n');
    const swept = await sweepUploads(db);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    if (ref.startsWith('upload:')) {
      expect(await db.uploadPart.count({ where: { uploadId: ref.slice(7) } })).toBe(1);
      expect(await db.uploadPart.count({ where: { uploadId: strayPart } })).toBe(0);
      expect(swept.orphaned).toBe(2);
    } else {
      expect(existsSync(ref)).toBe(true);
      expect(swept.orphaned).toBe(1);
    }
  });

  it('an upload over INGEST_UPLOADS_MAX_BYTES is refused with 507 and the reason, and leaves nothing behind', async () => {
    const path = join(dir, 'limit.csv');
    writeFileSync(path, `text\n${'"A transcript that will not fit"\n'.repeat(100)}`);
    const before = uploads();
    await expect(saveUpload(createReadStream(path), 'limit.csv', { maxTotalBytes: 1024 })).rejects.toMatchObject({
      status: 507,
      message: expect.stringMatching(/uploads waiting to be parsed.*INGEST_UPLOADS_MAX_BYTES/),
    });
    expect(uploads()).toEqual(before);
  });
});

describe('finding 3: the preview is bounded', () => {
  it('the preview of a 5 MB one-line row answers < 10 kB, and says when values are cut', async () => {
    const big = 'x'.repeat(5 * 1024 ** 2);
    for (const [name, content] of [
      ['one-line.jsonl', JSON.stringify({ text: big })],
      ['one-line.txt', big],
      ['one-line.csv', `text\n${big}\n`],
      ['one-line.json', JSON.stringify([{ text: big }])],
    ] as const) {
      const draft = await createIngestJob(db, { file: await save(name, content), fileName: name, source: 'ui', start: false });
      expect(JSON.stringify(draft).length, name).toBeLessThan(10_000);
    }
    const wide = await createIngestJob(db, { file: await save('wide.csv', `text,id\n"${'w'.repeat(100_000)}",1\n`), fileName: 'wide.csv', source: 'ui', start: false });
    expect(wide.preview.truncated).toBe(true);
    expect(wide.preview.rows[0]!.record.text!.length).toBeLessThan(400);
    expect(wide.preview.rows[0]!.record.id).toBe('1');
    expect(JSON.stringify(wide).length).toBeLessThan(10_000);
  });
});

describe('finding 8: text integrity', () => {
  it('a JSON row with a lone surrogate is rejected with its line and the reason; the rest is stored and reads back intact', async () => {
    const jsonl = [row('sur', 1), '{"id":"sur-2","text":"broken \\ud800 half"}', row('sur', 3), JSON.stringify({ id: 'sur-4', text: 'a real pair 😀 is fine' })].join('\n');
    const job = await importFile('surrogate.jsonl', jsonl);
    expect(job.status).toBe('done');
    expect(job.counts).toMatchObject({ inserted: 3, rejected: 1 });
    const { rejections } = await findIngestRejections(db, job.id);
    expect(rejections).toEqual([{ line: 2, reason: expect.stringMatching(/"text" contains an unpaired surrogate/), excerpt: expect.not.stringMatching(/[\uD800-\uDFFF]/) }]);
    expect((await db.transcript.findUniqueOrThrow({ where: { externalId: 'sur-4' } })).text).toBe('a real pair 😀 is fine');
  });
});
