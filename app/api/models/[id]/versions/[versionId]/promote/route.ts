// POST /api/models/{id}/versions/{versionId}/promote – make a ready version the serving one (also a rollback)
import { promoteVersion } from '@/lib/server/models/promote-version';
import { internalHandler, otherMethods, promoteAuditAction } from '@/lib/http/api-handler';
import { pathId } from '../../../../_lib/params';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = internalHandler<{ id: string; versionId: string }>({ permission: 'models', audit: promoteAuditAction }, async (_request, { db }, params) =>
  Response.json(await promoteVersion(db, pathId(params.id, 'id'), pathId(params.versionId, 'versionId'))),
);

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');
