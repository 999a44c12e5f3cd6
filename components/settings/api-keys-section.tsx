'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { PERMISSION_WORDS, SCOPE_PERMISSIONS, SCOPES, type Scope } from '@/lib/auth/permissions';
import { createKey, fetchKeys, revokeKey, settingsKeys, type ApiKeyJson, type CreatedKey } from './api';
import { fmtWhen, messageOf } from './format';
import { SecretBox } from './secret-box';

/** What a scope lets a key do, in words. */
const scopeWords = (s: Scope) => [...new Set(SCOPE_PERMISSIONS[s].map((p) => PERMISSION_WORDS[p]))].join('; ');

export function ApiKeysSection() {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: settingsKeys.keys, queryFn: fetchKeys });
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: settingsKeys.keys }), queryClient.invalidateQueries({ queryKey: settingsKeys.auditAll })]);

  const revoke = useMutation({ mutationFn: (k: ApiKeyJson) => revokeKey(k.id), onSettled: refresh });
  const onRevoke = (k: ApiKeyJson) => {
    // plain text: the key's name is never read as markup
    if (window.confirm(`Revoke the key "${k.name}" (cs_${k.prefix}_…)? Every client using it is refused from now on. This cannot be undone.`)) revoke.mutate(k);
  };

  // newest first; revoked keys stay listed for the record
  const rows = keys.data ? [...keys.data].reverse() : [];

  return (
    <section className="card" aria-labelledby="settings-keys">
      <div className="card-head">
        <h2 id="settings-keys">API keys</h2>
        <span className="card-meta">{keys.data ? `${keys.data.filter((k) => !k.revokedAt).length} active` : null}</span>
      </div>
      <p className="muted">
        Keys for the public API (<code>Authorization: Bearer cs_…</code>). Give each client its own key with only the scopes it needs.
      </p>

      <CreateKeyForm
        onCreated={(k) => {
          setCreated(k);
          void refresh();
        }}
      />
      {created ? (
        <SecretBox
          label={
            <>
              Key <bdi>{created.name}</bdi> created with {created.scopes.join(', ')}. Copy it now: it is never shown again.
            </>
          }
          value={created.key}
          note="Callsight keeps only its hash. If it is lost, revoke it and create another."
        />
      ) : null}

      {revoke.isError ? (
        <p className="form-error" role="alert">
          {messageOf(revoke.error)}
        </p>
      ) : null}
      {revoke.isSuccess ? (
        <p className="form-ok" role="status">
          Revoked <bdi>{revoke.variables.name}</bdi>.
        </p>
      ) : null}

      {keys.isError ? (
        <p className="form-error" role="alert">
          Could not load API keys: {messageOf(keys.error)}
        </p>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <table className="data" aria-busy={keys.isPending}>
            <thead>
              <tr>
                <th>Name</th>
                <th>Key</th>
                <th>Scopes</th>
                <th>Created by</th>
                <th>Created</th>
                <th>Last used</th>
                <th>Status</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.isPending ? (
                <tr>
                  <td colSpan={8} className="muted">
                    Loading keys…
                  </td>
                </tr>
              ) : rows.length === 0 ? (
                <tr>
                  <td colSpan={8} className="muted">
                    No API keys yet.
                  </td>
                </tr>
              ) : (
                rows.map((k) => (
                  <tr key={k.id} className={k.revokedAt ? 'muted' : undefined}>
                    <td>
                      <bdi>{k.name}</bdi>
                    </td>
                    <td>
                      <code>cs_{k.prefix}_…</code>
                    </td>
                    <td>
                      {k.scopes.map((s) => (
                        <span className="pill" key={s} title={scopeWords(s)}>
                          {s}
                        </span>
                      ))}
                    </td>
                    <td>{k.createdBy ? <bdi>{k.createdBy}</bdi> : <span className="muted">–</span>}</td>
                    <td>{fmtWhen(k.createdAt)}</td>
                    <td>{fmtWhen(k.lastUsedAt)}</td>
                    <td>{k.revokedAt ? <span title={fmtWhen(k.revokedAt)}>revoked</span> : 'active'}</td>
                    <td>
                      {k.revokedAt ? null : (
                        <button type="button" className="link-button" disabled={revoke.isPending && revoke.variables.id === k.id} onClick={() => onRevoke(k)}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (k: CreatedKey) => void }) {
  const [name, setName] = useState('');
  // the least a typical client needs; the admin adds more on purpose
  const [scopes, setScopes] = useState<ReadonlySet<Scope>>(() => new Set<Scope>(['inference']));
  const [invalid, setInvalid] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: createKey,
    onSuccess: (k) => {
      setName('');
      setScopes(new Set<Scope>(['inference']));
      onCreated(k);
    },
  });
  const toggle = (s: Scope, on: boolean) =>
    setScopes((prev) => {
      const next = new Set(prev);
      if (on) next.add(s);
      else next.delete(s);
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!scopes.size) {
      setInvalid('Choose at least one scope.');
      return;
    }
    setInvalid(null);
    create.mutate({ name, scopes: SCOPES.filter((s) => scopes.has(s)) });
  };
  return (
    <form className="settings-form" onSubmit={submit} aria-label="Create API key">
      <label className="field">
        <span>Name</span>
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="CRM sync" autoComplete="off" />
      </label>
      <fieldset className="scopes" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="sr-only">Scopes</legend>
        {SCOPES.map((s) => (
          <label key={s} title={scopeWords(s)}>
            <input type="checkbox" checked={scopes.has(s)} onChange={(e) => toggle(s, e.target.checked)} /> {s}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create key'}
      </button>
      <ul className="muted" style={{ flexBasis: '100%', margin: 0, paddingLeft: 18 }}>
        {SCOPES.map((s) => (
          <li key={s}>
            <strong>{s}</strong>: {scopeWords(s)}
          </li>
        ))}
      </ul>
      {invalid || create.isError ? (
        <p className="form-error" role="alert" style={{ flexBasis: '100%' }}>
          {invalid ?? messageOf(create.error)}
        </p>
      ) : null}
    </form>
  );
}
