import type { Metadata } from 'next';
import { Suspense } from 'react';
import { FilterBar } from '@/components/dashboard/filter-bar';
import { PageActions } from '@/components/dashboard/page-actions';
import { TranscriptTable } from '@/components/transcripts/transcript-table';

export const metadata: Metadata = { title: 'Transcripts' };
export const dynamic = 'force-dynamic';

export default function TranscriptsPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Transcripts</h1>
          <p className="lead">Every transcript the filters match, with each model&apos;s top label. Open one to read it whole.</p>
        </div>
        <Suspense>
          <PageActions report={false} />
        </Suspense>
      </div>
      <Suspense>
        <FilterBar />
        <TranscriptTable />
      </Suspense>
    </>
  );
}
