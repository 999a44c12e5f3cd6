import { fmtInt } from '@/components/dashboard/format';
import type { TModelStudio } from './api';

/** Examples per label, with the labels that need more flagged (fewer than 10, or under half the median label). */
export function LabelCounts({ studio, compact = false }: { studio: TModelStudio; compact?: boolean }) {
  const max = Math.max(1, ...studio.labels.map((l) => l.examples));
  const short = studio.labels.filter((l) => l.needsMore);
  return (
    <section className="card" aria-labelledby={`labels-${studio.id}`}>
      <div className="card-head">
        <h2 id={`labels-${studio.id}`}>Labels</h2>
        <span className="card-meta" data-testid="examples-total">
          {fmtInt(studio.examples)} labeled examples
        </span>
      </div>
      {short.length ? (
        <p className="needs-more-note">
          {short.length === 1 ? `${short[0]!.name} needs more examples.` : `${short.length} labels need more examples.`} Aim for at least 10 a label, and no label under half the median.
        </p>
      ) : null}
      <table className="data label-counts" aria-label="Examples per label">
        <thead>
          <tr>
            <th scope="col">Label</th>
            {compact ? null : <th scope="col">Description</th>}
            <th scope="col" className="num">
              Examples
            </th>
            <th scope="col" className="bar-col">
              <span className="sr-only">Share</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {studio.labels.map((l) => (
            <tr key={l.name} data-needs-more={l.needsMore || undefined}>
              <th scope="row">
                <span className="label-name">{l.name}</span>
                {l.parentLabel ? <span className="muted label-parent"> under {l.parentLabel}</span> : null}
                {l.needsMore ? <span className="flag">needs more</span> : null}
              </th>
              {compact ? null : <td className="muted">{l.description || '–'}</td>}
              <td className="num">{fmtInt(l.examples)}</td>
              <td className="bar-col" aria-hidden>
                <span className="count-bar">
                  <span style={{ width: `${(100 * l.examples) / max}%` }} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
