import 'server-only';
import { z } from 'zod';
import type { Db } from '@/lib/db';
import { env } from '@/lib/env';
import { badRequest, fromZodError, notFound } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/read-json-body';
import { ownOrigin } from '@/lib/http/request-guard';
import { hasNul, NUL_REASON } from '@/lib/schemas/stored-text';
import type { UserRow } from '@/lib/server/users/users';

// What the admin routes of Settings share (people, keys, audit log).

/** A person as Settings' table reads them (dates as ISO strings, never a hash or a token). */
export interface PersonJson {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: string;
  lastSignInAt: string | null;
  disabled: boolean;
  /** password sign-in refused until lockedUntil, after too many failures */
  locked: boolean;
  lockedUntil: string | null;
  hasPassword: boolean;
  sso: boolean;
}

/** A one-time setup link: works once, until expiresAt. */
export interface SetupLinkJson {
  url: string;
  expiresAt: string;
}

export function toPersonJson(u: UserRow, now = Date.now()): PersonJson {
  const locked = u.lockedUntil !== null && u.lockedUntil.getTime() > now;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    createdAt: u.createdAt.toISOString(),
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    disabled: u.disabledAt !== null,
    locked,
    lockedUntil: locked ? u.lockedUntil!.toISOString() : null,
    hasPassword: u.hasPassword,
    sso: u.sso,
  };
}

/** The absolute URL of one of our paths, on the origin people reach us at (PUBLIC_URL when set, else this request's). */
export function absoluteUrl(request: Request, path: string): string {
  const url = new URL(request.url);
  return new URL(path, ownOrigin(url, request.headers.get('host'), { publicUrl: env.PUBLIC_URL })).href;
}

/** A person's id from the path (ours are UUIDs; better-auth's SSO ids are alphanumeric). */
export function personIdParam(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(value)) throw badRequest(`Invalid path: id is not a person's id: "${value.slice(0, 40)}".`, [{ path: 'id', message: 'not a person id' }]);
  return value;
}

export async function findPerson(db: Db, id: string): Promise<{ id: string; email: string; role: string; disabledAt: Date | null; lockedUntil: Date | null }> {
  const u = await db.user.findUnique({ where: { id: personIdParam(id) }, select: { id: true, email: true, role: true, disabledAt: true, lockedUntil: true } });
  if (!u) throw notFound(`No person with the id ${id}.`, [{ path: 'id', message: 'unknown person' }]);
  return u;
}

/** Text we store: trimmed, capped, without NUL (PostgreSQL cannot hold it). */
export const storedText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} is at most ${max} characters`)
    .refine((s) => !hasNul(s), `${what} ${NUL_REASON}`);

const ZEmpty = z.strictObject({}).optional();

/** An action without input (`curl -X DELETE`, or the dashboard's `{}`): anything else in the body is a 400. */
export async function emptyBody(request: Request): Promise<void> {
  const r = ZEmpty.safeParse(await readJsonBody(request, 1024, { optional: true }));
  if (!r.success) throw fromZodError(r.error);
}
