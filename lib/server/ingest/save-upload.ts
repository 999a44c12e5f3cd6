import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { once } from 'node:events';
import { ApiError, badRequest } from '@/lib/errors';
import { ingestConfig } from '@/lib/ingest/config';
import { FileFormatError, Utf8Validator } from '@/lib/ingest/detect';

export interface SavedUpload {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Streams an upload to a file under INGEST_UPLOAD_DIR, hashing it and
 * checking its size and its UTF-8 on the way, so the server never holds the
 * whole file and a wrong encoding is refused before any row is accepted.
 */
export async function saveUpload(body: AsyncIterable<Uint8Array>, fileName: string, maxBytes = ingestConfig.INGEST_MAX_FILE_BYTES): Promise<SavedUpload> {
  const dir = resolve(ingestConfig.INGEST_UPLOAD_DIR);
  await mkdir(dir, { recursive: true });
  const ext = extname(fileName).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 8);
  const path = join(dir, `${randomUUID()}${ext}`);
  const out = createWriteStream(path);
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
      utf8.push(chunk);
      hash.update(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    utf8.end();
    if (size === 0) throw badRequest('The file is empty.');
    out.end();
    await once(out, 'finish');
    return { path, size, sha256: hash.digest('hex') };
  } catch (e) {
    out.destroy();
    await rm(path, { force: true });
    if (e instanceof FileFormatError) throw badRequest(e.message, [{ path: 'file', message: e.message }]);
    throw e;
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(n % 1024 ** 3 ? 1 : 0)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(n % 1024 ** 2 ? 1 : 0)} MiB`;
  return `${Math.ceil(n / 1024)} KiB`;
}
