import type { Role } from '@/lib/auth/permissions';
import type { Db } from '@/lib/db';

/**
 * A real signed-in session for route tests: a person with a password, signed
 * in through better-auth's own sign-in endpoint; the cookie it sets is what a
 * browser would send. `as(request)` adds it, with our own Origin.
 */
export async function signIn(db: Db, role: Role = 'admin', origin = 'http://localhost') {
  const { createUser, CLI_ACTOR } = await import('@/lib/server/users/users');
  const { getAuth } = await import('@/lib/server/auth/auth');
  const email = `${role}-${Math.random().toString(36).slice(2, 10)}@test.example`;
  const password = 'correct horse battery staple';
  await createUser(db, { email, role, password }, CLI_ACTOR);
  const res = await (await getAuth()).handler(
    new Request(`${origin}/api/auth/sign-in/email`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin, 'X-Forwarded-For': `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` }, body: JSON.stringify({ email, password }) }),
  );
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie') ?? ''])
    .map((c) => c.split(';')[0]!)
    .filter((c) => c.includes('session_token'))
    .join('; ');
  if (!cookie) throw new Error('sign-in set no session cookie');
  const as = (request: Request): Request => {
    const headers = new Headers(request.headers);
    headers.set('Cookie', cookie);
    if (!headers.has('Origin')) headers.set('Origin', origin);
    const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers, body: request.body, duplex: 'half' };
    return new Request(request.url, init);
  };
  return { email, password, cookie, as };
}
