// POST /api/users/{id}/link – a new one-time setup link for a person (replaces their unused ones), shown once
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { newSetupLinkFor } from '@/lib/server/users/users';
import { absoluteUrl, emptyBody, findPerson, type SetupLinkJson } from '../../_lib/people';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// No `audit` option: the users lib records user.link, and the answer holds the link.
export const POST = internalHandler<{ id: string }>({ permission: 'admin' }, async (request, { db, actor }, params) => {
  const person = await findPerson(db, params.id);
  await emptyBody(request);
  const link = await newSetupLinkFor(db, person.email, actor);
  const body: { email: string; link: SetupLinkJson } = { email: person.email, link: { url: absoluteUrl(request, link.path), expiresAt: link.expiresAt.toISOString() } };
  return Response.json(body, { status: 201, headers: { 'Cache-Control': 'no-store' } });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
