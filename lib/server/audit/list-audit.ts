import { databaseUrlOf, type Db } from '@/lib/db';
import { isPostgresUrl } from '@/lib/env';

export interface AuditQuery {
  actor?: string | undefined;
  action?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  /** rows with a smaller id (paging back in time) */
  before?: number | undefined;
  limit?: number | undefined;
}

export interface AuditRow {
  id: number;
  at: string;
  actorType: string;
  actorId: string | null;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}

/** The audit log, newest first, filtered by person (e-mail or key name, substring), action (prefix) and time. */
export async function listAudit(db: Db, q: AuditQuery = {}): Promise<AuditRow[]> {
  // SQLite's LIKE ignores case; PostgreSQL needs to be told (the SQLite client's types do not know `mode`)
  const ci = isPostgresUrl(databaseUrlOf(db)) ? ({ mode: 'insensitive' } as object) : {};
  const rows = await db.auditEvent.findMany({
    where: {
      ...(q.actor ? { actor: { contains: q.actor, ...ci } } : {}),
      ...(q.action ? { action: { startsWith: q.action, ...ci } } : {}),
      ...(q.since || q.until ? { at: { ...(q.since ? { gte: q.since } : {}), ...(q.until ? { lt: q.until } : {}) } } : {}),
      ...(q.before ? { id: { lt: q.before } } : {}),
    },
    orderBy: { id: 'desc' },
    take: Math.min(Math.max(q.limit ?? 100, 1), 1000),
  });
  return rows.map((r) => {
    let details: Record<string, unknown> = {};
    try {
      details = JSON.parse(r.details) as Record<string, unknown>;
    } catch {
      details = { raw: r.details };
    }
    return { id: r.id, at: r.at.toISOString(), actorType: r.actorType, actorId: r.actorId, actor: r.actor, action: r.action, target: r.target, details, ip: r.ip };
  });
}
