// GET /v2/models/{id}/labeling-queue – the stored transcripts the model is least sure about, to label first
import { fromZodError } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { ZQueueParams } from '@/lib/schemas/studio';
import { parsePathId, ZModelPathId } from '@/lib/schemas/studio-api';
import { getLabelingQueue } from '@/lib/server/labeling/get-labeling-queue';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler<{ id: string }>({ permission: 'label' }, async (request, { db, requestId }, params) => {
  const id = parsePathId(ZModelPathId, params.id, 'id');
  const q = ZQueueParams.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw fromZodError(q.error, 'query parameters');
  const queue = await getLabelingQueue(db, id, q.data);
  return Response.json({
    model_id: id,
    strategy: q.data.strategy,
    candidates: queue.candidates,
    labeled: queue.labeled,
    items: queue.items.map((i) => ({
      transcript_id: i.transcriptId,
      occurred_at: i.occurredAt,
      channel: i.channel,
      text: i.text,
      predicted: i.predicted,
      score: i.score,
      uncertainty: i.uncertainty,
      top: i.top,
    })),
    request_id: requestId,
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
