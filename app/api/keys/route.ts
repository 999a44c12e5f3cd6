// GET /api/keys – Settings' API key table (the prefix, never the hash)
// POST /api/keys – create a key with scopes; answers the key in clear text, the only time it is shown
import { z } from 'zod';
import { SCOPES } from '@/lib/auth/permissions';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { auditActor } from '@/lib/server/auth/principal';
import { createApiKey } from '@/lib/server/keys/create-api-key';
import { listApiKeys } from '@/lib/server/keys/list-api-keys';
import { jsonBody } from '../models/_lib/params';
import { storedText } from '../users/_lib/people';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const ZNewKey = z.strictObject({
  name: storedText(100, 'a key name').min(1, 'give the key a name, so you can tell it apart later'),
  scopes: z
    .array(z.enum(SCOPES, { error: `a scope is one of ${SCOPES.join(', ')}` }))
    .min(1, 'choose at least one scope')
    .max(SCOPES.length),
});

export const GET = internalHandler({ permission: 'admin' }, async (_request, { db }) => {
  const keys = await listApiKeys(db);
  return Response.json({ keys });
});

// No `audit` option (it would log the answer, which holds the key): key.create is recorded here, without it.
export const POST = internalHandler({ permission: 'admin' }, async (request, { db, principal, audit }) => {
  const input = await jsonBody(request, ZNewKey);
  const created = await createApiKey(db, { name: input.name, scopes: input.scopes, createdBy: principal.kind === 'user' ? principal.email : auditActor(principal).actor });
  await audit('key.create', `${created.name} (#${created.id})`, { id: created.id, name: created.name, scopes: created.scopes, prefix: created.prefix });
  return Response.json(created, { status: 201, headers: { 'Cache-Control': 'no-store' } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
