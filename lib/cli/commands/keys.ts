import { parseArgs } from 'node:util';
import { isScope, parseScopes, SCOPES, type Scope } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { createApiKey } from '@/lib/server/keys/create-api-key';
import { listApiKeys } from '@/lib/server/keys/list-api-keys';
import { revokeApiKey } from '@/lib/server/keys/revoke-api-keys';
import { CLI_ACTOR } from '@/lib/server/users/users';
import { parseWithUsage, printable, requireValue, usageLines } from '../args';
import { CommandError, UsageError } from '../errors';
import { withDb } from '../with-db';

const CREATE = 'keys create --name NAME [--scopes a,b]';
const LIST = 'keys list [--json]';
const REVOKE = 'keys revoke --id ID';

export const KEYS_USAGE = usageLines([
  [CREATE, `create an API key (printed once, alone on the last line) with these scopes (${SCOPES.join(', ')}; default: all)`],
  [LIST, 'list keys with their scopes and who created them (never their secrets)'],
  [REVOKE, 'revoke a key'],
]);

/** `--scopes inference,read` → the scopes; an unknown one is refused with the list of valid ones. */
export function parseScopesOption(raw: string): Scope[] {
  const words = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const valid = `valid scopes: ${SCOPES.join(', ')}`;
  if (!words.length) throw new CommandError(`--scopes needs at least one scope; ${valid}.`);
  const unknown = words.filter((w) => !isScope(w));
  if (unknown.length) throw new CommandError(`--scopes: unknown scope${unknown.length > 1 ? 's' : ''} ${unknown.map((w) => `"${printable(w)}"`).join(', ')}; ${valid}.`);
  return [...new Set(words.filter(isScope))];
}

/** `npx callsight keys create|list|revoke`; creating and revoking are recorded in the audit log as done by "cli". */
export async function keysCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values } = parseWithUsage(CREATE, () => parseArgs({ args: rest, options: { name: { type: 'string' }, scopes: { type: 'string' } } }));
    const name = requireValue(values, 'name', CREATE);
    if (name.length > 100) throw new CommandError(`--name: a key name has at most 100 characters (this one has ${name.length}).`);
    const scopes = values.scopes === undefined ? undefined : parseScopesOption(values.scopes);
    const k = await withDb(async (db) => {
      const created = await createApiKey(db, { name, ...(scopes ? { scopes } : {}), createdBy: CLI_ACTOR.actor });
      // the same event as POST /api/keys records
      await recordAudit(db, { ...CLI_ACTOR, action: 'key.create', target: `${created.name} (#${created.id})`, details: { id: created.id, name: created.name, scopes: created.scopes, prefix: created.prefix } });
      return created;
    });
    console.error(`Created API key ${k.id} "${printable(k.name)}" with scopes ${k.scopes.join(', ')}. It is shown once; store it now:`);
    console.log(k.key);
    return;
  }
  if (sub === 'list') {
    const { values } = parseWithUsage(LIST, () => parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } } }));
    const keys = await withDb((db) => listApiKeys(db));
    if (values.json) console.log(JSON.stringify(keys));
    // tab-separated as before; the scopes and the creator come after the columns scripts may already read
    else
      for (const k of keys)
        console.log(
          `${k.id}\t${printable(k.name)}\tcs_${k.prefix}_…\t${k.revokedAt ? 'revoked' : 'active'}\tlast used ${k.lastUsedAt?.toISOString() ?? 'never'}\tscopes ${k.scopes.join(',') || 'none'}\tcreated by ${printable(k.createdBy ?? 'unknown')}`,
        );
    return;
  }
  if (sub === 'revoke') {
    const { values } = parseWithUsage(REVOKE, () => parseArgs({ args: rest, options: { id: { type: 'string' } } }));
    const raw = requireValue(values, 'id', REVOKE);
    const id = Number(raw);
    if (!Number.isInteger(id) || id <= 0) throw new UsageError(`--id must be a key id (a positive whole number, see keys list), got "${raw}"`, REVOKE);
    await withDb(async (db) => {
      const key = await db.apiKey.findUnique({ where: { id }, select: { name: true, scopes: true } });
      if (!key || !(await revokeApiKey(db, id))) throw new CommandError(`No active key with id ${id} (see npx callsight keys list).`);
      // the same event as DELETE /api/keys/{id} records
      await recordAudit(db, { ...CLI_ACTOR, action: 'key.revoke', target: `${key.name} (#${id})`, details: { id, name: key.name, scopes: parseScopes(key.scopes) } });
    });
    console.error(`Revoked key ${id}.`);
    return;
  }
  throw new UsageError(sub ? `keys: unknown subcommand "${sub}"` : 'keys: expected create, list or revoke', KEYS_USAGE);
}
