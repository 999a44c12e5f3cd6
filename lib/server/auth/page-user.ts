import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Permission } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { sessionUser, type SessionUser } from './principal';

/** The signed-in person of a page, or a redirect to sign-in. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await sessionUser(db, await headers());
  if (!user) redirect('/sign-in');
  return user;
}

/** The same, for a page that needs a permission: without it, a page that says so (not a blank one). */
export async function pageUserWith(permission: Permission): Promise<{ user: SessionUser; allowed: boolean }> {
  const user = await requirePageUser();
  return { user, allowed: user.permissions.has(permission) };
}
