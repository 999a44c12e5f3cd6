import 'server-only';
import type { Db } from '@/lib/db';
import { env } from '@/lib/env';
import { forbidden, unauthorized } from '@/lib/errors';
import {
  isRole,
  PERMISSION_WORDS,
  permissionsOfRole,
  permissionsOfScopes,
  SCOPE_FOR,
  type Permission,
  type Role,
  type Scope,
} from '@/lib/auth/permissions';
import { hasSessionCookie } from '@/lib/http/request-guard';
import { authenticateRequest } from '@/lib/server/keys/authenticate-request';
import { getAuth } from './auth';

/**
 * Who is asking. A browser session and an API key are two ways to
 * authenticate; both end in a principal with permissions, checked the same way.
 */
export type Principal =
  | { kind: 'user'; id: string; email: string; name: string; role: Role; permissions: Set<Permission>; sessionId: string }
  | { kind: 'key'; id: number; name: string; scopes: Scope[]; permissions: Set<Permission> };

/** What the audit log calls a principal. */
export function auditActor(p: Principal): { actorType: 'user' | 'key'; actorId: string; actor: string } {
  return p.kind === 'user' ? { actorType: 'user', actorId: p.id, actor: p.email } : { actorType: 'key', actorId: String(p.id), actor: `key ${p.name} (#${p.id})` };
}

export type SessionUser = Extract<Principal, { kind: 'user' }>;

/**
 * The signed-in person of a request's session cookie, or null. Enforces what
 * better-auth does not: the absolute timeout (SESSION_MAX_HOURS after sign-in,
 * whatever the activity) and disabled people, both of which end the session.
 */
export async function sessionUser(db: Db, headers: Headers): Promise<SessionUser | null> {
  if (!hasSessionCookie(headers.get('cookie'))) return null;
  const auth = await getAuth();
  const s = await auth.api.getSession({ headers, query: { disableRefresh: true } }).catch(() => null);
  if (!s) return null;
  const user = s.user;
  const tooOld = s.session.createdAt.getTime() + env.SESSION_MAX_HOURS * 3_600_000 < Date.now();
  if (user.disabledAt || tooOld) {
    await db.session.deleteMany({ where: { id: s.session.id } });
    return null;
  }
  const role: Role = isRole(user.role) ? user.role : 'viewer';
  return { kind: 'user', id: user.id, email: user.email, name: user.name, role, permissions: permissionsOfRole(role), sessionId: s.session.id };
}

/**
 * Authenticates a request: `Authorization: Bearer <key>` when present (an API
 * client), else the session cookie (a browser). Throws 401 saying what to send.
 */
export async function authenticate(db: Db, request: Request, options: { api: boolean }): Promise<Principal> {
  if (request.headers.get('authorization')) {
    const key = await authenticateRequest(db, request);
    return { kind: 'key', id: key.id, name: key.name, scopes: key.scopes, permissions: permissionsOfScopes(key.scopes) };
  }
  const headers = request.headers.has('host') ? request.headers : new Headers([...request.headers, ['host', new URL(request.url).host]]);
  const user = await sessionUser(db, headers);
  if (user) return user;
  // No credential at all: on /v2 the answer names the API key header, as it always has.
  if (options.api) await authenticateRequest(db, request);
  throw unauthorized('Sign in first: this needs a signed-in session (or an API key as `Authorization: Bearer <key>` on /v2).');
}

/** Throws 403 unless the principal has one of the permissions; the message says which scope or role would. */
export function authorize(p: Principal, needed: Permission | readonly Permission[]): void {
  const any = typeof needed === 'string' ? [needed] : needed;
  if (any.some((n) => p.permissions.has(n))) return;
  const first = any[0]!;
  if (p.kind === 'key') {
    const scopes = [...new Set(any.map((n) => SCOPE_FOR[n]))];
    throw forbidden(
      `This API key lacks the scope \`${scopes.join('` or `')}\`, needed to ${PERMISSION_WORDS[first]}. An admin can create a key with that scope in Settings.`,
      [{ path: 'scope', message: `needs ${scopes.join(' or ')}` }],
    );
  }
  throw forbidden(`Your role (${p.role}) cannot ${PERMISSION_WORDS[first]}. Ask an admin for a role that can.`, [{ path: 'role', message: `${p.role} cannot ${PERMISSION_WORDS[first]}` }]);
}
