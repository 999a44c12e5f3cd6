// Settings' calls to its admin routes (app/api/users, app/api/keys,
// app/api/audit). Every state change sends a JSON body (`{}` when there is
// nothing to say): the server refuses other media types from browsers.
import type { PersonJson, SetupLinkJson } from '@/app/api/users/_lib/people';
import type { Role, Scope } from '@/lib/auth/permissions';
import type { AuditRow } from '@/lib/server/audit/list-audit';

export type { PersonJson, SetupLinkJson };
export type AuditEvent = AuditRow;

export interface ApiKeyJson {
  id: number;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedKey {
  id: number;
  name: string;
  key: string;
  prefix: string;
  scopes: Scope[];
}

export interface AuditFilters {
  actor: string;
  action: string;
  /** YYYY-MM-DD, inclusive, UTC */
  from: string;
  /** YYYY-MM-DD, inclusive, UTC */
  to: string;
}

/** An error answer of the API: its message says what to fix. */
export class SettingsApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'SettingsApiError';
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { cache: 'no-store', ...init });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = isRecord(body) && isRecord(body.error) ? body.error : {};
    const message = typeof error.message === 'string' ? error.message : `The server answered ${res.status}.`;
    const details = Array.isArray(error.details)
      ? error.details.flatMap((d) => (isRecord(d) && typeof d.path === 'string' && typeof d.message === 'string' ? [{ path: d.path, message: d.message }] : []))
      : [];
    throw new SettingsApiError(message, res.status, details);
  }
  return body as T;
}

const send = (method: 'POST' | 'PATCH' | 'DELETE', body: unknown = {}): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const person = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export const settingsKeys = {
  people: ['settings', 'people'] as const,
  keys: ['settings', 'keys'] as const,
  audit: (filters: AuditFilters, before: number | null) => ['settings', 'audit', filters, before] as const,
  auditAll: ['settings', 'audit'] as const,
};

export const fetchPeople = () => call<{ users: PersonJson[] }>('/api/users').then((r) => r.users);
export const addPerson = (input: { email: string; role: Role; name?: string }) =>
  call<{ user: { id: string; email: string; role: Role }; link: SetupLinkJson | null }>('/api/users', send('POST', input));
export const changePerson = (id: string, change: { role?: Role; disabled?: boolean }) => call<{ user: PersonJson }>(person(id), send('PATCH', change)).then((r) => r.user);
export const newLink = (id: string) => call<{ email: string; link: SetupLinkJson }>(`${person(id)}/link`, send('POST'));
export const endSessions = (id: string) => call<{ ended: number }>(`${person(id)}/sessions`, send('DELETE'));

export const fetchKeys = () => call<{ keys: ApiKeyJson[] }>('/api/keys').then((r) => r.keys);
export const createKey = (input: { name: string; scopes: Scope[] }) => call<CreatedKey>('/api/keys', send('POST', input));
export const revokeKey = (id: number) => call<{ id: number; revokedAt: string | null; alreadyRevoked: boolean }>(`/api/keys/${id}`, send('DELETE'));

export const AUDIT_PAGE = 50;

/** The day after a YYYY-MM-DD: the API's `until` is exclusive, the form's "to" day is not. */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function fetchAudit(filters: AuditFilters, before: number | null) {
  const q = new URLSearchParams({ limit: String(AUDIT_PAGE) });
  if (filters.actor.trim()) q.set('actor', filters.actor.trim());
  if (filters.action.trim()) q.set('action', filters.action.trim());
  if (filters.from) q.set('since', filters.from);
  if (filters.to) q.set('until', nextDay(filters.to));
  if (before !== null) q.set('before', String(before));
  return call<{ events: AuditEvent[]; next_before: number | null }>(`/api/audit?${q}`);
}
