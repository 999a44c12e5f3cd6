// PATCH /api/users/{id} – change a person's role, disable or enable them (enabling also lifts a sign-in lock)
import { z } from 'zod';
import { ROLES } from '@/lib/auth/permissions';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { listUsers, setUserDisabled, setUserRole } from '@/lib/server/users/users';
import { jsonBody } from '../../models/_lib/params';
import { findPerson, toPersonJson } from '../_lib/people';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const ZChange = z
  .strictObject({
    role: z.enum(ROLES, { error: 'choose admin, analyst, labeler or viewer' }).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((c) => c.role !== undefined || c.disabled !== undefined, { message: 'send role, disabled or both', path: ['role'] });

// The users lib records each change and refuses (409) to demote or disable the last active admin.
export const PATCH = internalHandler<{ id: string }>({ permission: 'admin' }, async (request, { db, actor }, params) => {
  const person = await findPerson(db, params.id);
  const change = await jsonBody(request, ZChange);
  const by = actor;
  if (change.role !== undefined && change.role !== person.role) await setUserRole(db, person.email, change.role, by);
  const locked = person.lockedUntil !== null && person.lockedUntil.getTime() > Date.now();
  if (change.disabled !== undefined && (change.disabled !== (person.disabledAt !== null) || (!change.disabled && locked))) {
    await setUserDisabled(db, person.email, change.disabled, by);
  }
  const row = (await listUsers(db)).find((u) => u.id === person.id)!;
  return Response.json({ user: toPersonJson(row) });
});

export const { GET, HEAD, POST, PUT, DELETE, OPTIONS } = otherMethods('PATCH');
