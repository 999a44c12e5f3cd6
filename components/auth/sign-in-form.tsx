'use client';

import { useState, type FormEvent } from 'react';

type Props = { next: string; sso: string | null; initialError: string | null };

async function errorMessage(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { message?: string; error?: { message?: string } } | null;
  if (res.status === 429 && !body?.message) return 'Too many attempts: wait a minute and try again.';
  return body?.message ?? body?.error?.message ?? `Sign-in failed (${res.status}).`;
}

export function SignInForm({ next, sso, initialError }: Props) {
  const [error, setError] = useState<string | null>(initialError);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? ''), rememberMe: true }),
      });
      if (!res.ok) {
        const message = await errorMessage(res);
        setError(/invalid (email|password)/i.test(message) ? 'Wrong e-mail or password.' : message);
        return;
      }
      window.location.assign(next);
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  async function onSso() {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/sign-in/social', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ provider: 'oidc', callbackURL: next, errorCallbackURL: '/sign-in' }),
      });
      const body = (await res.json().catch(() => null)) as { url?: string } | null;
      if (!res.ok || !body?.url) {
        setError(await errorMessage(res));
        return;
      }
      window.location.assign(body.url);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="auth-forms">
      <form className="auth-form" onSubmit={onSubmit}>
        <label className="field">
          <span>E-mail</span>
          <input name="email" type="email" autoComplete="username" required maxLength={254} autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" required maxLength={256} />
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button className="button" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {sso ? (
        <>
          <div className="auth-or">or</div>
          <button className="button secondary" type="button" onClick={onSso} disabled={busy}>
            Sign in with {sso}
          </button>
        </>
      ) : null}
    </div>
  );
}
