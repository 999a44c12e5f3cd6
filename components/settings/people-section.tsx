'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { isRole, ROLE_SUMMARY, ROLES, type Role } from '@/lib/auth/permissions';
import { addPerson, changePerson, endSessions, fetchPeople, newLink, settingsKeys, type PersonJson, type SetupLinkJson } from './api';
import { fmtWhen, messageOf } from './format';
import { SecretBox } from './secret-box';

type Notice = { kind: 'link'; email: string; link: SetupLinkJson; created: boolean } | { kind: 'ok'; text: ReactNode } | { kind: 'error'; text: string };

type Action =
  | { kind: 'role'; person: PersonJson; role: Role }
  | { kind: 'disabled'; person: PersonJson; disabled: boolean }
  | { kind: 'link'; person: PersonJson }
  | { kind: 'sessions'; person: PersonJson };

function status(p: PersonJson): { word: string; title?: string } {
  if (p.disabled) return { word: 'disabled', title: 'Cannot sign in; enable to let them back in.' };
  if (p.locked) return { word: 'locked', title: `Too many failed password sign-ins: locked until ${fmtWhen(p.lockedUntil)}.` };
  return { word: 'active' };
}

function signInMethod(p: PersonJson): string {
  const ways = [p.hasPassword ? 'password' : null, p.sso ? 'SSO' : null].filter(Boolean);
  return ways.length ? ways.join(' + ') : 'link pending';
}

/** The browser's own confirm: plain text, so a person's e-mail is never read as markup. */
function confirmed(action: Action, self: boolean): boolean {
  const who = action.person.email;
  if (action.kind === 'disabled' && action.disabled) {
    return window.confirm(self ? 'Disable your own account? You are signed out at once and need another admin to enable you.' : `Disable ${who}? They are signed out at once and cannot sign in until enabled.`);
  }
  if (action.kind === 'role' && self && action.role !== 'admin') return window.confirm(`Change your own role to ${action.role}? You lose access to Settings at once.`);
  if (action.kind === 'sessions') return window.confirm(self ? 'End all your sessions, this one included? You will have to sign in again.' : `Sign ${who} out on every device?`);
  if (action.kind === 'link' && action.person.hasPassword) return window.confirm(`${who} already has a password. A new link lets whoever holds it set a new one. Create it?`);
  return true;
}

async function run(action: Action): Promise<Notice> {
  const { person } = action;
  switch (action.kind) {
    case 'role': {
      const u = await changePerson(person.id, { role: action.role });
      return { kind: 'ok', text: <><bdi>{u.email}</bdi> is now {u.role}.</> };
    }
    case 'disabled': {
      const u = await changePerson(person.id, { disabled: action.disabled });
      const what = action.disabled ? 'disabled and signed out everywhere' : person.disabled ? 'enabled' : 'unlocked';
      return { kind: 'ok', text: <><bdi>{u.email}</bdi> is {what}.</> };
    }
    case 'link': {
      const r = await newLink(person.id);
      return { kind: 'link', email: r.email, link: r.link, created: false };
    }
    case 'sessions': {
      const r = await endSessions(person.id);
      const sessions = `${r.ended} session${r.ended === 1 ? '' : 's'}`;
      return { kind: 'ok', text: <>Ended {sessions} of <bdi>{person.email}</bdi>.</> };
    }
  }
}

/** What a row offers: label, action, tooltip. */
function rowActions(p: PersonJson): [string, Action, string][] {
  const out: [string, Action, string][] = [];
  if (p.disabled) out.push(['Enable', { kind: 'disabled', person: p, disabled: false }, 'Lets them sign in again']);
  else if (p.locked) out.push(['Unlock', { kind: 'disabled', person: p, disabled: false }, 'Lifts the lock after too many failed sign-ins']);
  if (!p.disabled) out.push(['Disable', { kind: 'disabled', person: p, disabled: true }, 'Signs them out and refuses their sign-ins']);
  out.push(['New link', { kind: 'link', person: p }, 'A one-time link to set a password; replaces any unused one']);
  out.push(['End sessions', { kind: 'sessions', person: p }, 'Signs them out on every device']);
  return out;
}

export function PeopleSection({ currentUserId }: { currentUserId: string }) {
  const queryClient = useQueryClient();
  const people = useQuery({ queryKey: settingsKeys.people, queryFn: fetchPeople });
  const [notice, setNotice] = useState<Notice | null>(null);
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: settingsKeys.people }), queryClient.invalidateQueries({ queryKey: settingsKeys.auditAll })]);

  const act = useMutation({
    mutationFn: run,
    onMutate: () => setNotice(null),
    onSuccess: setNotice,
    onError: (e) => setNotice({ kind: 'error', text: messageOf(e) }),
    onSettled: refresh,
  });
  const perform = (action: Action) => {
    if (confirmed(action, action.person.id === currentUserId)) act.mutate(action);
  };

  return (
    <section className="card" aria-labelledby="settings-people">
      <div className="card-head">
        <h2 id="settings-people">People</h2>
        <span className="card-meta">{people.data ? `${people.data.length} ${people.data.length === 1 ? 'person' : 'people'}` : null}</span>
      </div>
      <p className="muted">Everyone who can sign in to the dashboard. A new person gets a one-time link to choose a password (or signs in with SSO).</p>

      <AddPersonForm
        onAdded={(email, link) => {
          setNotice(link ? { kind: 'link', email, link, created: true } : { kind: 'ok', text: <><bdi>{email}</bdi> added.</> });
          void refresh();
        }}
      />

      <NoticeView notice={notice} />

      {people.isError ? (
        <p className="form-error" role="alert">
          Could not load people: {messageOf(people.error)}
        </p>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table className="data" aria-busy={people.isPending}>
            <thead>
              <tr>
                <th>E-mail</th>
                <th>Name</th>
                <th>Role</th>
                <th>Status</th>
                <th>Last sign-in</th>
                <th>Signs in with</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.isPending ? (
                <tr>
                  <td colSpan={7} className="muted">
                    Loading people…
                  </td>
                </tr>
              ) : (
                people.data.map((p) => {
                  const self = p.id === currentUserId;
                  const s = status(p);
                  const busy = act.isPending && act.variables?.person.id === p.id;
                  return (
                    <tr key={p.id} aria-busy={busy}>
                      <td>
                        <bdi>{p.email}</bdi>
                        {self ? <span className="muted"> (you)</span> : null}
                      </td>
                      <td>
                        <bdi>{p.name}</bdi>
                      </td>
                      <td>
                        <select
                          aria-label={`Role of ${p.email}`}
                          value={p.role}
                          disabled={busy}
                          title={isRole(p.role) ? ROLE_SUMMARY[p.role] : undefined}
                          onChange={(e) => {
                            const role = e.target.value;
                            if (isRole(role) && role !== p.role) perform({ kind: 'role', person: p, role });
                          }}
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r} title={ROLE_SUMMARY[r]}>
                              {r}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <span className="pill" title={s.title}>
                          {s.word}
                        </span>
                      </td>
                      <td>{fmtWhen(p.lastSignInAt)}</td>
                      <td>{signInMethod(p)}</td>
                      <td style={{ whiteSpace: 'nowrap' }}>
                        {rowActions(p).map(([label, action, title], i) => (
                          <span key={label}>
                            {i ? ' · ' : null}
                            <button type="button" className="link-button" disabled={busy} title={title} onClick={() => perform(action)}>
                              {label}
                            </button>
                          </span>
                        ))}
                      </td>
                    </tr>
                  );
                })
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function NoticeView({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  if (notice.kind === 'error') {
    return (
      <p className="form-error" role="alert">
        {notice.text}
      </p>
    );
  }
  if (notice.kind === 'ok') {
    return (
      <p className="form-ok" role="status">
        {notice.text}
      </p>
    );
  }
  return (
    <SecretBox
      label={
        <>
          {notice.created ? 'Added ' : 'New link for '}
          <bdi>{notice.email}</bdi>. Send them this one-time link to set their password:
        </>
      }
      value={notice.link.url}
      note={`It works once and expires in 24 h (${fmtWhen(notice.link.expiresAt)}); it is not shown again. A newer link replaces it.`}
    />
  );
}

function AddPersonForm({ onAdded }: { onAdded: (email: string, link: SetupLinkJson | null) => void }) {
  const id = useId();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const add = useMutation({
    mutationFn: addPerson,
    onSuccess: (r) => {
      setEmail('');
      setName('');
      onAdded(r.user.email, r.link);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ email, role, ...(name.trim() ? { name } : {}) });
  };
  return (
    <form className="settings-form" onSubmit={submit} aria-label="Add person">
      <label className="field">
        <span>E-mail</span>
        <input type="email" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      </label>
      <label className="field">
        <span>Name (optional)</span>
        <input maxLength={120} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </label>
      <label className="field">
        <span>Role</span>
        <select value={role} onChange={(e) => isRole(e.target.value) && setRole(e.target.value)} aria-describedby={`${id}-role`}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}: {ROLE_SUMMARY[r]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add person'}
      </button>
      <p className="muted" id={`${id}-role`} style={{ flexBasis: '100%', margin: 0 }}>
        {role === 'admin' ? 'An' : 'A'} {role} can {ROLE_SUMMARY[role]}.
      </p>
      {add.isError ? (
        <p className="form-error" role="alert" style={{ flexBasis: '100%' }}>
          {messageOf(add.error)}
        </p>
      ) : null}
    </form>
  );
}
