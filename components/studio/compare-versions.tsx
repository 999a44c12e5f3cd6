import { fmtInt } from '@/components/dashboard/format';
import type { TModelVersionDetail } from './api';
import { fmtDelta, fmtMetric } from './format';

type Row = { name: string; current: number | null | undefined; active: number | null | undefined; lowerIsBetter?: boolean; count?: boolean };

/** This version beside the active one: headline metrics, then each label's F1, with the difference. */
export function CompareVersions({ current, active }: { current: TModelVersionDetail; active: TModelVersionDetail }) {
  const a = active.evaluation;
  const c = current.evaluation;
  const labels = [...new Set([...(c?.confusion.labels ?? []), ...(a?.confusion.labels ?? [])])];
  const rows: Row[] = [
    { name: 'Accuracy', current: c?.accuracy, active: a?.accuracy },
    { name: 'Macro-F1', current: c?.macroF1, active: a?.macroF1 },
    { name: 'Calibration error', current: c?.calibration?.ece, active: a?.calibration?.ece, lowerIsBetter: true },
    { name: 'Trained on', current: current.trainedOn, active: active.trainedOn, count: true },
    ...labels.map((l) => ({ name: `F1 ${l}`, current: c?.perLabel[l]?.f1, active: a?.perLabel[l]?.f1 })),
  ];
  return (
    <section className="card compare" aria-labelledby="compare-title">
      <div className="card-head">
        <h2 id="compare-title">
          Version {current.version} compared with active version {active.version}
        </h2>
        <span className="card-meta">each on its own held-out split</span>
      </div>
      <div className="table-scroll">
        <table className="data compare-table" aria-label="Comparison with the active version">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                Version {current.version}
              </th>
              <th scope="col" className="num">
                Version {active.version} (active)
              </th>
              <th scope="col" className="num">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const d = r.current != null && r.active != null ? r.current - r.active : null;
              const tone = d === null || Math.abs(d) < 0.0005 || r.count ? 'neutral' : (r.lowerIsBetter ? d < 0 : d > 0) ? 'good' : 'bad';
              return (
                <tr key={r.name}>
                  <th scope="row">{r.name}</th>
                  <td className="num">{r.count ? fmtInt(r.current ?? 0) : fmtMetric(r.current)}</td>
                  <td className="num">{r.count ? fmtInt(r.active ?? 0) : fmtMetric(r.active)}</td>
                  <td className="num">
                    <span className={`delta ${tone}`}>{d === null ? '–' : r.count ? `${d >= 0 ? '+' : '−'}${fmtInt(Math.abs(d))}` : fmtDelta(d)}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
