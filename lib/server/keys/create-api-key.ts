import type { Db } from '@/lib/db';
import { generateApiKey } from './api-key-format';

/** Creates a key and returns it in clear text: the only time it is ever shown. */
export async function createApiKey(db: Db, options: { name: string }): Promise<{ id: number; name: string; key: string; prefix: string }> {
  const name = options.name.trim();
  if (!name) throw new Error('A key needs a name (--name), so you can tell it apart later.');
  if (name.length > 100) throw new Error('A key name must be at most 100 characters.');
  const { key, prefix, hash } = generateApiKey();
  const row = await db.apiKey.create({ data: { name, prefix, hash } });
  return { id: row.id, name: row.name, key, prefix };
}
