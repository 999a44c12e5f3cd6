import type { Db } from '@/lib/db';
import { parseScopes, type Scope } from '@/lib/auth/permissions';
import { unauthorized } from '@/lib/errors';
import { LookupCache } from '@/lib/server/cache/lookup-cache';
import { hashApiKey, hashesEqual, prefixOf } from './api-key-format';

export interface AuthenticatedKey {
  id: number;
  name: string;
  scopes: Scope[];
}

// lastUsedAt is bookkeeping, not security: write it at most once a minute per
// key so that every request is not also a database write.
const LAST_USED_WRITE_MS = 60_000;
const lastUsedWritten = new Map<number, number>();

type Candidate = { id: number; name: string; hash: string; revokedAt: Date | null; scopes: string };
/** The keys with this prefix, from LookupCache (lib/server/cache/lookup-cache.ts): revocation here clears it. */
export const apiKeyCache = new LookupCache<Candidate[]>();

async function keyCandidates(db: Db, prefix: string): Promise<Candidate[]> {
  const load = () => db.apiKey.findMany({ where: { prefix }, select: { id: true, name: true, hash: true, revokedAt: true, scopes: true } });
  // An unknown prefix is not remembered: a key just created by another process works at once.
  return apiKeyCache.get(db, prefix, load, (found) => found.length > 0);
}

/** Checks `Authorization: Bearer <key>`; throws a 401 ApiError that says what is wrong. */
export async function authenticateRequest(db: Db, request: Request): Promise<AuthenticatedKey> {
  const header = request.headers.get('authorization');
  if (!header) throw unauthorized('Missing API key: send the header `Authorization: Bearer <api key>`.');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized('Malformed Authorization header: expected `Bearer <api key>`.');
  const key = match[1];
  const prefix = prefixOf(key);
  if (!prefix) throw unauthorized('Unknown API key: it does not have the shape of a Callsight key (cs_…). Create one with `npx callsight keys create --name NAME`.');

  const candidates = await keyCandidates(db, prefix);
  const hash = hashApiKey(key);
  const row = candidates.find((c) => hashesEqual(c.hash, hash));
  if (!row) throw unauthorized('Unknown API key. Check for a typo, or create a key with `npx callsight keys create --name NAME`.');
  if (row.revokedAt) throw unauthorized('This API key was revoked. Create a new one with `npx callsight keys create --name NAME`.');

  const now = Date.now();
  if (now - (lastUsedWritten.get(row.id) ?? 0) > LAST_USED_WRITE_MS) {
    lastUsedWritten.set(row.id, now);
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { id: row.id, name: row.name, scopes: parseScopes(row.scopes) };
}
