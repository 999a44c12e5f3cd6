import 'server-only';
import type { Db } from '@/lib/db';

export interface LabelCount {
  label: string;
  count: number;
}

/** How many transcripts each label of a model is the top prediction for. */
export async function getLabelBreakdown(db: Db, options: { modelId: number; limit?: number }): Promise<LabelCount[]> {
  const rows = await db.prediction.groupBy({
    by: ['label'],
    where: { modelId: options.modelId },
    _count: { _all: true },
    orderBy: { _count: { label: 'desc' } },
    ...(options.limit ? { take: options.limit } : {}),
  });
  return rows.map((r) => ({ label: r.label, count: r._count._all }));
}
