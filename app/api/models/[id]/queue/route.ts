// GET /api/models/{id}/queue?strategy=margin|entropy&limit=20&exclude=1,2 – transcripts to label, least sure first
import { z } from 'zod';
import { ZQueueParams } from '@/lib/schemas/studio';
import { getLabelingQueue } from '@/lib/server/labeling/get-labeling-queue';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { parseQuery } from '../../../_lib/query';
import { pathId } from '../../_lib/params';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Skipped transcripts stay out of the queue for the session: the page sends them back.
const ZParams = ZQueueParams.extend({
  exclude: z
    .string()
    .max(20_000)
    .regex(/^\d+(,\d+)*$/, 'a comma-separated list of transcript ids')
    .transform((s) => s.split(',').map(Number))
    .optional(),
});

export const GET = internalHandler<{ id: string }>({ permission: 'label' }, async (request, { db }, params) => {
  const id = pathId(params.id, 'id');
  const q = parseQuery(() => ZParams.parse(Object.fromEntries(new URL(request.url).searchParams)));
  return Response.json(await getLabelingQueue(db, id, { strategy: q.strategy, limit: q.limit, exclude: q.exclude ?? [] }));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
