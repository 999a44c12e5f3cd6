'use client';

import Link from 'next/link';
import { useCan } from '@/components/auth/permissions-context';
import { hrefWithQuery, useDashboardFilters } from './use-dashboard-filters';

/** Export and report links that carry exactly the filters on screen. */
export function PageActions({ report = true }: { report?: boolean }) {
  const { query } = useDashboardFilters();
  const canExport = useCan('export');
  return (
    <div className="page-actions">
      {report ? (
        <Link className="button secondary" href={hrefWithQuery('/report', query)}>
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
