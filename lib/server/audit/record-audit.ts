import type { Db } from '@/lib/db';

export type AuditActorType = 'user' | 'key' | 'cli' | 'anonymous' | 'system';

/** Who did something, as the log records them. */
export interface Actor {
  actorType: AuditActorType;
  actorId?: string | null;
  /** what a person reads: an e-mail, a key's name */
  actor: string;
  ip?: string | null;
}

export interface AuditInput {
  actorType: AuditActorType;
  actorId?: string | null;
  /** what a person reads: an e-mail, a key's name */
  actor: string;
  /** dotted verb: sign-in, export, upload, model.create, version.promote, key.revoke, … */
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

/**
 * Appends one event to the audit log. Nothing updates or deletes audit rows.
 * A failure to write is logged and does not fail the action it records: the
 * action has already happened.
 */
export async function recordAudit(db: Db, e: AuditInput): Promise<void> {
  try {
    await db.auditEvent.create({
      data: {
        actorType: e.actorType,
        actorId: e.actorId ?? null,
        actor: e.actor.slice(0, 320),
        action: e.action,
        target: e.target?.slice(0, 500) ?? null,
        details: detailsJson(e.details ?? {}),
        ip: e.ip?.slice(0, 64) ?? null,
      },
    });
  } catch (error) {
    console.error(`audit: could not record ${e.action} by ${e.actor}`, error);
  }
}

/** The details as JSON, at most 8 kB (a longer one is kept as its first 8,000 characters, marked truncated). */
function detailsJson(details: Record<string, unknown>): string {
  const json = JSON.stringify(details);
  return json.length <= 8000 ? json : JSON.stringify({ truncated: json.slice(0, 7900) });
}
