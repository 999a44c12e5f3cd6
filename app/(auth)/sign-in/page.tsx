import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { oidcConfigured } from '@/lib/server/auth/auth';
import { sessionUser } from '@/lib/server/auth/principal';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

/** Only our own paths: `next` must not send a person to another site after signing in. */
function safeNext(next: string | string[] | undefined): string {
  const n = typeof next === 'string' ? next : '';
  return n.startsWith('/') && !n.startsWith('//') && !n.startsWith('/\\') ? n : '/';
}

// Fixed words per error code: the URL's own error_description is anyone's text and is never shown.
const SSO_ERRORS: Record<string, string> = {
  SSO_DOMAIN_NOT_ALLOWED: 'Single sign-on is not open to your e-mail domain. Ask an admin to add it, or to add you with a password.',
  ACCOUNT_DISABLED: 'Your account is disabled. Ask an admin to enable it.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNext(params.next);
  if (await sessionUser(db, await headers())) redirect(next);
  // better-auth appends its own `error` to our errorCallbackURL: the last one is the reason
  const code = [params.error].flat().at(-1);
  const error = typeof code === 'string' ? (SSO_ERRORS[code] ?? 'Single sign-on did not complete. Try again, or ask an admin.') : null;
  const firstRun = (await db.user.count()) === 0;
  return (
    <>
      <h1 className="auth-title">Sign in</h1>
      {firstRun ? (
        <p className="auth-note" role="status">
          Nobody has an account yet. Open the one-time setup link that <code>npm start</code> printed to create the first admin.
        </p>
      ) : null}
      <SignInForm next={next} sso={oidcConfigured() ? env.OIDC_NAME : null} initialError={error} />
    </>
  );
}
