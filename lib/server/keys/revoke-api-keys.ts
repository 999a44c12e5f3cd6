import type { Db } from '@/lib/db';
import { apiKeyCache } from './authenticate-request';

/** Revokes every active key with this name; returns how many. */
export async function revokeApiKeysByName(db: Db, name: string): Promise<number> {
  const r = await db.apiKey.updateMany({ where: { name, revokedAt: null }, data: { revokedAt: new Date() } });
  apiKeyCache.clear();
  return r.count;
}

export async function revokeApiKey(db: Db, id: number): Promise<boolean> {
  const r = await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  apiKeyCache.clear();
  return r.count > 0;
}
