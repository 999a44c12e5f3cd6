'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AUDIT_PAGE, fetchAudit, settingsKeys, type AuditEvent, type AuditFilters } from './api';
import { fmtStamp, messageOf } from './format';

const NO_FILTERS: AuditFilters = { actor: '', action: '', from: '', to: '' };

/** Action prefixes worth a click (the field takes any prefix). */
const ACTION_PREFIXES = ['sign-in', 'sign-out', 'user.', 'key.', 'model.', 'version.', 'example', 'prediction.', 'upload', 'export'];

/** Details as one line of JSON: shown as text, never as markup. */
const detailsText = (d: Record<string, unknown>) => {
  const text = JSON.stringify(d);
  return text === '{}' ? '' : text;
};

export function AuditLogSection() {
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  // cursors of the pages walked through, newest first: [null] is the first page
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const before = cursors.at(-1) ?? null;
  const log = useQuery({ queryKey: settingsKeys.audit(filters, before), queryFn: () => fetchAudit(filters, before), placeholderData: keepPreviousData });

  const apply = (next: AuditFilters) => {
    setFilters(next);
    setCursors([null]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };
  const set = (patch: Partial<AuditFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const filtered = Object.values(filters).some(Boolean);

  return (
    <section className="card" aria-labelledby="settings-audit">
      <div className="card-head">
        <h2 id="settings-audit">Audit log</h2>
        <span className="card-meta">newest first · times in UTC</span>
      </div>
      <form className="settings-filters" onSubmit={submit} aria-label="Filter the audit log">
        <input aria-label="Person contains" placeholder="Person (e-mail or key name) contains" maxLength={320} value={draft.actor} onChange={(e) => set({ actor: e.target.value })} />
        <input aria-label="Action starts with" placeholder="Action starts with" maxLength={100} list="audit-action-prefixes" value={draft.action} onChange={(e) => set({ action: e.target.value })} />
        <datalist id="audit-action-prefixes">
          {ACTION_PREFIXES.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <label>
          From <input type="date" value={draft.from} max={draft.to || undefined} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          to <input type="date" value={draft.to} min={draft.from || undefined} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <button type="submit" className="button secondary">
          Apply
        </button>
        {filtered ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setDraft(NO_FILTERS);
              apply(NO_FILTERS);
            }}
          >
            Clear filters
          </button>
        ) : null}
      </form>

      {log.isError ? (
        <p className="form-error" role="alert">
          {messageOf(log.error)}
        </p>
      ) : null}

      <div style={{ overflowX: 'auto' }}>
        <table className="data" aria-busy={log.isFetching}>
          <thead>
            <tr>
              <th>Time (UTC)</th>
              <th>Who</th>
              <th>Action</th>
              <th>Target</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {log.isPending ? (
              <tr>
                <td colSpan={5} className="muted">
                  Loading the audit log…
                </td>
              </tr>
            ) : !log.data?.events.length ? (
              <tr>
                <td colSpan={5} className="muted">
                  {filtered ? 'No events match these filters.' : 'No events yet.'}
                </td>
              </tr>
            ) : (
              log.data.events.map((e) => <AuditRowView key={e.id} event={e} />)
            )}
          </tbody>
        </table>
      </div>

      <div className="card-foot" style={{ marginTop: 10 }}>
        <span className="muted">
          {log.data ? `${log.data.events.length} event${log.data.events.length === 1 ? '' : 's'} on this page (${AUDIT_PAGE} a page)` : null}
        </span>
        <span style={{ display: 'flex', gap: 8 }}>
          {cursors.length > 1 ? (
            <>
              <button type="button" className="button secondary" onClick={() => setCursors([null])}>
                Newest
              </button>
              <button type="button" className="button secondary" onClick={() => setCursors((c) => c.slice(0, -1))}>
                Newer
              </button>
            </>
          ) : null}
          <button
            type="button"
            className="button secondary"
            disabled={log.isPlaceholderData || log.data?.next_before == null}
            onClick={() => {
              const next = log.data?.next_before;
              if (next != null) setCursors((c) => [...c, next]);
            }}
          >
            Older
          </button>
        </span>
      </div>
    </section>
  );
}

function AuditRowView({ event: e }: { event: AuditEvent }) {
  const details = detailsText(e.details);
  return (
    <tr>
      <td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        <time dateTime={e.at}>{fmtStamp(e.at)}</time>
      </td>
      <td>
        <bdi>{e.actor}</bdi>
        {e.actorType !== 'user' ? <span className="muted"> ({e.actorType})</span> : null}
        {e.ip ? <div className="muted">{e.ip}</div> : null}
      </td>
      <td>
        <code>{e.action}</code>
      </td>
      <td>{e.target ? <bdi>{e.target}</bdi> : <span className="muted">–</span>}</td>
      <td>
        {details ? (
          <code style={{ wordBreak: 'break-all', fontSize: 12 }} title={details.length > 300 ? details : undefined}>
            {details.length > 300 ? `${details.slice(0, 300)}…` : details}
          </code>
        ) : (
          <span className="muted">–</span>
        )}
      </td>
    </tr>
  );
}
