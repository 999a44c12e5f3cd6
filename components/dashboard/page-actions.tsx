'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useCan } from '@/components/auth/permissions-context';
import { SaveViewButton } from '@/components/views/save-view';
import { chartParamsOf } from './chart-params';
import { hrefWithQuery, useDashboardFilters } from './use-dashboard-filters';

/** Save the view; the report (with the chart choices too) and the export, each carrying exactly the filters on screen. */
export function PageActions({ report = true }: { report?: boolean }) {
  const { query } = useDashboardFilters();
  const searchParams = useSearchParams();
  const canExport = useCan('export');
  const reportQuery = new URLSearchParams(query);
  for (const [k, v] of chartParamsOf(new URLSearchParams(searchParams.toString()))) reportQuery.set(k, v);
  return (
    <div className="page-actions">
      <SaveViewButton />
      {report ? (
        <Link className="button secondary" href={hrefWithQuery('/report', reportQuery.toString())}>
          Printable report
        </Link>
      ) : null}
      {canExport ? (
        <a className="button" href={hrefWithQuery('/api/transcripts/export', query)} download>
          Export CSV
        </a>
      ) : null}
    </div>
  );
}
