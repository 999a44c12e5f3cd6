import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { FilterBar } from '@/components/dashboard/filter-bar';
import { Overview } from '@/components/dashboard/overview';
import { PageActions } from '@/components/dashboard/page-actions';
import { OverviewPendingProvider } from '@/components/dashboard/pending';
import { db } from '@/lib/db';
import { viewHref } from '@/lib/schemas/saved-views';
import { requirePageUser } from '@/lib/server/auth/page-user';
import { defaultViewOf } from '@/lib/server/views/views';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// The shell renders at once; every figure is fetched by the browser with the
// filters in the URL (TanStack Query), so a filter change keeps the old charts
// on screen until the new ones arrive.
export default async function OverviewPage({ searchParams }: Props) {
  // Opened bare (the sidebar, sign-in, a bookmark of "/"): the person's default
  // view, if they chose one. Any param at all means they asked for this page as
  // it is: the dashboard writes `?range=30d` when someone clears every filter,
  // so clearing never bounces back into the default view.
  if (Object.keys(await searchParams).length === 0) {
    const user = await requirePageUser();
    const view = await defaultViewOf(db, user.id);
    const href = view ? viewHref(view.path, view.query) : null;
    if (href && href !== '/') redirect(href);
  }
  // One pending state for every click on the page (components/dashboard/pending.tsx).
  return (
    <OverviewPendingProvider>
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
    </OverviewPendingProvider>
  );
}
