// GET /api/analytics/filter-options – the models, labels and metadata values the filter bar offers
import { getFilterOptions } from '@/lib/server/analytics/get-filter-options';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = internalHandler({ permission: 'read' }, async (_request, { db }) => Response.json(await getFilterOptions(db)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
