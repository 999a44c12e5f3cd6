// GET /api/analytics/breakdown?dimension=42|meta.flow|channel&<filters> – one dimension's values over the filtered transcripts
import { parseBreakdownParams } from '@/lib/schemas/analytics-params';
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getBreakdown } from '@/lib/server/analytics/get-breakdown';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { parseQuery } from '../../_lib/query';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = internalHandler({ permission: 'read' }, async (request, { db }) => {
  const sp = new URL(request.url).searchParams;
  const { filters, params } = parseQuery(() => ({ filters: parseDashboardFilters(sp), params: parseBreakdownParams(sp) }));
  return Response.json(await getBreakdown(db, filters, params));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
