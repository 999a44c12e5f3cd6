// GET /api/ingest-jobs – the latest jobs for the Upload page
import { listIngestJobs } from '@/lib/server/ingest/get-ingest-job';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = internalHandler({ permission: 'ingest' }, async (_request, { db }) => Response.json({ jobs: await listIngestJobs(db, { limit: 20 }) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
