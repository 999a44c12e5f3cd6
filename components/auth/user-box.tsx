'use client';

import { useEffect } from 'react';

type Props = { email: string; name: string; role: string };

async function post(path: string) {
  await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(() => null);
  window.location.assign('/sign-in');
}

/**
 * Who is signed in, with sign-out here and everywhere. Every ten minutes it asks
 * for the session, which moves its idle timeout on (and its cookie with it)
 * while the page is open and in use; a session that has ended goes to sign-in.
 */
export function UserBox({ email, name, role }: Props) {
  useEffect(() => {
    let last = Date.now();
    const touch = () => (last = Date.now());
    window.addEventListener('pointerdown', touch);
    window.addEventListener('keydown', touch);
    const t = setInterval(async () => {
      // only a person who used the page in the last ten minutes keeps the session alive
      if (Date.now() - last > 10 * 60_000) return;
      const res = await fetch('/api/auth/get-session', { cache: 'no-store' }).catch(() => null);
      if (res && res.ok && (await res.json().catch(() => null)) === null) window.location.assign('/sign-in');
    }, 10 * 60_000);
    return () => {
      clearInterval(t);
      window.removeEventListener('pointerdown', touch);
      window.removeEventListener('keydown', touch);
    };
  }, []);
  return (
    <div className="user-box" aria-label="Signed in">
      <bdi className="user-email" title={name}>
        {email}
      </bdi>
      <span className="user-role">{role}</span>
      <button type="button" onClick={() => post('/api/auth/sign-out')}>
        Sign out
      </button>
      <button type="button" onClick={() => post('/api/auth/revoke-sessions')} title="Ends this session and every other one of yours, on any device">
        Sign out everywhere
      </button>
    </div>
  );
}
