import type { Metadata } from 'next';
import { SetupForm } from '@/components/auth/setup-form';
import { db } from '@/lib/db';
import { inspectSetupLink } from '@/lib/server/users/users';

export const metadata: Metadata = { title: 'Set your password' };
export const dynamic = 'force-dynamic';

export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { token } = await searchParams;
  const t = typeof token === 'string' ? token.slice(0, 200) : '';
  const link = t ? await inspectSetupLink(db, t) : ({ ok: false, reason: 'This page needs the one-time link an admin (or `npm start`) gave you.' } as const);
  if (!link.ok) {
    return (
      <>
        <h1 className="auth-title">Set your password</h1>
        <p className="form-error" role="alert">
          {link.reason}
        </p>
        <a href="/sign-in">Go to sign-in</a>
      </>
    );
  }
  return (
    <>
      <h1 className="auth-title">{link.email ? 'Set your password' : 'Create the first admin'}</h1>
      <p className="auth-note">
        {link.email ? (
          <>
            For <bdi>{link.email}</bdi> ({link.role}). This link works once.
          </>
        ) : (
          'Callsight has nobody in it yet: this account will be its first admin. This link works once.'
        )}
      </p>
      <SetupForm token={t} askEmail={!link.email} />
    </>
  );
}
