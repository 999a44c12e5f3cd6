// GET /v2/models/{id}/versions/{version_id} – one version: status, progress and its full evaluation
import { notFound } from '@/lib/errors';
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { parsePathId, toApiVersionDetail, ZModelPathId, ZVersionPathId } from '@/lib/schemas/studio-api';
import { getModelVersion } from '@/lib/server/models/get-model-studio';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler<{ id: string; version_id: string }>({ permission: ['read', 'models'] }, async (_request, { db, requestId }, params) => {
  const id = parsePathId(ZModelPathId, params.id, 'id');
  const versionId = parsePathId(ZVersionPathId, params.version_id, 'version_id');
  const version = await getModelVersion(db, id, versionId);
  if (!version) {
    throw notFound(`Model ${id} has no version with id ${versionId}. GET /v2/models/${id}/versions lists them.`, [{ path: 'version_id', message: `no version ${versionId} of model ${id}` }]);
  }
  return Response.json({ ...toApiVersionDetail(id, version), request_id: requestId });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
