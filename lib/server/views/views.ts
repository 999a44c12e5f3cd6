import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '@/lib/db';
import { ApiError, forbidden, fromZodError, notFound } from '@/lib/errors';
import { filtersToSearchParams, parseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { CHART_PARAMS, ZDimensionString } from '@/lib/schemas/dashboard-layout';
import { MAX_VIEWS, viewHref, type TApiView, type TCreateView, type TUpdateView } from '@/lib/schemas/saved-views';
import { parseTranscriptListParams } from '@/lib/schemas/transcript-list';
import type { Principal } from '@/lib/server/auth/principal';

/**
 * Saved views: a name for filters and chart choices, shared in the
 * workspace. Anyone who can read the dashboard sees every view and may save
 * one; renaming, changing and deleting is for the view's owner or an admin.
 * The stored query is canonical (the one filter parser's form, then the
 * chart and list choices), so a view cannot hold a filter the dashboard
 * would refuse.
 */

const ZChartParams = z.object({
  trend: z.coerce.number({ message: 'trend is a model id' }).int('trend is a model id').positive('trend is a model id').max(999_999_999).optional(),
  interval: z.enum(['day', 'week'], { message: 'interval is day or week' }).optional(),
  rows: ZDimensionString.optional(),
  cols: ZDimensionString.optional(),
});

const LIST_PARAMS = ['size', 'sort', 'model', 'dir'] as const;

/** The canonical form of a view's query: filters, then chart choices, then (for the drill-down) its list choices; anything else is dropped. */
export function canonicalViewQuery(query: string, path: string): string {
  const sp = new URLSearchParams(query);
  try {
    const out = filtersToSearchParams(parseDashboardFilters(sp));
    const charts = ZChartParams.parse(Object.fromEntries(CHART_PARAMS.flatMap((k) => (sp.get(k) ? [[k, sp.get(k)]] : []))));
    for (const k of CHART_PARAMS) if (charts[k] !== undefined) out.set(k, String(charts[k]));
    if (path === '/transcripts') {
      parseTranscriptListParams(sp);
      for (const k of LIST_PARAMS) {
        const v = sp.get(k);
        if (v) out.set(k, v);
      }
    }
    return out.toString();
  } catch (e) {
    if (e instanceof z.ZodError) {
      const err = fromZodError(e, 'query parameters');
      throw new ApiError(400, 'invalid_request', `The view's query is not valid: ${err.message.replace(/^Invalid query parameters: /, '')}`, err.details.map((d) => ({ path: `query.${d.path}`, message: d.message })));
    }
    throw e;
  }
}

type ViewRow = { id: string; name: string; path: string; query: string; ownerId: string | null; createdBy: string; isDefault: boolean; createdAt: Date; updatedAt: Date; owner: { id: string; email: string; name: string } | null };

const ownerSelect = { owner: { select: { id: true, email: true, name: true } } } as const;

function toApiView(v: ViewRow, principal: Principal | null): TApiView {
  const path = v.path === '/transcripts' ? '/transcripts' : '/';
  return {
    id: v.id,
    name: v.name,
    path,
    query: v.query,
    href: viewHref(path, v.query),
    url: `/views/${v.id}`,
    owner: v.owner,
    created_by: v.createdBy,
    is_default: v.isDefault,
    mine: principal?.kind === 'user' && v.ownerId === principal.id,
    created_at: v.createdAt.toISOString(),
    updated_at: v.updatedAt.toISOString(),
  };
}

/** Every view in the workspace: the asker's own first, then the rest, each by name. */
export async function listViews(db: Db, principal: Principal): Promise<TApiView[]> {
  const rows = await db.savedView.findMany({ include: ownerSelect, orderBy: [{ name: 'asc' }, { createdAt: 'asc' }], take: MAX_VIEWS });
  const views = rows.map((r) => toApiView(r, principal));
  return [...views.filter((v) => v.mine), ...views.filter((v) => !v.mine)];
}

export async function getView(db: Db, id: string, principal: Principal | null = null): Promise<TApiView | null> {
  const row = await db.savedView.findUnique({ where: { id }, include: ownerSelect });
  return row ? toApiView(row, principal) : null;
}

/** The view a person opens the overview with (their default), if any. */
export async function defaultViewOf(db: Db, userId: string): Promise<TApiView | null> {
  const row = await db.savedView.findFirst({ where: { ownerId: userId, isDefault: true }, include: ownerSelect });
  return row ? toApiView(row, null) : null;
}

export async function createView(db: Db, principal: Principal, input: TCreateView, actor: string): Promise<TApiView> {
  if ((await db.savedView.count()) >= MAX_VIEWS) throw new ApiError(409, 'conflict', `The workspace has ${MAX_VIEWS} saved views, the most it keeps; delete some first.`);
  const query = canonicalViewQuery(input.query, input.path);
  const ownerId = principal.kind === 'user' ? principal.id : null;
  if (input.is_default && !ownerId) throw new ApiError(400, 'invalid_request', 'Only a person has a default view; an API key cannot set is_default.', [{ path: 'is_default', message: 'a default view belongs to a person' }]);
  const id = `vw_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const row = await db.$transaction(async (tx) => {
    if (input.is_default) await tx.savedView.updateMany({ where: { ownerId, isDefault: true }, data: { isDefault: false } });
    return tx.savedView.create({ data: { id, name: input.name, path: input.path, query, ownerId, createdBy: actor, isDefault: input.is_default }, include: ownerSelect });
  });
  return toApiView(row, principal);
}

function mayChange(principal: Principal, view: { ownerId: string | null }): boolean {
  return principal.permissions.has('admin') || (principal.kind === 'user' && view.ownerId === principal.id);
}

export async function updateView(db: Db, principal: Principal, id: string, input: TUpdateView): Promise<TApiView> {
  const view = await db.savedView.findUnique({ where: { id } });
  if (!view) throw notFound(`No saved view ${id}.`);
  if (!mayChange(principal, view)) throw forbidden('Only the person who saved this view, or an admin, may change it.');
  if (input.is_default && (principal.kind !== 'user' || view.ownerId !== principal.id)) {
    throw new ApiError(400, 'invalid_request', 'A view can be the default only for the person who saved it.', [{ path: 'is_default', message: 'not your view' }]);
  }
  const query = input.query === undefined ? undefined : canonicalViewQuery(input.query, view.path);
  const row = await db.$transaction(async (tx) => {
    if (input.is_default) await tx.savedView.updateMany({ where: { ownerId: view.ownerId, isDefault: true, NOT: { id } }, data: { isDefault: false } });
    return tx.savedView.update({ where: { id }, data: { name: input.name, query, isDefault: input.is_default }, include: ownerSelect });
  });
  return toApiView(row, principal);
}

export async function deleteView(db: Db, principal: Principal, id: string): Promise<void> {
  const view = await db.savedView.findUnique({ where: { id } });
  if (!view) throw notFound(`No saved view ${id}.`);
  if (!mayChange(principal, view)) throw forbidden('Only the person who saved this view, or an admin, may delete it.');
  await db.savedView.delete({ where: { id } });
}
