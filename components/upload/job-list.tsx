'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { fmtDateTime } from '@/components/dashboard/format';
import type { TIngestJob } from '@/lib/schemas/ingest';
import { fetchJobs } from './api';
import { showBidiControls } from '@/lib/text/bidi';

const nf = new Intl.NumberFormat('en');

/** The drill-down narrowed to one import's transcripts, over all time (an upload's dates can be anything). */
export const importTranscriptsHref = (jobId: string) => `/transcripts?${new URLSearchParams({ import: jobId, range: 'all' }).toString()}`;

function duration(s: number | null): string {
  if (s === null) return '–';
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The latest jobs with live progress: polled every second while any is still working, so a user can leave and come back. */
export function JobList() {
  const jobs = useQuery({
    queryKey: ['ingest-jobs'],
    queryFn: fetchJobs,
    staleTime: 0,
    refetchInterval: (q) => ((q.state.data ?? []).some((j) => j.status === 'queued' || j.status === 'running') ? 1000 : 10_000),
  });
  const visible = (jobs.data ?? []).filter((j) => j.status !== 'draft');
  return (
    <section className="card" aria-label="Imports">
      <h2>Imports</h2>
      {jobs.isError && <p role="alert">{jobs.error.message}</p>}
      {!jobs.isPending && visible.length === 0 && <p className="empty muted">No imports yet.</p>}
      {visible.map((j) => (
        <JobRow key={j.id} job={j} />
      ))}
    </section>
  );
}

function JobRow({ job }: { job: TIngestJob }) {
  const pct = Math.round(job.progress.fraction * 100);
  const c = job.counts;
  return (
    <article aria-label={`Import ${job.file.name}`} data-job-id={job.id} data-status={job.status} style={{ padding: '0.75rem 0', borderTop: '1px solid rgba(0,0,0,0.08)' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: '1rem' }}>
        <strong>
          <bdi>{showBidiControls(job.file.name)}</bdi>
        </strong>
        <span className="pill" data-testid="job-status">
          {job.status}
        </span>
      </div>
      <div className="muted job-when">
        Started <time dateTime={job.created_at}>{fmtDateTime(job.created_at)}</time>
        {job.finished_at ? (
          <>
            {' '}
            · finished <time dateTime={job.finished_at}>{fmtDateTime(job.finished_at)}</time>
          </>
        ) : null}
      </div>
      <div
        role="progressbar"
        aria-label={`Progress of ${job.file.name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        style={{ height: 8, background: 'rgba(0,0,0,0.08)', borderRadius: 4, margin: '0.5rem 0', overflow: 'hidden' }}
      >
        <div style={{ width: `${pct}%`, height: '100%', background: job.status === 'failed' ? '#dc2626' : '#4f46e5', transition: 'width 0.4s' }} />
      </div>
      <div className="muted" data-testid="job-counts">
        {pct}% · parsed {nf.format(c.parsed)}
        {job.progress.parse_done ? '' : '…'} · classified and stored {nf.format(c.stored)} · {nf.format(c.inserted)} new · {nf.format(c.duplicates)} duplicates
        skipped · {nf.format(c.rejected)} rejected
        {job.status === 'running' && ` · ${job.progress.rows_per_second === null ? '–' : nf.format(job.progress.rows_per_second)} rows/s · ${duration(job.progress.seconds_left)} left`}
      </div>
      {job.error && <p role="alert">{job.error}</p>}
      {c.inserted > 0 || c.rejected > 0 ? (
        <div className="job-links">
          {/* only new transcripts belong to an import: duplicates stay with the import that stored them first */}
          {c.inserted > 0 && (
            <Link href={importTranscriptsHref(job.id)} aria-label={`View these transcripts: the ${nf.format(c.inserted)} new ones from ${job.file.name}`}>
              View these transcripts
            </Link>
          )}
          {c.rejected > 0 && (
            <a href={`/api/ingest-jobs/${encodeURIComponent(job.id)}/rejections?format=csv`} download>
              Download the {nf.format(c.rejected)} rejected rows (CSV: line, reason)
            </a>
          )}
        </div>
      ) : null}
    </article>
  );
}
