import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import type { Db } from '@/lib/db';
import { ApiError, badRequest, notFound } from '@/lib/errors';
import { isRole, type Role } from '@/lib/auth/permissions';
import { recordAudit, type Actor } from '@/lib/server/audit/record-audit';

export type { Actor };

/**
 * People: created by an admin (Settings, or `npx callsight users create`),
 * never by signing up. A new person gets a one-time link to choose a password
 * (or signs in with SSO); only the link's SHA-256 is stored.
 */


export const CLI_ACTOR: Actor = { actorType: 'cli', actor: 'cli' };

const SETUP_LINK_HOURS = 24;
export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 256;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) throw badRequest(`"${raw.slice(0, 80)}" is not an e-mail address.`, [{ path: 'email', message: 'not an e-mail address' }]);
  return email;
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD) throw badRequest(`A password needs at least ${MIN_PASSWORD} characters.`, [{ path: 'password', message: `at least ${MIN_PASSWORD} characters` }]);
  if (password.length > MAX_PASSWORD) throw badRequest(`A password can have at most ${MAX_PASSWORD} characters.`, [{ path: 'password', message: `at most ${MAX_PASSWORD} characters` }]);
}

function checkRole(role: string): Role {
  if (!isRole(role)) throw badRequest(`"${role}" is not a role: use admin, analyst, labeler or viewer.`, [{ path: 'role', message: 'admin, analyst, labeler or viewer' }]);
  return role;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: Date;
  lastSignInAt: Date | null;
  disabledAt: Date | null;
  lockedUntil: Date | null;
  hasPassword: boolean;
  sso: boolean;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  const users = await db.user.findMany({
    orderBy: { createdAt: 'asc' },
    select: { id: true, email: true, name: true, role: true, createdAt: true, lastSignInAt: true, disabledAt: true, lockedUntil: true, accounts: { select: { providerId: true } } },
  });
  return users.map(({ accounts, ...u }) => ({ ...u, hasPassword: accounts.some((a) => a.providerId === 'credential'), sso: accounts.some((a) => a.providerId !== 'credential') }));
}

async function setPasswordOf(db: Db, userId: string, password: string): Promise<void> {
  checkPassword(password);
  const hash = await hashPassword(password);
  const existing = await db.account.findFirst({ where: { userId, providerId: 'credential' }, select: { id: true } });
  if (existing) await db.account.update({ where: { id: existing.id }, data: { password: hash } });
  else await db.account.create({ data: { id: randomUUID(), accountId: userId, providerId: 'credential', userId, password: hash } });
}

/** A one-time link (valid 24 h) that lets its holder set the password of `userId`, or create the first admin when `userId` is null. */
export async function createSetupLink(db: Db, userId: string | null, role: Role = 'admin'): Promise<{ token: string; path: string; expiresAt: Date }> {
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SETUP_LINK_HOURS * 3_600_000);
  // a new link replaces the unused ones for the same person
  await db.setupLink.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
  await db.setupLink.create({ data: { tokenHash: hashToken(token), userId, role, expiresAt } });
  return { token, path: `/setup?token=${token}`, expiresAt };
}

export async function createUser(
  db: Db,
  input: { email: string; role: string; name?: string; password?: string },
  by: Actor,
): Promise<{ user: { id: string; email: string; role: Role }; link: { path: string; expiresAt: Date } | null }> {
  const email = normalizeEmail(input.email);
  const role = checkRole(input.role);
  if (input.password !== undefined) checkPassword(input.password);
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw new ApiError(409, 'invalid_request', `${email} already has an account.`, [{ path: 'email', message: 'already taken' }]);
  const name = (input.name ?? '').trim().slice(0, 120) || email.split('@')[0]!;
  const user = await db.user.create({ data: { id: randomUUID(), email, name, role, emailVerified: false } });
  let link: { path: string; expiresAt: Date } | null = null;
  if (input.password !== undefined) await setPasswordOf(db, user.id, input.password);
  else link = await createSetupLink(db, user.id, role);
  await recordAudit(db, { ...by, action: 'user.create', target: email, details: { role, via: input.password !== undefined ? 'password' : 'link' } });
  return { user: { id: user.id, email, role }, link };
}

async function userByEmail(db: Db, email: string) {
  const u = await db.user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true, email: true, role: true, disabledAt: true } });
  if (!u) throw notFound(`No person with the e-mail ${email}.`, [{ path: 'email', message: 'unknown' }]);
  return u;
}

/** Admins left if this person lost the role or was disabled: the last one cannot go. */
async function assertAnotherAdmin(db: Db, userId: string) {
  const others = await db.user.count({ where: { role: 'admin', disabledAt: null, id: { not: userId } } });
  if (!others) throw new ApiError(409, 'invalid_request', 'This is the last active admin: make someone else admin first.');
}

export async function setUserRole(db: Db, email: string, role: string, by: Actor) {
  const r = checkRole(role);
  const u = await userByEmail(db, email);
  if (u.role === 'admin' && r !== 'admin') await assertAnotherAdmin(db, u.id);
  await db.user.update({ where: { id: u.id }, data: { role: r } });
  await recordAudit(db, { ...by, action: 'user.role', target: u.email, details: { from: u.role, to: r } });
  return { email: u.email, role: r };
}

/** Disables a person (sessions end at once) or enables them again. */
export async function setUserDisabled(db: Db, email: string, disabled: boolean, by: Actor) {
  const u = await userByEmail(db, email);
  if (disabled && u.role === 'admin') await assertAnotherAdmin(db, u.id);
  const locked = await db.user.findUniqueOrThrow({ where: { id: u.id }, select: { lockedUntil: true } });
  await db.user.update({ where: { id: u.id }, data: { disabledAt: disabled ? new Date() : null, ...(disabled ? {} : { lockedUntil: null, failedSignIns: 0 }) } });
  if (disabled) await db.session.deleteMany({ where: { userId: u.id } });
  // enabling a person who was only locked out is an unlock
  const action = disabled ? 'user.disable' : u.disabledAt ? 'user.enable' : locked.lockedUntil && locked.lockedUntil.getTime() > Date.now() ? 'user.unlock' : 'user.enable';
  await recordAudit(db, { ...by, action, target: u.email });
  return { email: u.email, disabled };
}

/** Ends every session of a person ("sign out everywhere", or an admin's doing). */
export async function endSessions(db: Db, userId: string, by: Actor): Promise<number> {
  const u = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  const r = await db.session.deleteMany({ where: { userId } });
  // a person signing out everywhere is logged by the sign-out hook; this is someone ending another's sessions
  await recordAudit(db, { ...by, action: 'user.sessions.end', target: u?.email ?? userId, details: { sessions: r.count } });
  return r.count;
}

export async function newSetupLinkFor(db: Db, email: string, by: Actor) {
  const u = await userByEmail(db, email);
  if (u.disabledAt) throw new ApiError(409, 'invalid_request', `${u.email} is disabled: enable them first, then send a link.`);
  const link = await createSetupLink(db, u.id, isRole(u.role) ? u.role : 'viewer');
  await recordAudit(db, { ...by, action: 'user.link', target: u.email });
  return link;
}

/** What a setup link is for, or why it cannot be used. */
export async function inspectSetupLink(db: Db, token: string): Promise<{ ok: true; email: string | null; role: Role } | { ok: false; reason: string }> {
  const link = await db.setupLink.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true, role: true, user: { select: { email: true } }, userId: true } });
  if (!link) return { ok: false, reason: 'This link is not valid. Ask an admin for a new one.' };
  if (link.usedAt) return { ok: false, reason: 'This link was already used (or replaced by a newer one). Ask an admin for a new one.' };
  if (link.expiresAt.getTime() < Date.now()) return { ok: false, reason: 'This link has expired (links last 24 hours). Ask an admin for a new one.' };
  if (!link.userId && (await db.user.count())) return { ok: false, reason: 'Callsight already has people: the first-admin link is no longer needed. Sign in, or ask an admin for a link.' };
  return { ok: true, email: link.user?.email ?? null, role: isRole(link.role) ? link.role : 'viewer' };
}

/** Uses a setup link once: sets the password (creating the first admin for a first-admin link). */
export async function redeemSetupLink(db: Db, token: string, input: { password: string; email?: string; name?: string }, ip: string | null = null): Promise<{ email: string }> {
  checkPassword(input.password);
  const check = await inspectSetupLink(db, token);
  if (!check.ok) throw new ApiError(410, 'invalid_request', check.reason);
  // claim the link first: two submissions of one link cannot both succeed
  const claimed = await db.setupLink.updateMany({ where: { tokenHash: hashToken(token), usedAt: null }, data: { usedAt: new Date() } });
  if (claimed.count !== 1) throw new ApiError(410, 'invalid_request', 'This link was already used. Ask an admin for a new one.');
  const link = await db.setupLink.findUniqueOrThrow({ where: { tokenHash: hashToken(token) }, select: { userId: true, role: true } });
  if (link.userId) {
    await setPasswordOf(db, link.userId, input.password);
    const u = await db.user.update({ where: { id: link.userId }, data: { failedSignIns: 0, lockedUntil: null }, select: { id: true, email: true } });
    await recordAudit(db, { actorType: 'user', actorId: u.id, actor: u.email, action: 'user.password', target: u.email, ip });
    return { email: u.email };
  }
  const email = normalizeEmail(input.email ?? '');
  const { user } = await createUser(db, { email, role: 'admin', name: input.name ?? '', password: input.password }, { actorType: 'anonymous', actor: email, ip });
  return { email: user.email };
}

/**
 * On a database with nobody in it, a link that creates the first admin (each
 * call replaces the previous one); null once anyone exists.
 */
export async function firstAdminLink(db: Db): Promise<{ path: string; expiresAt: Date } | null> {
  if (await db.user.count()) return null;
  return createSetupLink(db, null, 'admin');
}
