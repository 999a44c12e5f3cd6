import { Suspense } from 'react';
import { FilterBar } from '@/components/dashboard/filter-bar';
import { Overview } from '@/components/dashboard/overview';
import { PageActions } from '@/components/dashboard/page-actions';

export const dynamic = 'force-dynamic';

// The shell renders at once; every figure is fetched by the browser with the
// filters in the URL (TanStack Query), so a filter change keeps the old charts
// on screen until the new ones arrive.
export default function OverviewPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Overview</h1>
          <p className="lead">What customers call about and how they feel. Click any bar, slice or cell to see those transcripts.</p>
        </div>
        <Suspense>
          <PageActions />
        </Suspense>
      </div>
      <Suspense>
        <FilterBar />
        <Overview />
      </Suspense>
    </>
  );
}
