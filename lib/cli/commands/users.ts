import { parseArgs } from 'node:util';
import { ROLES } from '@/lib/auth/permissions';
import { env } from '@/lib/env';
import { CLI_ACTOR, createUser, listUsers, newSetupLinkFor, setUserDisabled, setUserRole, type UserRow } from '@/lib/server/users/users';
import { apiErrorsAsCommandErrors, parseWithUsage, requireValue, table, usageLines, utc } from '../args';
import { CommandError, UsageError } from '../errors';
import { readSecretLine } from '../read-secret';
import { withDb } from '../with-db';

const CREATE = 'users create --email E --role ROLE [--name N] [--password-stdin]';
const LIST = 'users list [--json]';
const SET_ROLE = 'users set-role --email E --role ROLE';
const DISABLE = 'users disable --email E';
const ENABLE = 'users enable --email E';
const LINK = 'users link --email E';

export const USERS_USAGE = usageLines([
  [CREATE, `add a person (ROLE: ${ROLES.join(', ')}); prints a one-time link to choose a password (24 h), alone on the last line, or reads the password from stdin`],
  [LIST, 'people: role, status, last sign-in, sign-in methods'],
  [SET_ROLE, "change a person's role"],
  [DISABLE, 'stop a person signing in (their sessions end at once)'],
  [ENABLE, 'let a disabled or locked-out person sign in again'],
  [LINK, 'a new one-time link to (re)set the password, alone on the last line; older unused links stop working'],
]);

/** The absolute address of a setup link: PUBLIC_URL when set, else this machine's port. */
export function absoluteLink(path: string): string {
  const base = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  return `${base}${path}`;
}

/** Password sign-in refused for now, after too many failures. */
const lockedAt = (u: UserRow, now: Date) => u.lockedUntil !== null && u.lockedUntil > now;

function statusOf(u: UserRow, now = new Date()): 'active' | 'disabled' | 'locked' {
  if (u.disabledAt) return 'disabled';
  if (lockedAt(u, now)) return 'locked';
  return 'active';
}

const methodsOf = (u: UserRow) => [...(u.hasPassword ? ['password'] : []), ...(u.sso ? ['sso'] : [])];

function printLink(email: string, link: { path: string; expiresAt: Date }, what: string): void {
  console.error(`${what} This one-time link lets ${email} choose a password until ${utc(link.expiresAt)} UTC; send it to them privately:`);
  console.log(absoluteLink(link.path));
}

/** `npx callsight users …`: the same calls as Settings → People, recorded in the audit log as done by "cli". */
export async function usersCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create': {
      const { values } = parseWithUsage(CREATE, () =>
        parseArgs({ args: rest, options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false } } }),
      );
      const email = requireValue(values, 'email', CREATE);
      const role = requireValue(values, 'role', CREATE);
      let password: string | undefined;
      if (values['password-stdin']) {
        password = await readSecretLine();
        if (!password) throw new CommandError('--password-stdin: the first line of stdin is empty; give the password on it (or leave out --password-stdin to get a setup link).');
      }
      const { user, link } = await apiErrorsAsCommandErrors(() =>
        withDb((db) => createUser(db, { email, role, ...(values.name !== undefined ? { name: values.name } : {}), ...(password !== undefined ? { password } : {}) }, CLI_ACTOR)),
      );
      if (link) printLink(user.email, link, `Created ${user.email} (${user.role}).`);
      else console.log(`created ${user.email} (${user.role})`);
      return;
    }
    case 'list': {
      const { values } = parseWithUsage(LIST, () => parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } } }));
      const users = await withDb((db) => listUsers(db));
      const now = new Date();
      if (values.json) {
        console.log(
          JSON.stringify(
            users.map((u) => ({
              id: u.id,
              email: u.email,
              name: u.name,
              role: u.role,
              status: statusOf(u, now),
              createdAt: u.createdAt.toISOString(),
              lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
              signInMethods: methodsOf(u),
              // the fields of GET /api/users too
              disabled: u.disabledAt !== null,
              locked: lockedAt(u, now),
              lockedUntil: lockedAt(u, now) ? (u.lockedUntil?.toISOString() ?? null) : null,
              hasPassword: u.hasPassword,
              sso: u.sso,
            })),
          ),
        );
        return;
      }
      if (!users.length) {
        console.error(`Nobody yet. Add a person: npx callsight ${CREATE}`);
        return;
      }
      console.log(
        table(
          ['EMAIL', 'NAME', 'ROLE', 'STATUS', 'LAST SIGN-IN (UTC)', 'SIGN-IN METHODS'],
          users.map((u) => {
            const status = statusOf(u, now);
            return [u.email, u.name, u.role, status === 'locked' ? `locked until ${utc(u.lockedUntil)}` : status, utc(u.lastSignInAt), methodsOf(u).join(', ') || 'none yet'];
          }),
        ),
      );
      return;
    }
    case 'set-role': {
      const { values } = parseWithUsage(SET_ROLE, () => parseArgs({ args: rest, options: { email: { type: 'string' }, role: { type: 'string' } } }));
      const email = requireValue(values, 'email', SET_ROLE);
      const role = requireValue(values, 'role', SET_ROLE);
      const r = await apiErrorsAsCommandErrors(() => withDb((db) => setUserRole(db, email, role, CLI_ACTOR)));
      console.log(`${r.email} is now ${r.role}`);
      return;
    }
    case 'disable':
    case 'enable': {
      const usage = sub === 'disable' ? DISABLE : ENABLE;
      const { values } = parseWithUsage(usage, () => parseArgs({ args: rest, options: { email: { type: 'string' } } }));
      const email = requireValue(values, 'email', usage);
      const r = await apiErrorsAsCommandErrors(() => withDb((db) => setUserDisabled(db, email, sub === 'disable', CLI_ACTOR)));
      console.log(r.disabled ? `disabled ${r.email} (signed out everywhere)` : `enabled ${r.email}`);
      return;
    }
    case 'link': {
      const { values } = parseWithUsage(LINK, () => parseArgs({ args: rest, options: { email: { type: 'string' } } }));
      const email = requireValue(values, 'email', LINK);
      const link = await apiErrorsAsCommandErrors(() => withDb((db) => newSetupLinkFor(db, email, CLI_ACTOR)));
      printLink(email.trim().toLowerCase(), link, 'Earlier unused links for this person no longer work.');
      return;
    }
    default:
      throw new UsageError(sub ? `users: unknown subcommand "${sub}"` : 'users: expected create, list, set-role, disable, enable or link', USERS_USAGE);
  }
}
