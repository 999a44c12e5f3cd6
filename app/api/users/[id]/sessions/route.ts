// DELETE /api/users/{id}/sessions – sign a person out everywhere
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { endSessions } from '@/lib/server/users/users';
import { emptyBody, findPerson } from '../../_lib/people';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// endSessions records sign-out.everywhere itself.
export const DELETE = internalHandler<{ id: string }>({ permission: 'admin' }, async (request, { db, actor }, params) => {
  const person = await findPerson(db, params.id);
  await emptyBody(request);
  const ended = await endSessions(db, person.id, actor);
  return Response.json({ ended });
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods('DELETE');
