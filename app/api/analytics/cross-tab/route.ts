// GET /api/analytics/cross-tab?rows=42&cols=meta.flow&<filters> – transcripts per pair of values of two dimensions (the heatmap)
import { parseCrossTabParams } from '@/lib/schemas/analytics-params';
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getCrossTab } from '@/lib/server/analytics/get-cross-tab';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { parseQuery } from '../../_lib/query';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = internalHandler({ permission: 'read' }, async (request, { db }) => {
  const sp = new URL(request.url).searchParams;
  const { filters, params } = parseQuery(() => ({ filters: parseDashboardFilters(sp), params: parseCrossTabParams(sp) }));
  return Response.json(await getCrossTab(db, filters, params));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
