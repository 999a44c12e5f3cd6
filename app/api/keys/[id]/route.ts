// DELETE /api/keys/{id} – revoke a key (again: nothing changes, still 200)
import { notFound } from '@/lib/errors';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { revokeApiKey } from '@/lib/server/keys/revoke-api-keys';
import { parseScopes } from '@/lib/auth/permissions';
import { pathId } from '../../models/_lib/params';
import { emptyBody } from '../../users/_lib/people';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const DELETE = internalHandler<{ id: string }>({ permission: 'admin' }, async (request, { db, audit }, params) => {
  const id = pathId(params.id, 'id');
  await emptyBody(request);
  const key = await db.apiKey.findUnique({ where: { id }, select: { name: true, scopes: true } });
  if (!key) throw notFound(`API key ${id} does not exist.`, [{ path: 'id', message: 'unknown key' }]);
  const revoked = await revokeApiKey(db, id);
  // only the call that revoked it is recorded
  if (revoked) await audit('key.revoke', `${key.name} (#${id})`, { id, name: key.name, scopes: parseScopes(key.scopes) });
  const row = await db.apiKey.findUniqueOrThrow({ where: { id }, select: { revokedAt: true } });
  return Response.json({ id, name: key.name, revokedAt: row.revokedAt?.toISOString() ?? null, alreadyRevoked: !revoked });
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods('DELETE');
