import { ingestConfig } from '@/lib/ingest/config';
import { FileFormatError } from '@/lib/ingest/detect';
import { mapRecord } from '@/lib/ingest/map-row';
import { parseFile } from '@/lib/ingest/parse-file';
import { dropUpload, openUpload, UploadMissingError } from '@/lib/ingest/upload-store';
import type { Db } from '@/lib/db';
import type { IngestQueue, ParseClaim, ParsedBatch } from './queue';

/**
 * The parse phase of a job: streams its file, maps each record to a row or a
 * rejection, and stages rows in chunks that workers can claim at once. A
 * re-run after a crash skips the lines already staged. Once the whole file is
 * parsed (or found unreadable) its upload is dropped: its rows are staged.
 */
export async function parseJob(
  queue: IngestQueue,
  claim: ParseClaim,
  owner: string,
  options: { db: Db; leaseMs: number; chunkRows?: number; signal?: AbortSignal },
): Promise<{ chunks: number }> {
  const chunkRows = options.chunkRows ?? ingestConfig.INGEST_CHUNK_ROWS;
  let seq = claim.nextSeq;
  let bytesParsed = 0;
  let batch: ParsedBatch = { rows: [], rejections: [], bytesParsed: 0 };
  const flush = async (finished: boolean) => {
    await queue.writeParsedChunk(claim, owner, options.leaseMs, seq, { ...batch, bytesParsed }, finished);
    if (batch.rows.length) seq++;
    batch = { rows: [], rejections: [], bytesParsed };
  };
  let upload: Awaited<ReturnType<typeof openUpload>>;
  try {
    upload = await openUpload(options.db, claim.filePath);
  } catch (e) {
    if (!(e instanceof UploadMissingError)) throw e;
    await queue.failParse(claim, owner, e.message, 0);
    return { chunks: 0 };
  }
  try {
    for await (const item of parseFile(upload.path, { format: claim.format, delimiter: claim.delimiter, onBytes: (b) => (bytesParsed = b) })) {
      if (item.line <= claim.resumeAfterLine) continue;
      if (item.kind === 'error') batch.rejections.push({ line: item.line, reason: item.reason, excerpt: item.excerpt });
      else {
        const m = mapRecord(item.line, item.record, claim.mapping, claim.createdAt);
        if (m.ok) batch.rows.push(m.row);
        else batch.rejections.push({ line: item.line, reason: m.reason, excerpt: (item.record[claim.mapping.text] ?? Object.values(item.record).join(' ')).slice(0, 200) });
      }
      if (batch.rows.length >= chunkRows || batch.rejections.length >= 1000) {
        await flush(false);
        // let the event loop breathe (a stop signal, other work in the process)
        await new Promise((r) => setImmediate(r));
        if (options.signal?.aborted) return { chunks: seq - claim.nextSeq };
      }
    }
  } catch (e) {
    if (e instanceof FileFormatError || (e instanceof Error && 'code' in e && String(e.code).startsWith('CSV_'))) {
      await flush(false);
      await queue.failParse(claim, owner, `${e.message} Rows read before the problem were kept.`, bytesParsed);
      await dropUpload(options.db, claim.filePath);
      return { chunks: seq - claim.nextSeq };
    }
    throw e;
  } finally {
    await upload.release();
  }
  await flush(true);
  await dropUpload(options.db, claim.filePath);
  return { chunks: seq - claim.nextSeq };
}
