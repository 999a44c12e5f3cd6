// GET /v2/transcripts/export – the filtered transcripts as one streamed CSV, any size
import { apiHandler, otherMethods } from '@/lib/http/api-handler';
import { parseExportQuery } from '@/lib/schemas/transcript-api';
import { exportCsvResponse } from '@/lib/server/analytics/export-csv';
import { prepareExport } from '@/lib/server/analytics/prepare-export';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = apiHandler({ permission: 'export', audit: 'export' }, async (request, { db }) => {
  const { filters, bom } = parseExportQuery(new URL(request.url).searchParams);
  return exportCsvResponse(await prepareExport(db, filters), { bom: bom ?? false });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
