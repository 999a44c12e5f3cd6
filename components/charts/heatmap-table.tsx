import type { CrossTab } from '@/lib/server/analytics/types';
import { fmtInt } from '@/components/dashboard/format';
import { heatColor } from './palette';
import { ScrollArea } from './scroll-area';

/**
 * The cross-tab as a real table: row and column headers, every count
 * visible, cells shaded by count. With `onSelect`, each cell is a button
 * that narrows the dashboard to that pair of labels. Wider than its box (a
 * phone), it scrolls sideways with a hint and the row headers stay put.
 */
export function HeatmapTable({ crossTab, onSelect, caption }: { crossTab: CrossTab; onSelect?: (row: string, col: string) => void; caption?: string }) {
  const { rows, cols, cells, max } = crossTab;
  const rowTotals = cells.map((r) => r.reduce((a, n) => a + n, 0));
  const colTotals = cols.map((_, c) => cells.reduce((a, r) => a + (r[c] ?? 0), 0));
  return (
    <ScrollArea className="heatmap-wrap" label={caption ?? `${crossTab.rowName} by ${crossTab.colName}`}>
      <table className="heatmap">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col" className="heatmap-corner">
              <span className="sr-only">
                {crossTab.rowName} by {crossTab.colName}
              </span>
            </th>
            {cols.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
            <th scope="col" className="heatmap-total">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, ri) => (
            <tr key={r}>
              <th scope="row">{r}</th>
              {cols.map((c, ci) => {
                const n = cells[ri]?.[ci] ?? 0;
                const style = heatColor(max > 0 ? n / max : 0);
                const title = `${r} × ${c}: ${fmtInt(n)} transcripts`;
                return (
                  <td key={c} style={style}>
                    {onSelect ? (
                      <button type="button" className="heatmap-cell" onClick={() => onSelect(r, c)} aria-label={`${title}. Show these transcripts`} title={title}>
                        {fmtInt(n)}
                      </button>
                    ) : (
                      <span className="heatmap-cell" title={title}>
                        {fmtInt(n)}
                      </span>
                    )}
                  </td>
                );
              })}
              <td className="heatmap-total">{fmtInt(rowTotals[ri] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {colTotals.map((n, i) => (
              <td key={cols[i]} className="heatmap-total">
                {fmtInt(n)}
              </td>
            ))}
            <td className="heatmap-total">{fmtInt(rowTotals.reduce((a, n) => a + n, 0))}</td>
          </tr>
        </tfoot>
      </table>
    </ScrollArea>
  );
}
