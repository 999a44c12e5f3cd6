'use client';

import Link from 'next/link';
import { fmtDay, fmtDateTime, fmtInt } from '@/components/dashboard/format';
import type { TModelStudio } from './api';
import { fmtMetric, fmtSeconds } from './format';
import { ProgressBar, StatusBadge } from './progress-bar';

/**
 * Every version, newest first: status (live while training), size of the
 * data, and its headline accuracy with what it was measured on, how many
 * examples and when (a separate set's figure first, the held-out split's
 * after it, secondary).
 */
export function VersionsTable({ studio }: { studio: TModelStudio }) {
  return (
    <section className="card versions-card" aria-labelledby={`versions-${studio.id}`}>
      <h2 id={`versions-${studio.id}`}>Versions</h2>
      {studio.versions.length === 0 ? (
        <p className="muted">No version yet. Add at least a few labeled examples per label, then train the first version.</p>
      ) : (
        <div className="table-scroll">
          <table className="data versions-table" aria-label="Versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Trained on
                </th>
                <th scope="col" className="num">
                  Held out
                </th>
                <th scope="col" className="num">
                  Accuracy
                </th>
                <th scope="col" className="num">
                  Macro-F1
                </th>
                <th scope="col">Measured on</th>
                <th scope="col" className="num">
                  Training time
                </th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {studio.versions.map((v) => (
                <tr key={v.id} data-version={v.version} data-status={v.status}>
                  <th scope="row">
                    <Link href={`/models/${studio.id}/versions/${v.id}`}>Version {v.version}</Link>
                  </th>
                  <td>
                    <StatusBadge status={v.status} active={v.active} />
                    {v.status === 'training' || v.status === 'queued' ? <ProgressBar value={v.progress} label={`Training progress of version ${v.version}`} /> : null}
                    {v.status === 'failed' && v.error ? <div className="field-error small">{v.error}</div> : null}
                  </td>
                  <td className="num">{v.trainedOn ? fmtInt(v.trainedOn) : '–'}</td>
                  <td className="num">{v.heldOut ? fmtInt(v.heldOut) : '–'}</td>
                  <td className="num">{fmtMetric(v.headline?.accuracy ?? v.accuracy)}</td>
                  <td className="num">{fmtMetric(v.headline?.macroF1 ?? v.macroF1)}</td>
                  <td className="eval-cell">
                    {v.headline ? (
                      <>
                        {fmtInt(v.headline.n)} examples: {v.headline.source}
                        {v.headline.evaluatedAt ? <span className="muted"> · {fmtDay(v.headline.evaluatedAt)}</span> : null}
                        {v.accuracy !== null && v.headline.accuracy !== v.accuracy ? <span className="eval-basis">held-out split: {fmtMetric(v.accuracy)} accuracy</span> : null}
                      </>
                    ) : (
                      <span className="muted">–</span>
                    )}
                  </td>
                  <td className="num">{fmtSeconds(v.trainSeconds)}</td>
                  <td className="nowrap muted">{fmtDateTime(v.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
