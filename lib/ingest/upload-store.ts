import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { databaseUrlOf, type Db } from '@/lib/db';
import { isPostgresUrl } from '@/lib/env';
import { ingestConfig } from './config';

/**
 * Where an upload waits between the web server that received it and the
 * worker that parses it. A job's `filePath` names it:
 *
 * - SQLite (one machine): the file in INGEST_UPLOAD_DIR, as saved.
 * - PostgreSQL (web servers and workers on any machines): `upload:<uuid>`,
 *   the bytes in "UploadPart" rows of PART_BYTES each. The worker that parses
 *   the job copies them to a local temporary file and reads that, so the
 *   parser is the same on both; no shared volume is needed.
 *
 * Once a job is parsed its rows are in the database, and the upload is
 * dropped (file, or parts and local copy).
 */
const REF = /^upload:([0-9a-f-]{36})$/;

/** The upload a job names is gone (dropped, or never stored): parsing it cannot succeed, however often it is retried. */
export class UploadMissingError extends Error {}
const PART_BYTES = 4 * 1024 * 1024;

/** Keeps a saved upload for the workers; returns the reference a job stores. The local file is gone on PostgreSQL. */
export async function keepUpload(db: Db, path: string): Promise<string> {
  if (!isPostgresUrl(databaseUrlOf(db))) return path;
  const id = randomUUID();
  // All parts or none: a half-stored upload never has a job pointing at it.
  await db.$transaction(
    async (tx) => {
      let seq = 0;
      for await (const part of createReadStream(path, { highWaterMark: PART_BYTES })) {
        await tx.uploadPart.create({ data: { uploadId: id, seq: seq++, data: new Uint8Array(part as Buffer) } });
      }
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
  await rm(path, { force: true });
  return `upload:${id}`;
}

/**
 * A local path to read an upload from: the file itself (SQLite), or a
 * temporary copy of the stored parts (PostgreSQL) that `release` removes.
 */
export async function openUpload(db: Db, ref: string): Promise<{ path: string; release: () => Promise<void> }> {
  const m = REF.exec(ref);
  if (!m) {
    if (!existsSync(ref)) throw new UploadMissingError(`The uploaded file of this job is no longer on this machine (${ref}); upload it again.`);
    return { path: ref, release: async () => undefined };
  }
  const dir = resolve(ingestConfig.INGEST_UPLOAD_DIR);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${m[1]}.${process.pid}.${randomUUID().slice(0, 8)}.download`);
  const release = () => rm(path, { force: true });
  const out = createWriteStream(path);
  try {
    // One part in memory at a time.
    for (let seq = 0; ; seq++) {
      const part = await db.uploadPart.findUnique({ where: { uploadId_seq: { uploadId: m[1]!, seq } }, select: { data: true } });
      if (!part) {
        if (seq === 0) throw new UploadMissingError(`The uploaded file of this job (${ref}) is no longer stored; upload it again.`);
        break;
      }
      if (!out.write(part.data)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    // A complete copy under its final name, so a crash mid-download leaves only a *.download file.
    const done = path.replace(/\.download$/, '.upload');
    await rename(path, done);
    return { path: done, release: () => rm(done, { force: true }) };
  } catch (e) {
    out.destroy();
    await release();
    throw e;
  }
}

/** Forgets an upload once its job is parsed: the file (SQLite) or the stored parts (PostgreSQL). */
export async function dropUpload(db: Db, ref: string): Promise<void> {
  const m = REF.exec(ref);
  if (m) await db.uploadPart.deleteMany({ where: { uploadId: m[1]! } });
  else await rm(ref, { force: true });
}
