// GET /v2/transcripts/{id} – one transcript: its text, metadata and every model's scores
import { fromZodError, notFound } from '@/lib/errors';
import { apiHandler } from '@/lib/http/api-handler';
import { toApiTranscriptDetail, ZTranscriptId } from '@/lib/schemas/transcript-api';
import { getTranscript } from '@/lib/server/analytics/get-transcript';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler<{ id: string }>({ permission: 'read' }, async (_request, { db, requestId }, params) => {
  const id = ZTranscriptId.safeParse(params.id);
  if (!id.success) throw fromZodError(id.error, 'transcript id in the path');
  const transcript = await getTranscript(db, id.data);
  if (!transcript) throw notFound(`No transcript with id ${id.data}. GET /v2/transcripts lists them.`, [{ path: 'id', message: `no transcript with id ${id.data}` }]);
  return Response.json(toApiTranscriptDetail(transcript, requestId));
});
