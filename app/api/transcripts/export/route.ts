// GET /api/transcripts/export – the dashboard's Export button: exactly the filtered transcripts, as a streamed CSV
import { parseExportQuery } from '@/lib/schemas/transcript-api';
import { exportCsvResponse } from '@/lib/server/analytics/export-csv';
import { prepareExport } from '@/lib/server/analytics/prepare-export';
import { internalHandler, otherMethods } from '@/lib/http/api-handler';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = internalHandler({ permission: 'export', audit: 'export' }, async (request, { db }) => {
  const { filters, bom } = parseExportQuery(new URL(request.url).searchParams);
  // a BOM by default: the dashboard's file is opened in Excel
  return exportCsvResponse(await prepareExport(db, filters), { bom: bom ?? true });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');
