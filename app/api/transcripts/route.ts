// GET /api/transcripts?<filters>&page=1&size=25&sort=time&dir=desc – one page of the drill-down
import { parseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { parseTranscriptListParams } from '@/lib/schemas/transcript-list';
import { findTranscripts } from '@/lib/server/analytics/find-transcripts';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { parseQuery } from '../_lib/query';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = internalHandler({ permission: 'read' }, async (request, { db }) => {
  const sp = new URL(request.url).searchParams;
  const { filters, list } = parseQuery(() => ({ filters: parseDashboardFilters(sp), list: parseTranscriptListParams(sp) }));
  return Response.json(await findTranscripts(db, filters, list));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
