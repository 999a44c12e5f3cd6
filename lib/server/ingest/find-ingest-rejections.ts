import 'server-only';
import type { Db } from '@/lib/db';

/** Rejected rows of a job in line order, a page at a time (keyset on the line number). */
export async function findIngestRejections(db: Db, jobId: string, options: { afterLine?: number; limit?: number } = {}) {
  const limit = options.limit ?? 100;
  const rows = await db.ingestRejection.findMany({
    where: { jobId, line: { gt: options.afterLine ?? 0 } },
    orderBy: { line: 'asc' },
    take: limit + 1,
    select: { line: true, reason: true, excerpt: true },
  });
  const page = rows.slice(0, limit);
  return { rejections: page, nextAfterLine: rows.length > limit ? (page[page.length - 1]?.line ?? null) : null };
}
