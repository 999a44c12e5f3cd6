// GET /api/audit – the audit log, newest first: ?actor= (contains) &action= (prefix) &since= &until= (ISO dates; until excluded) &before= (id cursor) &limit= (≤ 500)
import { z } from 'zod';
import { badRequest } from '@/lib/errors';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { listAudit, type AuditRow } from '@/lib/server/audit/list-audit';
import { parseQuery } from '../_lib/query';
import { storedText } from '../users/_lib/people';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `2026-03-01` (midnight UTC) or a full ISO date-time with its offset. */
const isoDate = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'an ISO date such as 2026-03-01 or 2026-03-01T09:30:00Z' })
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s));

const ZAuditQuery = z.strictObject({
  actor: storedText(320, 'actor').optional(),
  action: storedText(100, 'action').optional(),
  since: isoDate.optional(),
  until: isoDate.optional(),
  before: z.coerce.number({ error: 'an event id (next_before of the previous page)' }).int().positive().max(2_147_483_647).optional(),
  limit: z.coerce.number({ error: 'a number from 1 to 500' }).int().min(1, 'a number from 1 to 500').max(500, 'at most 500').default(100),
});

export const GET = internalHandler({ permission: 'admin' }, async (request, { db }) => {
  const search = new URL(request.url).searchParams;
  const unknown = [...new Set(search.keys())].filter((k) => !Object.hasOwn(ZAuditQuery.shape, k));
  if (unknown.length) {
    throw badRequest(`Unknown query parameter ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(', ')}: use ${Object.keys(ZAuditQuery.shape).join(', ')}.`, unknown.map((k) => ({ path: k.slice(0, 40), message: 'unknown parameter' })));
  }
  const q = parseQuery(() => ZAuditQuery.parse(Object.fromEntries(search)));
  const events: AuditRow[] = await listAudit(db, { ...q, actor: q.actor || undefined, action: q.action || undefined });
  const next_before = events.length === q.limit ? (events.at(-1)?.id ?? null) : null;
  return Response.json({ events, next_before });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
