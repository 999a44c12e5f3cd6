import { beforeAll, describe, expect, it } from 'vitest';

// Integration: sign-in through better-auth's real endpoints against a real
// database; what Callsight adds on top (lockout, absolute timeout, disabled
// people, setup links, scopes and roles at the route edge, the audit log).
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { getAuth } = await import('./auth');
const { sessionUser, authenticate, authorize } = await import('./principal');
const users = await import('@/lib/server/users/users');
const { createApiKey } = await import('@/lib/server/keys/create-api-key');
const { signIn } = await import('@/lib/testing/session');
const { listAudit } = await import('@/lib/server/audit/list-audit');
const modelsRoute = await import('@/app/api/models/route');

const ORIGIN = 'http://localhost';
const PASSWORD = 'a long enough password';
const noParams = { params: Promise.resolve({}) };

// each attempt from its own address: the per-address throttle is better-auth's, the per-account lockout ours
let address = 0;
async function signInRaw(email: string, password: string) {
  const auth = await getAuth();
  const headers = { 'Content-Type': 'application/json', Origin: ORIGIN, 'X-Forwarded-For': `192.0.2.${++address}` };
  return auth.handler(new Request(`${ORIGIN}/api/auth/sign-in/email`, { method: 'POST', headers, body: JSON.stringify({ email, password }) }));
}
const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => c.includes('session_token')).join('; ');
const withCookie = (cookie: string) => new Headers({ cookie, host: 'localhost' });

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
});

describe('sign-in', () => {
  it('the first admin comes from a one-time link: no default password, the link works once', async () => {
    expect(await db.user.count()).toBe(0);
    const link = await users.firstAdminLink(db);
    expect(link?.path).toMatch(/^\/setup\?token=/);
    const token = new URL(link!.path, ORIGIN).searchParams.get('token')!;
    expect(await users.inspectSetupLink(db, token)).toMatchObject({ ok: true, email: null, role: 'admin' });
    await expect(users.redeemSetupLink(db, token, { password: 'short', email: 'boss@team.example' })).rejects.toThrow(/at least 10/);
    expect(await users.redeemSetupLink(db, token, { password: PASSWORD, email: 'Boss@Team.example', name: 'Boss' })).toEqual({ email: 'boss@team.example' });
    await expect(users.redeemSetupLink(db, token, { password: PASSWORD, email: 'other@team.example' })).rejects.toThrow(/already used/);
    expect(await db.user.findUnique({ where: { email: 'boss@team.example' }, select: { role: true } })).toEqual({ role: 'admin' });
    expect(await users.firstAdminLink(db)).toBeNull();
    const res = await signInRaw('boss@team.example', PASSWORD);
    expect(res.status).toBe(200);
    const cookie = cookieOf(res);
    expect(res.headers.getSetCookie().join('\n')).toMatch(/HttpOnly/i);
    expect(await sessionUser(db, withCookie(cookie))).toMatchObject({ kind: 'user', email: 'boss@team.example', role: 'admin' });
  });

  it('stores a memory-hard hash, never the password', async () => {
    const acc = await db.account.findFirstOrThrow({ where: { user: { email: 'boss@team.example' }, providerId: 'credential' } });
    expect(acc.password).not.toContain(PASSWORD);
    expect(acc.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/); // better-auth's scrypt: salt:key
  });

  it('refuses sign-up: people are added by an admin', async () => {
    const auth = await getAuth();
    const res = await auth.handler(new Request(`${ORIGIN}/api/auth/sign-up/email`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN }, body: JSON.stringify({ email: 'walk-in@x.example', password: PASSWORD, name: 'x' }) }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await db.user.findUnique({ where: { email: 'walk-in@x.example' } })).toBeNull();
  });

  it(`locks an account after ${env.SIGNIN_MAX_FAILURES} failed sign-ins in a row, even against the right password, and logs it`, async () => {
    await users.createUser(db, { email: 'target@team.example', role: 'viewer', password: PASSWORD }, users.CLI_ACTOR);
    for (let i = 0; i < env.SIGNIN_MAX_FAILURES; i++) expect((await signInRaw('target@team.example', `wrong password ${i}`)).status).toBe(401);
    const locked = await signInRaw('target@team.example', PASSWORD);
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { message: string }).message).toMatch(/locked for \d+ more minute/);
    const events = await listAudit(db, { actor: 'target@team.example' });
    expect(events.filter((e) => e.action === 'sign-in.failed').length).toBe(env.SIGNIN_MAX_FAILURES + 1);
    expect(events.some((e) => e.action === 'user.locked')).toBe(true);
    // when the lock has passed, the right password works again and the counter starts over
    await db.user.update({ where: { email: 'target@team.example' }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await signInRaw('target@team.example', PASSWORD)).status).toBe(200);
    expect(await db.user.findUniqueOrThrow({ where: { email: 'target@team.example' }, select: { failedSignIns: true } })).toEqual({ failedSignIns: 0 });
  });

  it('ends a session after the absolute timeout however active it was, and at once for a disabled person', async () => {
    const s = await signIn(db, 'analyst');
    expect(await sessionUser(db, withCookie(s.cookie))).not.toBeNull();
    const row = await db.session.findFirstOrThrow({ where: { user: { email: s.email } } });
    await db.session.update({ where: { id: row.id }, data: { createdAt: new Date(Date.now() - (env.SESSION_MAX_HOURS + 1) * 3_600_000) } });
    expect(await sessionUser(db, withCookie(s.cookie))).toBeNull();
    expect(await db.session.findUnique({ where: { id: row.id } })).toBeNull();

    const t = await signIn(db, 'analyst');
    await users.setUserDisabled(db, t.email, true, users.CLI_ACTOR);
    expect(await sessionUser(db, withCookie(t.cookie))).toBeNull();
    expect((await signInRaw(t.email, t.password)).status).toBe(403);
  });

  it('refuses the session of a disabled person even while its row remains (the person is read with the session)', async () => {
    const s = await signIn(db, 'analyst');
    expect(await sessionUser(db, withCookie(s.cookie))).toMatchObject({ role: 'analyst' });
    await db.user.update({ where: { email: s.email }, data: { disabledAt: new Date() } });
    expect(await sessionUser(db, withCookie(s.cookie))).toBeNull();
  });

  it('ends a session after the idle timeout', async () => {
    const s = await signIn(db, 'viewer');
    await db.session.updateMany({ where: { user: { email: s.email } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await sessionUser(db, withCookie(s.cookie))).toBeNull();
  });

  it('never lets the last admin go', async () => {
    await expect(users.setUserRole(db, 'boss@team.example', 'viewer', users.CLI_ACTOR)).rejects.toThrow(/last active admin/);
    await expect(users.setUserDisabled(db, 'boss@team.example', true, users.CLI_ACTOR)).rejects.toThrow(/last active admin/);
  });
});

describe('roles and scopes at the route edge', () => {
  it('a key without the scope gets a 403 that names the scope', async () => {
    const k = await createApiKey(db, { name: 'inference only', scopes: ['inference'] });
    const p = await authenticate(db, new Request(`${ORIGIN}/v2/transcripts`, { headers: { Authorization: `Bearer ${k.key}` } }), { api: true });
    expect(() => authorize(p, 'inference')).not.toThrow();
    expect(() => authorize(p, 'read')).toThrow(/lacks the scope `read`/);
    const all = await createApiKey(db, { name: 'legacy' });
    expect(all.scopes).toEqual(['inference', 'read', 'ingest', 'models', 'admin']);
  });

  it('a viewer cannot create a model; an analyst can, and it is in the audit log', async () => {
    const body = JSON.stringify({ name: 'Audited model', labels: [{ name: 'A' }, { name: 'B' }] });
    const viewer = await signIn(db, 'viewer');
    const refused = await modelsRoute.POST(viewer.as(new Request(`${ORIGIN}/api/models`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })), noParams);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/role \(viewer\) cannot create, train and promote models/);
    const analyst = await signIn(db, 'analyst');
    const ok = await modelsRoute.POST(analyst.as(new Request(`${ORIGIN}/api/models`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })), noParams);
    expect(ok.status).toBe(201);
    const [event] = await listAudit(db, { action: 'model.create' });
    expect(event).toMatchObject({ actorType: 'user', actor: analyst.email, target: '/api/models', details: { result: { name: 'Audited model' } } });
  });

  it('refuses a signed-in write from another origin (another port of the same host) and a text/plain body', async () => {
    const analyst = await signIn(db, 'analyst');
    const body = JSON.stringify({ name: 'Forged', labels: [{ name: 'A' }, { name: 'B' }] });
    const cross = await modelsRoute.POST(analyst.as(new Request(`${ORIGIN}/api/models`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:4000' }, body })), noParams);
    expect(cross.status).toBe(403);
    const site = await modelsRoute.POST(analyst.as(new Request(`${ORIGIN}/api/models`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-site' }, body })), noParams);
    expect(site.status).toBe(403);
    const plain = await modelsRoute.POST(analyst.as(new Request(`${ORIGIN}/api/models`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body })), noParams);
    expect(plain.status).toBe(415);
    expect(await db.model.findFirst({ where: { name: 'Forged' } })).toBeNull();
  });

  it('answers 401 without a session or key', async () => {
    const res = await modelsRoute.POST(new Request(`${ORIGIN}/api/models`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN }, body: '{}' }), noParams);
    expect(res.status).toBe(401);
  });
});
