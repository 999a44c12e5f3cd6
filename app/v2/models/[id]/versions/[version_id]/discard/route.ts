// POST /v2/models/{id}/versions/{version_id}/discard – set a version aside (kept for the record, never promoted)
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { parsePathId, toApiVersion, ZModelPathId, ZVersionPathId } from '@/lib/schemas/studio-api';
import { getModelVersion } from '@/lib/server/models/get-model-studio';
import { discardVersion } from '@/lib/server/models/promote-version';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = apiHandler<{ id: string; version_id: string }>({ permission: 'models', audit: 'version.discard' }, async (_request, { db, requestId }, params) => {
  const id = parsePathId(ZModelPathId, params.id, 'id');
  const versionId = parsePathId(ZVersionPathId, params.version_id, 'version_id');
  await discardVersion(db, id, versionId);
  const version = await getModelVersion(db, id, versionId);
  if (!version) throw new Error(`version ${versionId} vanished after it was discarded`);
  return Response.json({ ...toApiVersion(id, version), request_id: requestId });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
