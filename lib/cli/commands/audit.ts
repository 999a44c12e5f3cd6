import { parseArgs } from 'node:util';
import { listAudit, type AuditRow } from '@/lib/server/audit/list-audit';
import { readTimestamp } from '@/lib/text/timestamp';
import { parseWithUsage, table, usageLines, utc } from '../args';
import { CommandError } from '../errors';
import { withDb } from '../with-db';

const AUDIT = 'audit [--since D] [--until D] [--action PREFIX] [--actor TEXT] [--limit N] [--json]';
const MAX_LIMIT = 1000;

export const AUDIT_USAGE = usageLines([
  [
    AUDIT,
    `the audit log, newest first (default: the last 100 events). D: an ISO date or time (2025-01-31, 2025-01-31T09:30, UTC unless it has an offset) or how long ago (30m, 24h, 7d, 2w); --action user. matches every user.* action; --actor matches part of an e-mail or key name`,
  ],
]);

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `--since`/`--until`: an ISO date or date-time (UTC unless it says otherwise), or `7d`, `24h`, `30m`, `2w` meaning that long before `now`. */
export function parseWhen(raw: string, option: string, now = Date.now()): Date {
  const text = raw.trim();
  const ago = /^(\d{1,6})\s*([mhdw])$/i.exec(text);
  if (ago) return new Date(now - Number(ago[1]) * (UNIT_MS[ago[2]!.toLowerCase()] ?? 0));
  // the same strict reading as an upload's timestamps (a date that does not exist is refused, not rolled over); Unix time is not offered here
  const t = /^\d+$/.test(text) ? null : readTimestamp(text);
  if (t?.ok) return t.date;
  throw new CommandError(
    `${option}: "${raw.slice(0, 60)}" is not a date or a time ago. Use an ISO date or time such as 2025-01-31 or 2025-01-31T09:30 (UTC unless it has an offset like +02:00), or how long ago: 30m, 24h, 7d, 2w.`,
  );
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 100;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw new CommandError(`--limit: give a whole number from 1 to ${MAX_LIMIT}, got "${raw.slice(0, 40)}".`);
  return n;
}

/** Who did it, as a person reads it: an e-mail, "cli", or a key's name marked as one. */
function who(r: AuditRow): string {
  if (r.actorType === 'user' || r.actor === r.actorType) return r.actor;
  return `${r.actor} (${r.actorType})`;
}

/** `npx callsight audit`: the audit log, filtered like Settings → Audit log. */
export async function auditCommand(args: string[]): Promise<void> {
  const { values } = parseWithUsage(AUDIT, () =>
    parseArgs({
      args,
      options: {
        since: { type: 'string' },
        until: { type: 'string' },
        action: { type: 'string' },
        actor: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    }),
  );
  const now = Date.now();
  const since = values.since === undefined ? undefined : parseWhen(values.since, '--since', now);
  const until = values.until === undefined ? undefined : parseWhen(values.until, '--until', now);
  if (since && until && since >= until) throw new CommandError(`--since (${since.toISOString()}) must be before --until (${until.toISOString()}).`);
  const limit = parseLimit(values.limit);
  const rows = await withDb((db) => listAudit(db, { since, until, action: values.action?.trim() || undefined, actor: values.actor?.trim() || undefined, limit }));
  if (values.json) {
    console.log(JSON.stringify(rows));
    return;
  }
  if (!rows.length) {
    console.error('No audit events match.');
    return;
  }
  console.log(
    table(
      ['TIME (UTC)', 'WHO', 'ACTION', 'TARGET', 'DETAILS'],
      rows.map((r) => [utc(r.at), who(r), r.action, r.target ?? '', Object.keys(r.details).length ? JSON.stringify(r.details) : '']),
    ),
  );
  if (rows.length === limit) console.error(`The newest ${limit} events; for earlier ones: --until ${rows[rows.length - 1]?.at ?? ''} (or a larger --limit, up to ${MAX_LIMIT}).`);
}
