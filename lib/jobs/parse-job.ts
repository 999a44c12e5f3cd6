import { ingestConfig } from '@/lib/ingest/config';
import { FileFormatError } from '@/lib/ingest/detect';
import { mapRecord, type MapResult } from '@/lib/ingest/map-row';
import { parseFile } from '@/lib/ingest/parse-file';
import { dropUpload, openUpload, UploadMissingError } from '@/lib/ingest/upload-store';
import { cutText, toWellFormed } from '@/lib/text/well-formed';
import type { Db } from '@/lib/db';
import type { TColumnMapping } from '@/lib/schemas/ingest';
import { LeaseLostError, type IngestQueue, type ParseClaim, type ParsedBatch } from './queue';

/** Attempts at a parse that throws before its job fails: a file that breaks the parser (or a bug in it) must end the job, not repeat forever. */
export const MAX_PARSE_ATTEMPTS = 3;

export interface ParseJobOptions {
  db: Db;
  leaseMs: number;
  chunkRows?: number;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** wait before attempt n+1: n × this (default 500 ms) */
  retryDelayMs?: number;
}

/**
 * The parse phase of a job, as the worker runs a claim: parseJob, and when
 * it throws (anything but a lost lease) again from where it stopped, up to
 * MAX_PARSE_ATTEMPTS times in all; then the job fails with the error, keeping
 * every row staged before it, and its upload is dropped.
 */
export async function runParseClaim(queue: IngestQueue, claim: ParseClaim, owner: string, options: ParseJobOptions): Promise<{ chunks: number }> {
  const log = options.log ?? (() => {});
  let chunks = 0;
  let current = claim;
  for (let attempt = 1; ; attempt++) {
    try {
      chunks += (await parseJob(queue, current, owner, options)).chunks;
      return { chunks };
    } catch (e) {
      if (e instanceof LeaseLostError) throw e;
      const message = e instanceof Error ? e.message : String(e);
      current = await queue.resumeParse(current, owner, options.leaseMs);
      if (attempt >= MAX_PARSE_ATTEMPTS) {
        log(`parse of job ${claim.jobId} failed ${attempt} times; the job fails: ${(e as Error).stack ?? message}`);
        const kept = current.resumeAfterLine ? `The rows up to line ${current.resumeAfterLine.toLocaleString('en')} were kept` : 'No row was read before it';
        await queue.failParse(current, owner, `Parsing stopped after ${attempt} attempts: ${cutText(message, 500)}. ${kept}; the rest of the file was not read.`, 0);
        await dropUpload(options.db, claim.filePath);
        return { chunks };
      }
      log(`parse of job ${claim.jobId} failed (attempt ${attempt} of ${MAX_PARSE_ATTEMPTS}), trying again after line ${current.resumeAfterLine}: ${(e as Error).stack ?? message}`);
      await new Promise((r) => setTimeout(r, attempt * (options.retryDelayMs ?? 500)));
      if (options.signal?.aborted) return { chunks };
    }
  }
}

/** A record as a row to store or a rejection; a record that makes mapping throw is rejected with the error, not the job. */
function mapSafely(line: number, record: Record<string, string>, mapping: TColumnMapping, createdAt: Date): MapResult {
  try {
    return mapRecord(line, record, mapping, createdAt);
  } catch (e) {
    return { ok: false, reason: `The row could not be read: ${cutText(e instanceof Error ? e.message : String(e), 300)}` };
  }
}

/**
 * One pass of the parse phase: streams the job's file, maps each record to a
 * row or a rejection, and stages rows in chunks that workers can claim at
 * once. A re-run (after a crash or a failed attempt) skips the lines already
 * staged. Once the whole file is parsed (or found unreadable) its upload is
 * dropped: its rows are staged. Any other error is thrown after the rows read
 * before it are staged.
 */
export async function parseJob(queue: IngestQueue, claim: ParseClaim, owner: string, options: ParseJobOptions): Promise<{ chunks: number }> {
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
        const m = mapSafely(item.line, item.record, claim.mapping, claim.createdAt);
        if (m.ok) batch.rows.push(m.row);
        else batch.rejections.push({ line: item.line, reason: m.reason, excerpt: toWellFormed(cutText(item.record[claim.mapping.text] ?? Object.values(item.record).join(' '), 200)) });
      }
      if (batch.rows.length >= chunkRows || batch.rejections.length >= 1000) {
        await flush(false);
        // let the event loop breathe (a stop signal, other work in the process)
        await new Promise((r) => setImmediate(r));
        if (options.signal?.aborted) return { chunks: seq - claim.nextSeq };
      }
    }
  } catch (e) {
    if (e instanceof LeaseLostError) throw e;
    // The rows read before the problem are kept, whatever it is.
    await flush(false);
    if (e instanceof FileFormatError || (e instanceof Error && 'code' in e && String(e.code).startsWith('CSV_'))) {
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
