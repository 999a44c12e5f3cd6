// GET /api/analytics/scope?<filters> – per model, how many of the filtered transcripts look unlike its training data
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getScopeSummary } from '@/lib/server/analytics/get-scope';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { parseQuery } from '../../_lib/query';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = internalHandler({ permission: 'read' }, async (request, { db }) => {
  const filters = parseQuery(() => parseDashboardFilters(new URL(request.url).searchParams));
  return Response.json(await getScopeSummary(db, filters));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
