import 'server-only';
import type { Db } from '@/lib/db';

export async function getOverviewTotals(db: Db) {
  const [transcripts, range] = await Promise.all([
    db.transcript.count(),
    db.transcript.aggregate({ _min: { occurredAt: true }, _max: { occurredAt: true } }),
  ]);
  return { transcripts, from: range._min.occurredAt, to: range._max.occurredAt };
}
