'use client';

import { useState, type FormEvent } from 'react';

export function SetupForm({ token, askEmail }: { token: string; askEmail: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('confirm') ?? '')) {
      setError('The two passwords differ.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/setup', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token, password, ...(askEmail ? { email: String(form.get('email') ?? ''), name: String(form.get('name') ?? '') } : {}) }),
      });
      const body = (await res.json().catch(() => null)) as { email?: string; error?: { message?: string } } | null;
      if (!res.ok) {
        setError(body?.error?.message ?? `Could not set the password (${res.status}).`);
        return;
      }
      window.location.assign(`/sign-in?email=${encodeURIComponent(body?.email ?? '')}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="auth-form" onSubmit={onSubmit}>
      {askEmail ? (
        <>
          <label className="field">
            <span>Your name</span>
            <input name="name" autoComplete="name" maxLength={120} />
          </label>
          <label className="field">
            <span>E-mail</span>
            <input name="email" type="email" autoComplete="username" required maxLength={254} />
          </label>
        </>
      ) : null}
      <label className="field">
        <span>Password (at least 10 characters)</span>
        <input name="password" type="password" autoComplete="new-password" required minLength={10} maxLength={256} />
      </label>
      <label className="field">
        <span>Password again</span>
        <input name="confirm" type="password" autoComplete="new-password" required minLength={10} maxLength={256} />
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button className="button" type="submit" disabled={busy}>
        {busy ? 'Saving…' : askEmail ? 'Create admin' : 'Set password'}
      </button>
    </form>
  );
}
