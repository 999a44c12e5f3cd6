// GET /api/analytics/kpis?<filters> – the overview's layout's KPI cards, each with the previous period
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getKpis } from '@/lib/server/analytics/get-kpis';
import { getDashboardLayout } from '@/lib/server/dashboard/layout';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { parseQuery } from '../../_lib/query';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = internalHandler({ permission: 'read' }, async (request, { db }) => {
  const filters = parseQuery(() => parseDashboardFilters(new URL(request.url).searchParams));
  return Response.json(await getKpis(db, filters, (await getDashboardLayout(db)).layout));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
