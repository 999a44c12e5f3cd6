// Settings' calls to its admin routes (app/api/users, app/api/keys,
// app/api/audit). Every state change sends a JSON body (`{}` when there is
// nothing to say): the server refuses other media types from browsers.
import type { PersonJson, SetupLinkJson } from '@/app/api/users/_lib/people';
import type { Role, Scope } from '@/lib/auth/permissions';
import type { AuditRow } from '@/lib/server/audit/list-audit';
import { callApi } from '@/components/api/call-api';

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


const send = (method: 'POST' | 'PATCH' | 'DELETE', body: unknown = {}): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const person = (id: string) => `/api/users/${encodeURIComponent(id)}`;

export const settingsKeys = {
  people: ['settings', 'people'] as const,
  keys: ['settings', 'keys'] as const,
  audit: (filters: AuditFilters, before: number | null) => ['settings', 'audit', filters, before] as const,
  auditAll: ['settings', 'audit'] as const,
};

export const fetchPeople = () => callApi<{ users: PersonJson[] }>('/api/users').then((r) => r.users);
export const addPerson = (input: { email: string; role: Role; name?: string }) =>
  callApi<{ user: { id: string; email: string; role: Role }; link: SetupLinkJson | null }>('/api/users', send('POST', input));
export const changePerson = (id: string, change: { role?: Role; disabled?: boolean }) => callApi<{ user: PersonJson }>(person(id), send('PATCH', change)).then((r) => r.user);
export const newLink = (id: string) => callApi<{ email: string; link: SetupLinkJson }>(`${person(id)}/link`, send('POST'));
export const endSessions = (id: string) => callApi<{ ended: number }>(`${person(id)}/sessions`, send('DELETE'));

export const fetchKeys = () => callApi<{ keys: ApiKeyJson[] }>('/api/keys').then((r) => r.keys);
export const createKey = (input: { name: string; scopes: Scope[] }) => callApi<CreatedKey>('/api/keys', send('POST', input));
export const revokeKey = (id: number) => callApi<{ id: number; revokedAt: string | null; alreadyRevoked: boolean }>(`/api/keys/${id}`, send('DELETE'));

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
  return callApi<{ events: AuditEvent[]; next_before: number | null }>(`/api/audit?${q}`);
}
