/**
 * Who may do what. A person has a role, an API key has scopes; both come down
 * to the same permissions, which every route and page checks on the server
 * (the UI only hides what a principal cannot do). Plain data: the dashboard's
 * client components import it too.
 */

export const ROLES = ['admin', 'analyst', 'labeler', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ['inference', 'read', 'ingest', 'models', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** What a route needs. */
export const PERMISSIONS = ['read', 'export', 'ingest', 'models', 'label', 'inference', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  analyst: ['read', 'export', 'ingest', 'models', 'label', 'inference'],
  labeler: ['read', 'label'],
  viewer: ['read'],
};

export const SCOPE_PERMISSIONS: Record<Scope, readonly Permission[]> = {
  inference: ['inference'],
  read: ['read', 'export'],
  ingest: ['ingest'],
  models: ['models', 'label'],
  admin: ['admin'],
};

/** The scope a key needs for a permission (named in a 403). */
export const SCOPE_FOR: Record<Permission, Scope> = {
  read: 'read',
  export: 'read',
  ingest: 'ingest',
  models: 'models',
  label: 'models',
  inference: 'inference',
  admin: 'admin',
};

/** What a role may do, in words (Settings, 403 answers). */
export const ROLE_SUMMARY: Record<Role, string> = {
  admin: 'everything, including people, API keys and the audit log',
  analyst: 'browse, export, upload, and build, train and promote models',
  labeler: 'browse, the labeling queue and corrections',
  viewer: 'browse the dashboard, without export',
};

export const PERMISSION_WORDS: Record<Permission, string> = {
  read: 'read transcripts and analytics',
  export: 'export transcripts',
  ingest: 'upload transcripts',
  models: 'create, train and promote models',
  label: 'label examples and correct predictions',
  inference: 'run inference',
  admin: 'manage people, API keys and settings',
};

/** Keys made without --scopes keep the full access keys had before scopes existed. */
export const ALL_SCOPES: readonly Scope[] = SCOPES;

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

export function isScope(x: unknown): x is Scope {
  return typeof x === 'string' && (SCOPES as readonly string[]).includes(x);
}

/** `"read,ingest"` → ['read', 'ingest']; unknown words are dropped (the column only ever holds known ones). */
export function parseScopes(stored: string): Scope[] {
  return stored
    .split(',')
    .map((s) => s.trim())
    .filter(isScope);
}

export function permissionsOfRole(role: Role): Set<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

export function permissionsOfScopes(scopes: readonly Scope[]): Set<Permission> {
  return new Set(scopes.flatMap((s) => SCOPE_PERMISSIONS[s]));
}
