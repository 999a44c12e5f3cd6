// GET /v2/transcripts/{id} – one transcript: its text, metadata and every model's scores
import { notFound } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { parsePathId } from '@/lib/schemas/studio-api';
import { toApiTranscriptDetail, ZTranscriptId } from '@/lib/schemas/transcript-api';
import { getTranscript } from '@/lib/server/analytics/get-transcript';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler<{ id: string }>({ permission: 'read' }, async (_request, { db, requestId }, params) => {
  const id = parsePathId(ZTranscriptId, params.id, 'id');
  const transcript = await getTranscript(db, id);
  if (!transcript) throw notFound(`No transcript with id ${id}. GET /v2/transcripts lists them.`, [{ path: 'id', message: `no transcript with id ${id}` }]);
  return Response.json(toApiTranscriptDetail(transcript, requestId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
