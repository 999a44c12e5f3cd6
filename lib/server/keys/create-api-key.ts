import type { Db } from '@/lib/db';
import { ALL_SCOPES, type Scope } from '@/lib/auth/permissions';
import { badRequest } from '@/lib/errors';
import { generateApiKey } from './api-key-format';

/**
 * Creates a key and returns it in clear text: the only time it is ever shown.
 * Without `scopes` the key has all of them, as keys had before scopes existed.
 */
export async function createApiKey(
  db: Db,
  options: { name: string; scopes?: readonly Scope[]; createdBy?: string | null },
): Promise<{ id: number; name: string; key: string; prefix: string; scopes: Scope[] }> {
  const name = options.name.trim();
  if (!name) throw badRequest('A key needs a name, so you can tell it apart later.', [{ path: 'name', message: 'required' }]);
  if (name.length > 100) throw badRequest('A key name must be at most 100 characters.', [{ path: 'name', message: 'at most 100 characters' }]);
  const scopes = [...new Set(options.scopes ?? ALL_SCOPES)];
  if (!scopes.length) throw badRequest('A key needs at least one scope.', [{ path: 'scopes', message: 'at least one' }]);
  const { key, prefix, hash } = generateApiKey();
  const row = await db.apiKey.create({ data: { name, prefix, hash, scopes: scopes.join(','), createdBy: options.createdBy ?? null } });
  return { id: row.id, name: row.name, key, prefix, scopes };
}
