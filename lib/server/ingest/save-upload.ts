import 'server-only';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { once } from 'node:events';
import { ApiError, badRequest } from '@/lib/errors';
import { ingestConfig } from '@/lib/ingest/config';
import { FileFormatError, Utf8Validator } from '@/lib/ingest/detect';
import { filesInUse, partialUploadPath, uploadDir } from '@/lib/ingest/upload-store';
import { sweepUploadsSoon } from '@/lib/ingest/upload-sweep';

export interface SavedUpload {
  path: string;
  size: number;
  sha256: string;
}

export interface UploadLimits {
  /** largest file (default INGEST_MAX_FILE_BYTES): 413 past it */
  maxBytes?: number;
  /** all uploads waiting in INGEST_UPLOAD_DIR together (default INGEST_UPLOADS_MAX_BYTES): 507 past it */
  maxTotalBytes?: number;
}

/**
 * Streams an upload to a file under INGEST_UPLOAD_DIR, hashing it and
 * checking its size and its UTF-8 on the way, so the server never holds the
 * whole file and a wrong encoding is refused before any row is accepted.
 * While it arrives it is a partial file named after this process; complete,
 * it is renamed to the path a job keeps. Whatever goes wrong, nothing of it
 * stays on disk.
 */
export async function saveUpload(body: AsyncIterable<Uint8Array>, fileName: string, limits: UploadLimits = {}): Promise<SavedUpload> {
  const maxBytes = limits.maxBytes ?? ingestConfig.INGEST_MAX_FILE_BYTES;
  const maxTotal = limits.maxTotalBytes ?? ingestConfig.INGEST_UPLOADS_MAX_BYTES;
  const dir = uploadDir();
  await mkdir(dir, { recursive: true });
  // Partial files of a process that crashed are removed before this process adds one.
  await sweepUploadsSoon();
  const waiting = await bytesIn(dir);
  if (waiting >= maxTotal) throw uploadSpaceFull(waiting, maxTotal);
  const ext = extname(fileName).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 8);
  const { partial, complete } = partialUploadPath(ext);
  filesInUse.add(partial);
  const out = createWriteStream(partial);
  const hash = createHash('sha256');
  const utf8 = new Utf8Validator();
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        throw new ApiError(
          413,
          'payload_too_large',
          `The file is larger than the limit of ${formatBytes(maxBytes)} (INGEST_MAX_FILE_BYTES). Split it into smaller files, or ask an administrator to raise the limit.`,
        );
      }
      if (waiting + size > maxTotal) throw uploadSpaceFull(waiting + size, maxTotal);
      utf8.push(chunk);
      hash.update(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    utf8.end();
    if (size === 0) throw badRequest('The file is empty.');
    out.end();
    await once(out, 'finish');
    await rename(partial, complete);
    return { path: complete, size, sha256: hash.digest('hex') };
  } catch (e) {
    out.destroy();
    await rm(partial, { force: true });
    if (e instanceof FileFormatError) throw badRequest(e.message, [{ path: 'file', message: e.message }]);
    throw e;
  } finally {
    filesInUse.delete(partial);
  }
}

/** Bytes of the files in `dir` (uploads waiting for their jobs, and ones arriving). */
async function bytesIn(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(join(dir, name)).catch(() => null))?.size ?? 0;
  return total;
}

function uploadSpaceFull(bytes: number, max: number): ApiError {
  return new ApiError(
    507,
    'insufficient_storage',
    `The server's upload space is full: uploads waiting to be parsed would take ${formatBytes(bytes)} of the ${formatBytes(max)} allowed (INGEST_UPLOADS_MAX_BYTES). Try again once the jobs in progress are parsed, or ask an administrator to raise the limit.`,
  );
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(n % 1024 ** 3 ? 1 : 0)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(n % 1024 ** 2 ? 1 : 0)} MiB`;
  return `${Math.ceil(n / 1024)} KiB`;
}
