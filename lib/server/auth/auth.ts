import 'server-only';
import { randomBytes } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { db as defaultDb, type Db } from '@/lib/db';
import { env, isPostgresUrl } from '@/lib/env';
import { clientIp } from '@/lib/http/request-guard';
import { recordAudit } from '@/lib/server/audit/record-audit';

/**
 * Sign-in, built on better-auth (sessions in our database through its Prisma
 * adapter, scrypt password hashes, OpenID Connect through its generic OAuth
 * plugin). What is ours: no public sign-up (admins add people), the lockout
 * after repeated failures, SSO's domain allow-list and default role, disabled
 * people, and the audit log. The absolute session timeout is checked where
 * every request is authenticated (principal.ts).
 */

export const OIDC_PROVIDER_ID = 'oidc';

async function authSecret(db: Db): Promise<string> {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const existing = await db.serverSecret.findUnique({ where: { name: 'auth' } });
  if (existing) return existing.value;
  try {
    await db.serverSecret.create({ data: { name: 'auth', value: randomBytes(32).toString('base64url') } });
  } catch {
    // another server made it first
  }
  return (await db.serverSecret.findUniqueOrThrow({ where: { name: 'auth' } })).value;
}

export function oidcConfigured(): boolean {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}

function allowedDomains(): string[] {
  return env.OIDC_ALLOWED_DOMAINS.split(',')
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
}

/** Whether SSO may create or sign in a person with this e-mail. */
export function ssoEmailAllowed(email: string): boolean {
  const domains = allowedDomains();
  if (!domains.length) return true;
  const domain = email.toLowerCase().split('@').pop() ?? '';
  return domains.includes(domain);
}

function createAuth(db: Db, secret: string) {
  const idleSeconds = env.SESSION_IDLE_MINUTES * 60;
  const lockMs = env.SIGNIN_LOCK_MINUTES * 60_000;
  const localHosts = ['localhost:*', '127.0.0.1:*', '[::1]:*', 'localhost', '127.0.0.1'];
  const extraHosts = (env.ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  return betterAuth({
    appName: 'Callsight',
    secret,
    baseURL: env.PUBLIC_URL ?? { allowedHosts: [...localHosts, ...extraHosts], protocol: 'http', fallback: `http://localhost:${env.PORT}` },
    basePath: '/api/auth',
    database: prismaAdapter(db, { provider: isPostgresUrl(env.DATABASE_URL) ? 'postgresql' : 'sqlite' }),
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      // People are added by an admin (Settings or `npx callsight users create`), never by signing up.
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 256,
    },
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'viewer', input: false },
        // read with the session, so checking a request needs no second query for the person
        disabledAt: { type: 'date', required: false, input: false },
      },
    },
    session: {
      expiresIn: idleSeconds,
      // A request more than this after the last refresh moves the expiry on: the idle timeout.
      updateAge: Math.min(15 * 60, Math.floor(idleSeconds / 4)),
      // Every request reads the session from the database, so signing out (everywhere) or disabling a person takes effect at once.
      cookieCache: { enabled: false },
    },
    account: {
      accountLinking: { enabled: true, trustedProviders: [OIDC_PROVIDER_ID] },
    },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: env.SIGNIN_RATE_PER_MINUTE },
        '/sign-in/social': { window: 60, max: 20 },
      },
    },
    advanced: {
      useSecureCookies: Boolean(env.PUBLIC_URL?.startsWith('https:')),
      cookiePrefix: 'callsight',
      ipAddress: { ipAddressHeaders: ['x-forwarded-for'] },
    },
    plugins: oidcConfigured()
      ? [
          genericOAuth({
            config: [
              {
                providerId: OIDC_PROVIDER_ID,
                name: env.OIDC_NAME,
                discoveryUrl: `${env.OIDC_ISSUER!.replace(/\/$/, '')}/.well-known/openid-configuration`,
                clientId: env.OIDC_CLIENT_ID!,
                clientSecret: env.OIDC_CLIENT_SECRET!,
                scopes: ['openid', 'email', 'profile'],
                pkce: true,
              },
            ],
          }),
        ]
      : [],
    databaseHooks: {
      user: {
        create: {
          // Only SSO creates people through better-auth (password sign-up is off).
          before: async (user) => {
            if (!ssoEmailAllowed(user.email)) {
              await recordAudit(db, { actorType: 'anonymous', actor: user.email, action: 'sign-in.refused', details: { reason: 'e-mail domain not allowed for SSO' } });
              throw new APIError('FORBIDDEN', { code: 'SSO_DOMAIN_NOT_ALLOWED', message: `Single sign-on is not open to ${user.email.split('@').pop()} addresses. Ask an admin to add the domain to OIDC_ALLOWED_DOMAINS.` });
            }
            return { data: { ...user, role: env.OIDC_DEFAULT_ROLE } };
          },
          after: async (user) => {
            await recordAudit(db, { actorType: 'user', actorId: user.id, actor: user.email, action: 'user.create', target: user.email, details: { via: 'sso', role: env.OIDC_DEFAULT_ROLE } });
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            const user = await db.user.findUnique({ where: { id: session.userId }, select: { disabledAt: true, email: true } });
            if (!user || user.disabledAt) throw new APIError('FORBIDDEN', { code: 'ACCOUNT_DISABLED', message: 'This account is disabled. Ask an admin to enable it.' });
            if (!ssoEmailAllowed(user.email) && oidcConfigured()) {
              // a password account is not limited by the SSO allow-list
              const hasPassword = await db.account.count({ where: { userId: session.userId, providerId: 'credential' } });
              if (!hasPassword) throw new APIError('FORBIDDEN', { code: 'SSO_DOMAIN_NOT_ALLOWED', message: `Single sign-on is not open to ${user.email.split('@').pop()} addresses.` });
            }
            return { data: session };
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/sign-up/email') throw new APIError('FORBIDDEN', { message: 'People are added by an admin: ask one for an invitation link.' });
        if (ctx.path !== '/sign-in/email') return;
        const email = String((ctx.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase();
        const user = email ? await db.user.findUnique({ where: { email }, select: { lockedUntil: true } }) : null;
        if (user?.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
          const minutes = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60_000);
          await recordAudit(db, { actorType: 'anonymous', actor: email, action: 'sign-in.failed', details: { reason: 'locked' }, ip: clientIp(ctx.headers) });
          throw new APIError('TOO_MANY_REQUESTS', { message: `Too many failed sign-ins: this account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}.` });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const ip = clientIp(ctx.headers);
        if (ctx.path === '/sign-in/email') {
          const email = String((ctx.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase();
          const failed = ctx.context.returned instanceof APIError || !ctx.context.newSession;
          const user = email ? await db.user.findUnique({ where: { email }, select: { id: true, failedSignIns: true } }) : null;
          if (failed) {
            if (user) {
              const failures = user.failedSignIns + 1;
              const lock = failures >= env.SIGNIN_MAX_FAILURES;
              await db.user.update({ where: { id: user.id }, data: { failedSignIns: lock ? 0 : failures, ...(lock ? { lockedUntil: new Date(Date.now() + lockMs) } : {}) } });
              if (lock) await recordAudit(db, { actorType: 'anonymous', actorId: user.id, actor: email, action: 'user.locked', target: email, details: { minutes: env.SIGNIN_LOCK_MINUTES, failures }, ip });
            }
            await recordAudit(db, { actorType: 'anonymous', actorId: user?.id ?? null, actor: email || '(no e-mail)', action: 'sign-in.failed', details: { method: 'password' }, ip });
            return;
          }
          if (user) await db.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null, lastSignInAt: new Date() } });
          await recordAudit(db, { actorType: 'user', actorId: user?.id ?? null, actor: email, action: 'sign-in', details: { method: 'password' }, ip });
          return;
        }
        if (ctx.path.startsWith('/callback/') || ctx.path.startsWith('/oauth2/callback/')) {
          const s = ctx.context.newSession;
          if (s) {
            await db.user.update({ where: { id: s.user.id }, data: { lastSignInAt: new Date() } });
            await recordAudit(db, { actorType: 'user', actorId: s.user.id, actor: s.user.email, action: 'sign-in', details: { method: 'sso' }, ip });
          } else {
            await recordAudit(db, { actorType: 'anonymous', actor: '(sso)', action: 'sign-in.failed', details: { method: 'sso' }, ip });
          }
          return;
        }
        if (ctx.path === '/sign-out' || ctx.path === '/revoke-sessions') {
          const s = ctx.context.session;
          if (s) await recordAudit(db, { actorType: 'user', actorId: s.user.id, actor: s.user.email, action: ctx.path === '/sign-out' ? 'sign-out' : 'sign-out.everywhere', ip });
        }
      }),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { callsightAuth?: Promise<Auth> };

/** The process's auth instance (its secret may come from the database, hence async). */
export function getAuth(db: Db = defaultDb): Promise<Auth> {
  if (db !== defaultDb) return authSecret(db).then((s) => createAuth(db, s));
  globalForAuth.callsightAuth ??= authSecret(db).then((s) => createAuth(db, s));
  return globalForAuth.callsightAuth;
}
