'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fmtDateTime, fmtInt } from '@/components/dashboard/format';
import { isWorking, startReclassify, studioKeys, type TModelStudio } from './api';
import { ProgressBar, StatusBadge } from './progress-bar';

/**
 * Re-runs the active version over the stored transcripts, so trends stay
 * comparable after a promotion; shows the latest job's progress.
 */
export function ReclassifyPanel({ studio, prompt = false }: { studio: TModelStudio; prompt?: boolean }) {
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: () => startReclassify(studio.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: studioKeys.model(studio.id) }),
  });
  const active = studio.versions.find((v) => v.active) ?? null;
  const job = studio.reclassifyJobs[0] ?? null;
  const jobVersion = job ? studio.versions.find((v) => v.id === job.versionId) : undefined;
  const running = !!job && isWorking(job.status);
  const stale = !!active && (!job || job.versionId !== active.id);
  return (
    <section className="card reclassify" aria-labelledby={`reclassify-${studio.id}`} data-prompt={(prompt && stale) || undefined}>
      <div className="card-head wrap">
        <h2 id={`reclassify-${studio.id}`}>Reclassify stored transcripts</h2>
        <button type="button" className="button secondary" disabled={!active || running || start.isPending} onClick={() => start.mutate()}>
          {running ? 'Reclassifying…' : `Reclassify with version ${active?.version ?? '–'}`}
        </button>
      </div>
      <p className="muted small">
        {!active
          ? 'Promote a version first: stored transcripts are reclassified with the active version.'
          : stale
            ? `Stored transcripts still carry the predictions of an earlier version (or none). Reclassify them with version ${active.version} so trends before and after stay comparable.`
            : `Stored transcripts carry the predictions of version ${active.version}; new ones are classified by it as they arrive.`}
      </p>
      {start.isError ? (
        <p className="field-error" role="alert">
          {start.error.message}
        </p>
      ) : null}
      {job ? (
        <div className="job" data-testid="reclassify-job" data-status={job.status}>
          <div className="job-line">
            <StatusBadge status={job.status} />
            <span>
              Version {jobVersion?.version ?? '?'} · {fmtInt(job.done)} of {fmtInt(job.total)} transcripts
              {job.status === 'done' ? ` · ${fmtInt(job.changed)} changed label` : ''}
            </span>
            <span className="muted small">{fmtDateTime(job.createdAt)}</span>
          </div>
          <ProgressBar value={job.total ? job.done / job.total : job.status === 'done' ? 1 : 0} label="Reclassification progress" tone={job.status === 'failed' ? 'failed' : job.status === 'done' ? 'done' : undefined} />
          {job.error ? <p className="field-error small">{job.error}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
