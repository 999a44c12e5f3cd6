import type { Db } from '@/lib/db';
import { parseScopes } from '@/lib/auth/permissions';

export async function listApiKeys(db: Db) {
  const rows = await db.apiKey.findMany({
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, scopes: true, createdBy: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => ({ ...r, scopes: parseScopes(r.scopes) }));
}
