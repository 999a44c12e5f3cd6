import { beforeAll, describe, expect, it } from 'vitest';

// Integration: Settings' admin routes (people, API keys, audit log) called
// directly as a signed-in admin's browser would, against a real migrated
// database; and the same routes refused to every other role.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { signIn } = await import('@/lib/testing/session');
const { authenticateRequest } = await import('@/lib/server/keys/authenticate-request');
const { inspectSetupLink } = await import('@/lib/server/users/users');
const users = await import('./route');
const user = await import('./[id]/route');
const link = await import('./[id]/link/route');
const sessions = await import('./[id]/sessions/route');
const keys = await import('../keys/route');
const key = await import('../keys/[id]/route');
const audit = await import('../audit/route');

type Session = Awaited<ReturnType<typeof signIn>>;
type Handler<P> = (request: Request, route: { params: Promise<P> }) => Promise<Response>;
type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };
type Person = { id: string; email: string; name: string; role: string; createdAt: string; lastSignInAt: string | null; disabled: boolean; locked: boolean; hasPassword: boolean; sso: boolean };
type Link = { url: string; expiresAt: string };
type Key = { id: number; name: string; prefix: string; scopes: string[]; createdBy: string | null; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
type AuditEvent = { id: number; at: string; actorType: string; actor: string; action: string; target: string | null; details: Record<string, unknown> };

const url = (path: string) => `http://localhost${path}`;
const params = <P,>(p: P) => ({ params: Promise.resolve(p) });
const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** Calls a route handler as `who`; the answer's status and JSON. */
async function call<T, P = object>(who: Session, handler: Handler<P>, path: string, init: RequestInit = {}, p = {} as P): Promise<{ status: number; body: T }> {
  const res = await handler(who.as(new Request(url(path), init)), params(p));
  expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  return { status: res.status, body: (await res.json()) as T };
}

const tokenOf = (linkUrl: string) => new URL(linkUrl).searchParams.get('token')!;
const idOf = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
const auditRows = (action: string, target: string) => db.auditEvent.findMany({ where: { action, target } });

let admin: Session;
let adminId: string;

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
  admin = await signIn(db, 'admin');
  adminId = await idOf(admin.email);
});

describe('people', () => {
  it('adds a person and answers the absolute one-time link, once, audited', async () => {
    const before = Date.now();
    const res = await call<{ user: { id: string; email: string; role: string }; link: Link }>(admin, users.POST, '/api/users', json('POST', { email: '  Dana.New@Example.com ', role: 'labeler', name: 'Dana' }));
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'dana.new@example.com', role: 'labeler' });
    expect(res.body.link.url).toMatch(/^http:\/\/localhost\/setup\?token=[\w-]{20,}$/);
    const hours = (Date.parse(res.body.link.expiresAt) - before) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThan(24.1);
    expect(await inspectSetupLink(db, tokenOf(res.body.link.url))).toEqual({ ok: true, email: 'dana.new@example.com', role: 'labeler' });
    const rows = await auditRows('user.create', 'dana.new@example.com');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorType: 'user', actorId: adminId, actor: admin.email });
    // the link is never written to the log
    expect(JSON.stringify(await db.auditEvent.findMany())).not.toContain(tokenOf(res.body.link.url));

    const again = await call<ErrorBody>(admin, users.POST, '/api/users', json('POST', { email: 'dana.new@example.com', role: 'viewer' }));
    expect([again.status, again.body.error.details[0]?.path]).toEqual([409, 'email']);
  });

  it('refuses bad input with the field to fix', async () => {
    const cases: [unknown, string][] = [
      [{ email: 'not-an-address', role: 'viewer' }, 'email'],
      [{ email: 'x@example.com', role: 'owner' }, 'role'],
      [{ email: 'x@example.com', role: 'viewer', name: 'a'.repeat(121) }, 'name'],
      [{ email: 'x@example.com', role: 'viewer', password: 'correct horse battery' }, '(body)'],
      [{ email: 'x\u0000@example.com', role: 'viewer' }, 'email'],
    ];
    for (const [body, path] of cases) {
      const res = await call<ErrorBody>(admin, users.POST, '/api/users', json('POST', body));
      expect([res.status, res.body.error.details[0]?.path], JSON.stringify(body)).toEqual([400, path]);
      expect(res.body.error.message).toMatch(/\w/);
    }
    // what a cross-site form can send is refused before the body is read
    const plain = await users.POST(admin.as(new Request(url('/api/users'), { method: 'POST', body: '{"email":"y@example.com","role":"admin"}' })), params({}));
    expect(plain.status).toBe(415);
    expect(await db.user.count({ where: { email: { in: ['x@example.com', 'y@example.com'] } } })).toBe(0);
  });

  it('lists people with how they sign in and their status', async () => {
    const res = await call<{ users: Person[] }>(admin, users.GET, '/api/users');
    expect(res.status).toBe(200);
    const me = res.body.users.find((u) => u.email === admin.email);
    const dana = res.body.users.find((u) => u.email === 'dana.new@example.com');
    expect(me).toMatchObject({ id: adminId, role: 'admin', hasPassword: true, sso: false, disabled: false, locked: false, lastSignInAt: expect.any(String) });
    expect(dana).toMatchObject({ role: 'labeler', hasPassword: false, sso: false, disabled: false, locked: false, lastSignInAt: null, name: 'Dana' });
    expect(Object.keys(dana!)).not.toContain('password');
  });

  it('changes a role, audited', async () => {
    const id = await idOf('dana.new@example.com');
    const res = await call<{ user: Person }, { id: string }>(admin, user.PATCH, `/api/users/${id}`, json('PATCH', { role: 'analyst' }), { id });
    expect([res.status, res.body.user.role]).toEqual([200, 'analyst']);
    expect((await auditRows('user.role', 'dana.new@example.com'))[0]).toMatchObject({ actor: admin.email, details: JSON.stringify({ from: 'labeler', to: 'analyst' }) });
    const bad = await call<ErrorBody, { id: string }>(admin, user.PATCH, `/api/users/${id}`, json('PATCH', { role: 'root' }), { id });
    expect([bad.status, bad.body.error.details[0]?.path]).toEqual([400, 'role']);
    const empty = await call<ErrorBody, { id: string }>(admin, user.PATCH, `/api/users/${id}`, json('PATCH', {}), { id });
    expect(empty.status).toBe(400);
    const unknown = await call<ErrorBody, { id: string }>(admin, user.PATCH, '/api/users/nobody', json('PATCH', { role: 'viewer' }), { id: 'nobody' });
    expect(unknown.status).toBe(404);
  });

  it('disables a person (their sessions end at once) and enables them again', async () => {
    const labeler = await signIn(db, 'labeler');
    const id = await idOf(labeler.email);
    expect(await db.session.count({ where: { userId: id } })).toBe(1);
    const off = await call<{ user: Person }, { id: string }>(admin, user.PATCH, `/api/users/${id}`, json('PATCH', { disabled: true }), { id });
    expect([off.status, off.body.user.disabled]).toEqual([200, true]);
    expect(await db.session.count({ where: { userId: id } })).toBe(0);
    const refused = await call<ErrorBody>(labeler, users.GET, '/api/users');
    expect(refused.status).toBe(401);
    expect(await auditRows('user.disable', labeler.email)).toHaveLength(1);
    const on = await call<{ user: Person }, { id: string }>(admin, user.PATCH, `/api/users/${id}`, json('PATCH', { disabled: false }), { id });
    expect([on.status, on.body.user.disabled]).toEqual([200, false]);
    expect(await auditRows('user.enable', labeler.email)).toHaveLength(1);
  });

  it('shows a sign-in lock, and lifts it with disabled: false', async () => {
    const id = await idOf('dana.new@example.com');
    await db.user.update({ where: { id }, data: { lockedUntil: new Date(Date.now() + 600_000) } });
    const listed = await call<{ users: Person[] }>(admin, users.GET, '/api/users');
    expect(listed.body.users.find((u) => u.id === id)).toMatchObject({ locked: true, disabled: false });
    const res = await call<{ user: Person }, { id: string }>(admin, user.PATCH, `/api/users/${id}`, json('PATCH', { disabled: false }), { id });
    expect(res.body.user).toMatchObject({ locked: false, disabled: false });
    expect(await db.user.findUniqueOrThrow({ where: { id }, select: { lockedUntil: true } })).toEqual({ lockedUntil: null });
  });

  it('keeps the last active admin: no demotion, no disabling (409)', async () => {
    for (const change of [{ role: 'viewer' }, { disabled: true }, { role: 'analyst', disabled: true }]) {
      const res = await call<ErrorBody, { id: string }>(admin, user.PATCH, `/api/users/${adminId}`, json('PATCH', change), { id: adminId });
      expect([res.status, res.body.error.message], JSON.stringify(change)).toEqual([409, expect.stringMatching(/last active admin/)]);
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: adminId }, select: { role: true, disabledAt: true } })).toEqual({ role: 'admin', disabledAt: null });
    // with a second admin, the first may step down
    const second = await signIn(db, 'admin');
    const secondId = await idOf(second.email);
    const down = await call<{ user: Person }, { id: string }>(second, user.PATCH, `/api/users/${secondId}`, json('PATCH', { role: 'analyst' }), { id: secondId });
    expect([down.status, down.body.user.role]).toEqual([200, 'analyst']);
  });

  it('gives a new one-time link that replaces the previous one', async () => {
    const id = await idOf('dana.new@example.com');
    const first = await call<{ link: Link }, { id: string }>(admin, link.POST, `/api/users/${id}/link`, json('POST', {}), { id });
    const second = await call<{ email: string; link: Link }, { id: string }>(admin, link.POST, `/api/users/${id}/link`, json('POST', {}), { id });
    expect([first.status, second.status, second.body.email]).toEqual([201, 201, 'dana.new@example.com']);
    expect(second.body.link.url).toMatch(/^http:\/\/localhost\/setup\?token=/);
    expect((await inspectSetupLink(db, tokenOf(first.body.link.url))).ok).toBe(false);
    expect((await inspectSetupLink(db, tokenOf(second.body.link.url))).ok).toBe(true);
    expect(await auditRows('user.link', 'dana.new@example.com')).toHaveLength(2);
    const extra = await call<ErrorBody, { id: string }>(admin, link.POST, `/api/users/${id}/link`, json('POST', { role: 'admin' }), { id });
    expect(extra.status).toBe(400);
    const unknown = await call<ErrorBody, { id: string }>(admin, link.POST, '/api/users/nobody/link', json('POST', {}), { id: 'nobody' });
    expect(unknown.status).toBe(404);
  });

  it('ends all of a person’s sessions', async () => {
    const viewer = await signIn(db, 'viewer');
    const id = await idOf(viewer.email);
    const res = await call<{ ended: number }, { id: string }>(admin, sessions.DELETE, `/api/users/${id}/sessions`, json('DELETE', {}), { id });
    expect(res).toEqual({ status: 200, body: { ended: 1 } });
    expect(await db.session.count({ where: { userId: id } })).toBe(0);
    expect((await call<ErrorBody>(viewer, users.GET, '/api/users')).status).toBe(401);
    const again = await call<{ ended: number }, { id: string }>(admin, sessions.DELETE, `/api/users/${id}/sessions`, { method: 'DELETE' }, { id });
    expect(again).toEqual({ status: 200, body: { ended: 0 } });
    const bad = await call<ErrorBody, { id: string }>(admin, sessions.DELETE, '/api/users/bad%20id/sessions', json('DELETE', {}), { id: 'bad id' });
    expect([bad.status, bad.body.error.details[0]?.path]).toEqual([400, 'id']);
  });
});

describe('API keys', () => {
  let created: { id: number; name: string; key: string; prefix: string; scopes: string[] };

  it('creates a key with its scopes; the clear key is answered once and authenticates', async () => {
    const res = await call<typeof created>(admin, keys.POST, '/api/keys', json('POST', { name: ' Reporting job ', scopes: ['inference', 'read', 'inference'] }));
    expect(res.status).toBe(201);
    created = res.body;
    expect(created).toMatchObject({ name: 'Reporting job', scopes: ['inference', 'read'], key: expect.stringMatching(/^cs_\w{12}_\w{32}$/) });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ name: 'Reporting job', scopes: 'inference,read', createdBy: admin.email, revokedAt: null });
    expect(row.hash).not.toContain(created.key);
    const auth = await authenticateRequest(db, new Request(url('/v2/models'), { headers: { Authorization: `Bearer ${created.key}` } }));
    expect(auth).toEqual({ id: created.id, name: 'Reporting job', scopes: ['inference', 'read'] });

    const events = await db.auditEvent.findMany({ where: { action: 'key.create' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: admin.email, target: `Reporting job (#${created.id})` });
    expect(JSON.parse(events[0]!.details)).toMatchObject({ name: 'Reporting job', scopes: ['inference', 'read'] });
    expect(JSON.stringify(await db.auditEvent.findMany())).not.toContain(created.key);
  });

  it('refuses a key without a name or scopes, or with an unknown scope', async () => {
    const cases: [unknown, string][] = [
      [{ name: '', scopes: ['read'] }, 'name'],
      [{ name: 'x'.repeat(101), scopes: ['read'] }, 'name'],
      [{ name: 'ok', scopes: [] }, 'scopes'],
      [{ name: 'ok', scopes: ['root'] }, 'scopes[0]'],
      [{ name: 'ok' }, 'scopes'],
    ];
    for (const [body, path] of cases) {
      const res = await call<ErrorBody>(admin, keys.POST, '/api/keys', json('POST', body));
      expect([res.status, res.body.error.details[0]?.path], JSON.stringify(body)).toEqual([400, path]);
    }
  });

  it('lists keys with scopes and who made them, never the hash', async () => {
    const res = await call<{ keys: Key[] }>(admin, keys.GET, '/api/keys');
    expect(res.status).toBe(200);
    const k = res.body.keys.find((x) => x.id === created.id);
    expect(k).toMatchObject({ name: 'Reporting job', prefix: created.prefix, scopes: ['inference', 'read'], createdBy: admin.email, createdAt: expect.any(String), revokedAt: null });
    expect(Object.keys(k!)).not.toContain('hash');
    expect(JSON.stringify(res.body)).not.toContain(created.key);
  });

  it('revokes a key (audited once; again is a 200 that changes nothing)', async () => {
    const res = await call<{ revokedAt: string | null; alreadyRevoked: boolean }, { id: string }>(admin, key.DELETE, `/api/keys/${created.id}`, json('DELETE', {}), { id: String(created.id) });
    expect([res.status, res.body.alreadyRevoked, typeof res.body.revokedAt]).toEqual([200, false, 'string']);
    await expect(authenticateRequest(db, new Request(url('/v2/models'), { headers: { Authorization: `Bearer ${created.key}` } }))).rejects.toMatchObject({ status: 401 });
    const again = await call<{ revokedAt: string | null; alreadyRevoked: boolean }, { id: string }>(admin, key.DELETE, `/api/keys/${created.id}`, { method: 'DELETE' }, { id: String(created.id) });
    expect([again.status, again.body.alreadyRevoked, again.body.revokedAt]).toEqual([200, true, res.body.revokedAt]);
    const events = await db.auditEvent.findMany({ where: { action: 'key.revoke' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: admin.email, target: `Reporting job (#${created.id})` });
    expect(JSON.parse(events[0]!.details)).toMatchObject({ name: 'Reporting job', scopes: ['inference', 'read'] });

    const unknown = await call<ErrorBody, { id: string }>(admin, key.DELETE, '/api/keys/999999', json('DELETE', {}), { id: '999999' });
    expect(unknown.status).toBe(404);
    const bad = await call<ErrorBody, { id: string }>(admin, key.DELETE, '/api/keys/abc', json('DELETE', {}), { id: 'abc' });
    expect([bad.status, bad.body.error.details[0]?.path]).toEqual([400, 'id']);
  });

  it('lets a key with the admin scope in, and refuses a key without it', async () => {
    const make = async (scopes: string[]) => (await call<{ key: string }>(admin, keys.POST, '/api/keys', json('POST', { name: `k-${scopes.join('-')}`, scopes }))).body.key;
    const asKey = (k: string) => (r: Request) => new Request(r, { headers: { Authorization: `Bearer ${k}` } });
    const ok = await keys.GET(asKey(await make(['admin']))(new Request(url('/api/keys'))), params({}));
    expect(ok.status).toBe(200);
    const no = await keys.GET(asKey(await make(['inference']))(new Request(url('/api/keys'))), params({}));
    expect(no.status).toBe(403);
    expect(((await no.json()) as ErrorBody).error.message).toMatch(/scope `admin`/);
  });
});

describe('audit log', () => {
  it('filters by action prefix and person', async () => {
    const res = await call<{ events: AuditEvent[]; next_before: number | null }>(admin, audit.GET, '/api/audit?action=user.&limit=500');
    expect(res.status).toBe(200);
    const actions = new Set(res.body.events.map((e) => e.action));
    expect([...actions].every((a) => a.startsWith('user.'))).toBe(true);
    expect(actions).toEqual(new Set(['user.create', 'user.role', 'user.sessions.end', 'user.unlock', 'user.disable', 'user.enable', 'user.link']));
    // newest first
    const ids = res.body.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const mine = await call<{ events: AuditEvent[] }>(admin, audit.GET, `/api/audit?actor=${encodeURIComponent(admin.email)}&action=key.`);
    expect(mine.body.events.map((e) => e.action).sort()).toEqual(['key.create', 'key.create', 'key.create', 'key.revoke']);
  });

  it('filters by time, and pages back with before', async () => {
    const all = await call<{ events: AuditEvent[] }>(admin, audit.GET, '/api/audit?limit=500');
    const newest = all.body.events[0]!;
    const since = await call<{ events: AuditEvent[] }>(admin, audit.GET, `/api/audit?since=${encodeURIComponent(newest.at)}&limit=500`);
    expect(since.body.events.map((e) => e.id)).toContain(newest.id);
    expect(since.body.events.every((e) => e.at >= newest.at)).toBe(true);
    expect((await call<{ events: AuditEvent[] }>(admin, audit.GET, '/api/audit?since=2999-01-01')).body.events).toEqual([]);
    expect((await call<{ events: AuditEvent[] }>(admin, audit.GET, '/api/audit?until=2000-01-01')).body.events).toEqual([]);
    expect((await call<{ events: AuditEvent[] }>(admin, audit.GET, '/api/audit?since=2000-01-01T00:00:00Z&until=2999-01-01&limit=500')).body.events).toHaveLength(all.body.events.length);

    const page1 = await call<{ events: AuditEvent[]; next_before: number | null }>(admin, audit.GET, '/api/audit?limit=2');
    expect(page1.body.events.map((e) => e.id)).toEqual(all.body.events.slice(0, 2).map((e) => e.id));
    expect(page1.body.next_before).toBe(all.body.events[1]!.id);
    const page2 = await call<{ events: AuditEvent[]; next_before: number | null }>(admin, audit.GET, `/api/audit?limit=2&before=${page1.body.next_before}`);
    expect(page2.body.events.map((e) => e.id)).toEqual(all.body.events.slice(2, 4).map((e) => e.id));
    const last = await call<{ events: AuditEvent[]; next_before: number | null }>(admin, audit.GET, `/api/audit?limit=500&before=${all.body.events.at(-1)!.id}`);
    expect(last.body).toEqual({ events: [], next_before: null });
  });

  it('names the parameter it cannot read', async () => {
    for (const [q, path] of [
      ['since=yesterday', 'since'],
      ['until=2026-13-40', 'until'],
      ['limit=501', 'limit'],
      ['before=abc', 'before'],
      ['order=asc', 'order'],
    ] as const) {
      const res = await call<ErrorBody>(admin, audit.GET, `/api/audit?${q}`);
      expect([res.status, res.body.error.details[0]?.path], q).toEqual([400, path]);
      expect(res.body.error.message).toContain(path);
    }
  });
});

describe('every other role', () => {
  it.each(['analyst', 'labeler', 'viewer'] as const)('%s gets 403 with a message on each route', async (role) => {
    const who = await signIn(db, role);
    const target = { id: adminId };
    const attempts: [string, () => Promise<Response>][] = [
      ['GET /api/users', () => users.GET(who.as(new Request(url('/api/users'))), params({}))],
      ['POST /api/users', () => users.POST(who.as(new Request(url('/api/users'), json('POST', { email: `${role}-made@example.com`, role: 'admin' }))), params({}))],
      ['PATCH /api/users/{id}', () => user.PATCH(who.as(new Request(url(`/api/users/${adminId}`), json('PATCH', { role: 'viewer' }))), params(target))],
      ['POST /api/users/{id}/link', () => link.POST(who.as(new Request(url(`/api/users/${adminId}/link`), json('POST', {}))), params(target))],
      ['DELETE /api/users/{id}/sessions', () => sessions.DELETE(who.as(new Request(url(`/api/users/${adminId}/sessions`), json('DELETE', {}))), params(target))],
      ['GET /api/keys', () => keys.GET(who.as(new Request(url('/api/keys'))), params({}))],
      ['POST /api/keys', () => keys.POST(who.as(new Request(url('/api/keys'), json('POST', { name: 'mine', scopes: ['admin'] }))), params({}))],
      ['DELETE /api/keys/{id}', () => key.DELETE(who.as(new Request(url('/api/keys/1'), json('DELETE', {}))), params({ id: '1' }))],
      ['GET /api/audit', () => audit.GET(who.as(new Request(url('/api/audit'))), params({}))],
    ];
    for (const [name, attempt] of attempts) {
      const res = await attempt();
      const body = (await res.json()) as ErrorBody;
      expect([res.status, body.error.code], name).toEqual([403, 'forbidden']);
      expect(body.error.message, name).toBe(`Your role (${role}) cannot manage people, API keys and settings. Ask an admin for a role that can.`);
    }
    // nothing changed
    expect(await db.user.count({ where: { email: `${role}-made@example.com` } })).toBe(0);
    expect(await db.apiKey.count({ where: { name: 'mine' } })).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: adminId }, select: { role: true } })).toEqual({ role: 'admin' });
    expect(await db.session.count({ where: { userId: adminId } })).toBeGreaterThan(0);
  });
});
