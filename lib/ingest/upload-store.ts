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
 * Every upload has an owner and a lifetime. Until it is complete it is a
 * partial file named after the process writing it (`<uuid>.<pid>.part`, a
 * worker's copy `<uuid>.<pid>.<n>.download` and `.upload`); a crash leaves
 * such a file, which upload-sweep.ts removes once its process is gone. A
 * complete upload belongs to its job from the moment it exists (on
 * PostgreSQL its parts are stored in the job's own transaction), is dropped
 * once the job is parsed or refused, and a draft's expires.
 */
const REF = /^upload:([0-9a-f-]{36})$/;

/** The upload a job names is gone (dropped, or never stored): parsing it cannot succeed, however often it is retried. */
export class UploadMissingError extends Error {}
const PART_BYTES = 4 * 1024 * 1024;

/** Partial files: an upload being received, a worker's copy of stored parts; the pid is the writer's. */
export const PARTIAL_FILE = /^[0-9a-f-]{36}\.(\d+)\.(?:part|[0-9a-f]{8}\.(?:download|upload))$/;

/** Paths this process is writing or reading right now (the sweep leaves them alone). */
export const filesInUse = new Set<string>();

export const uploadDir = () => resolve(ingestConfig.INGEST_UPLOAD_DIR);

/** A new partial file for an upload this process receives; `complete` renames it to the path a job will keep. */
export function partialUploadPath(ext: string): { partial: string; complete: string } {
  const id = randomUUID();
  return { partial: join(uploadDir(), `${id}.${process.pid}.part`), complete: join(uploadDir(), `${id}${ext}`) };
}

/**
 * Keeps a saved upload for the workers and records its job with `create`,
 * which gets the client to write with and the reference the job stores. On
 * PostgreSQL the parts and the job are one transaction (an upload is never
 * stored without its job, nor a job without its upload) and the local file
 * is removed once they are; on SQLite the file stays where it is.
 */
export async function keepUpload<T>(db: Db, path: string, create: (client: Pick<Db, 'ingestJob'>, ref: string) => Promise<T>): Promise<T> {
  if (!isPostgresUrl(databaseUrlOf(db))) return create(db, path);
  const id = randomUUID();
  const job = await db.$transaction(
    async (tx) => {
      let seq = 0;
      for await (const part of createReadStream(path, { highWaterMark: PART_BYTES })) {
        await tx.uploadPart.create({ data: { uploadId: id, seq: seq++, data: new Uint8Array(part as Buffer) } });
      }
      return create(tx, `upload:${id}`);
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
  await rm(path, { force: true });
  return job;
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
  const dir = uploadDir();
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${m[1]}.${process.pid}.${randomUUID().slice(0, 8)}.download`);
  filesInUse.add(path);
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
    filesInUse.add(done);
    await rename(path, done);
    filesInUse.delete(path);
    return {
      path: done,
      release: async () => {
        await rm(done, { force: true });
        filesInUse.delete(done);
      },
    };
  } catch (e) {
    out.destroy();
    await rm(path, { force: true });
    filesInUse.delete(path);
    throw e;
  }
}

/** Forgets an upload: the file (SQLite) or the stored parts (PostgreSQL). */
export async function dropUpload(db: Db, ref: string): Promise<void> {
  const m = REF.exec(ref);
  if (m) await db.uploadPart.deleteMany({ where: { uploadId: m[1]! } });
  else await rm(ref, { force: true });
}
