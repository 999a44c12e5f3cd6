// GET /api/models/{id}/versions/{versionId} – one version with its full evaluation
import { notFound } from '@/lib/errors';
import { getModelVersion } from '@/lib/server/models/get-model-studio';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { pathId } from '../../../_lib/params';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = internalHandler<{ id: string; versionId: string }>({ permission: ['read', 'models'] }, async (_request, { db }, params) => {
  const id = pathId(params.id, 'id');
  const versionId = pathId(params.versionId, 'versionId');
  const v = await getModelVersion(db, id, versionId);
  if (!v) throw notFound(`Model ${id} has no version with id ${versionId}.`);
  return Response.json(v);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
