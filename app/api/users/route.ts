// GET /api/users – Settings' people table
// POST /api/users – add a person; answers their one-time setup link, shown once
import { z } from 'zod';
import { ROLES } from '@/lib/auth/permissions';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { createUser, listUsers } from '@/lib/server/users/users';
import { jsonBody } from '../models/_lib/params';
import { absoluteUrl, storedText, toPersonJson, type PersonJson, type SetupLinkJson } from './_lib/people';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const ZNewPerson = z.strictObject({
  // the users lib checks the shape and answers with the address it refused
  email: storedText(254, 'an e-mail address').min(1, 'enter an e-mail address'),
  role: z.enum(ROLES, { error: 'choose admin, analyst, labeler or viewer' }),
  name: storedText(120, 'a name').optional(),
});

export const GET = internalHandler({ permission: 'admin' }, async (_request, { db }) => {
  const now = Date.now();
  const users: PersonJson[] = (await listUsers(db)).map((u) => toPersonJson(u, now));
  return Response.json({ users });
});

// No `audit` option: the users lib records user.create itself, and the answer holds the link.
export const POST = internalHandler({ permission: 'admin' }, async (request, { db, actor }) => {
  const input = await jsonBody(request, ZNewPerson);
  const { user, link } = await createUser(db, { email: input.email, role: input.role, ...(input.name ? { name: input.name } : {}) }, actor);
  const setup: SetupLinkJson | null = link ? { url: absoluteUrl(request, link.path), expiresAt: link.expiresAt.toISOString() } : null;
  return Response.json({ user, link: setup }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
