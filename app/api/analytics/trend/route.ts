// GET /api/analytics/trend?model=201&interval=week&<filters> – label counts per day or week
import { parseTrendParams } from '@/lib/schemas/analytics-params';
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getTrend } from '@/lib/server/analytics/get-trend';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { parseQuery } from '../../_lib/query';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = internalHandler({ permission: 'read' }, async (request, { db }) => {
  const sp = new URL(request.url).searchParams;
  const { filters, params } = parseQuery(() => ({ filters: parseDashboardFilters(sp), params: parseTrendParams(sp) }));
  return Response.json(await getTrend(db, filters, { modelId: params.model, interval: params.interval }));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
