// GET /v2/transcripts – the transcripts the dashboard's filters select, a page at a time
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { parseTranscriptListQuery, toApiTranscriptList } from '@/lib/schemas/transcript-api';
import { findTranscripts } from '@/lib/server/analytics/find-transcripts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler({ permission: 'read' }, async (request, { db, requestId }) => {
  const { filters, list } = parseTranscriptListQuery(new URL(request.url).searchParams);
  return Response.json(toApiTranscriptList(await findTranscripts(db, filters, list), filters, requestId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
