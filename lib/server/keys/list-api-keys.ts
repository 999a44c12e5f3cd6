import type { Db } from '@/lib/db';

export async function listApiKeys(db: Db) {
  return db.apiKey.findMany({
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { id: 'asc' },
  });
}
