'use client';

import Link from 'next/link';
import { hrefWithQuery, useDashboardFilters } from './use-dashboard-filters';

/** Export and report links that carry exactly the filters on screen. */
export function PageActions({ report = true }: { report?: boolean }) {
  const { query } = useDashboardFilters();
  return (
    <div className="page-actions">
      {report ? (
        <Link className="button secondary" href={hrefWithQuery('/report', query)}>
          Printable report
        </Link>
      ) : null}
      <a className="button" href={hrefWithQuery('/api/transcripts/export', query)} download>
        Export CSV
      </a>
    </div>
  );
}
