// POST /v2/models/{id}/reclassify – rerun the active version over every stored transcript (a background job); GET – the model's latest jobs
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { modelNotFound, parsePathId, toApiReclassifyJob, ZModelPathId } from '@/lib/schemas/studio-api';
import { findModels } from '@/lib/server/models/list-models';
import { listReclassifyJobs, startReclassify } from '@/lib/server/reclassify/start-reclassify';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = apiHandler<{ id: string }>({ permission: 'models', audit: 'model.reclassify' }, async (_request, { db, requestId }, params) => {
  const id = parsePathId(ZModelPathId, params.id, 'id');
  const job = toApiReclassifyJob(await startReclassify(db, id));
  return Response.json({ ...job, request_id: requestId }, { status: 202, headers: { Location: job.url } });
});

export const GET = apiHandler<{ id: string }>({ permission: 'models' }, async (_request, { db, requestId }, params) => {
  const id = parsePathId(ZModelPathId, params.id, 'id');
  const [model, jobs] = await Promise.all([findModels(db, { ids: [id] }), listReclassifyJobs(db, id)]);
  if (!model.length) throw modelNotFound(id);
  return Response.json({ model_id: id, jobs: jobs.map(toApiReclassifyJob), request_id: requestId });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET', 'POST');
