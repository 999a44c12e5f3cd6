// GET /v2/analytics/breakdown?model_id=ID&<filters> – one model's labels over the filtered transcripts: counts, shares, estimated true shares with intervals
import { notFound } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { parseAnalyticsBreakdownQuery, toApiAnalyticsBreakdown } from '@/lib/schemas/analytics-api';
import { getBreakdown } from '@/lib/server/analytics/get-breakdown';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler({ permission: 'read' }, async (request, { db, requestId }) => {
  const { modelId, filters } = parseAnalyticsBreakdownQuery(new URL(request.url).searchParams);
  if (!(await db.model.findUnique({ where: { id: modelId }, select: { id: true } }))) throw notFound(`No model ${modelId}.`, [{ path: 'model_id', message: 'no such model' }]);
  const b = await getBreakdown(db, filters, { modelId, estimates: true });
  return Response.json(toApiAnalyticsBreakdown(b, filters, requestId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
