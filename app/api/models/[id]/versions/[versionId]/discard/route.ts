// POST /api/models/{id}/versions/{versionId}/discard – set a version aside for good
import { discardVersion } from '@/lib/server/models/promote-version';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';
import { pathId } from '../../../../_lib/params';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = internalHandler<{ id: string; versionId: string }>({ permission: 'models', audit: 'version.discard' }, async (_request, { db }, params) =>
  Response.json(await discardVersion(db, pathId(params.id, 'id'), pathId(params.versionId, 'versionId'))),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
