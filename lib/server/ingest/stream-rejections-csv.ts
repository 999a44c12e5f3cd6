import 'server-only';
import type { Db } from '@/lib/db';
import { findIngestRejections } from './find-ingest-rejections';
import { REJECTIONS_CSV_HEADER, rejectionsCsvLine } from './rejections-csv';

/** All rejections of a job as a streamed CSV download, a page of rows at a time. */
export function rejectionsCsvResponse(db: Db, jobId: string, fileName: string): Response {
  const enc = new TextEncoder();
  let after = 0;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(enc.encode(`\uFEFF${REJECTIONS_CSV_HEADER}`));
      }
      const page = await findIngestRejections(db, jobId, { afterLine: after, limit: 1000 });
      if (page.rejections.length) controller.enqueue(enc.encode(page.rejections.map(rejectionsCsvLine).join('')));
      if (page.nextAfterLine === null) controller.close();
      else after = page.nextAfterLine;
    },
  });
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/\.[a-z0-9]+$/i, '');
  return new Response(stream, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${safe}-rejected-rows.csv"` },
  });
}
