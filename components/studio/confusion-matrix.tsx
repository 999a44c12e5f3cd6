import { heatColor } from '@/components/charts/palette';
import { fmtInt } from '@/components/dashboard/format';

/** Beyond this many labels the column headers turn vertical and the table scrolls sideways. */
export const DENSE = 6;

/**
 * The confusion matrix as a table: rows are the true labels, columns what
 * the model predicted. Cells are shaded by their share of the row (the
 * label's recall on the diagonal), so a small label's mistakes show as
 * clearly as a large one's; every count is written out.
 */
export function ConfusionMatrix({ labels, matrix, multiLabel }: { labels: string[]; matrix: number[][]; multiLabel: boolean }) {
  const rowTotals = matrix.map((r) => r.reduce((a, n) => a + n, 0));
  return (
    <div className="heatmap-wrap">
      <table className="heatmap confusion" aria-label="Confusion matrix" data-dense={labels.length > DENSE || undefined}>
        <caption className="sr-only">
          Confusion matrix: rows are the true labels, columns the predicted labels{multiLabel ? ' (a multi-label example counts in every pair of its true and predicted labels)' : ''}.
        </caption>
        <thead>
          <tr>
            <th scope="col" className="heatmap-corner">
              <span className="axis-note">true ↓ · predicted →</span>
            </th>
            {labels.map((l) => (
              <th scope="col" key={l} title={l}>
                {l}
              </th>
            ))}
            <th scope="col" className="heatmap-total">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {labels.map((truth, ri) => (
            <tr key={truth}>
              <th scope="row" title={truth}>
                {truth}
              </th>
              {labels.map((pred, ci) => {
                const n = matrix[ri]?.[ci] ?? 0;
                const total = rowTotals[ri] ?? 0;
                const share = total ? n / total : 0;
                const diagonal = ri === ci;
                const style = n === 0 ? undefined : diagonal ? heatColor(share) : errorColor(share);
                const title = `True ${truth}, predicted ${pred}: ${fmtInt(n)}${total ? ` (${Math.round(100 * share)} % of ${truth})` : ''}`;
                return (
                  <td key={pred} style={style} data-diagonal={diagonal || undefined}>
                    <span className="heatmap-cell" title={title} aria-label={title}>
                      {fmtInt(n)}
                    </span>
                  </td>
                );
              })}
              <td className="heatmap-total">{fmtInt(rowTotals[ri] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Mistakes in a warm tone, from faint to strong by their share of the row. */
function errorColor(t: number): { background: string; color: string } {
  const x = Math.max(0.08, Math.min(1, t * 2));
  const from = [253, 243, 236];
  const to = [196, 74, 18];
  const c = from.map((f, i) => Math.round(f + ((to[i] ?? f) - f) * x));
  return { background: `rgb(${c.join(',')})`, color: x > 0.55 ? '#FFFFFF' : '#172033' };
}
