'use client';

import { DefaultZIndexes, useChartWidth, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import type { BreakdownEstimates, LabelEstimate } from '@/lib/server/analytics/estimate-shares';
import { fmtInt } from '@/components/dashboard/format';
import { estimatedCount, fmtEstimate } from '@/components/dashboard/prediction-text';

/** The interval marks' colour: the ink, apart from the bars' blue and the buckets' greys. */
export const INTERVAL_INK = '#101828';
/** Room at a chart's right edge for "est. 34 % (29–40 %)". */
export const ESTIMATE_COLUMN_WIDTH = 124;

/** A label's estimated true number of transcripts (share × in-scope transcripts) with its interval, and its text. */
export interface IntervalMark {
  at: number;
  lo: number;
  hi: number;
  text: string;
}

export interface IntervalRow {
  /** the row's category on the chart's band axis */
  key: string;
  count: number;
  /** none for a bucket, a value the model does not know, or while the estimates load */
  mark?: IntervalMark | undefined;
  dim: boolean;
}

/**
 * Over a horizontal bar chart whose value axis counts transcripts: each
 * label's estimated true number of transcripts with its interval (a thin line
 * with end caps, a ring at the estimate), each row's count past the bar or
 * the interval, whichever ends further right, and with `text` "column" the
 * estimate's text at the chart's right edge. Rendered inside a Recharts chart,
 * whose scales place it; the mouse goes through it to the bars, and screen
 * readers skip it (the card's list says the same in words).
 */
export function IntervalMarks({ rows, text }: { rows: readonly IntervalRow[]; text: 'column' | 'none' }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const width = useChartWidth();
  if (!xScale || !yScale) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.scatter}>
      <g className="interval-marks" aria-hidden pointerEvents="none">
        {rows.map((r) => {
          const y = yScale(r.key, { position: 'middle' });
          const end = xScale(r.count);
          if (y === undefined || end === undefined) return null;
          const m = r.mark;
          const lo = m ? xScale(m.lo) : undefined;
          const hi = m ? xScale(m.hi) : undefined;
          const at = m ? xScale(m.at) : undefined;
          const drawn = m && lo !== undefined && hi !== undefined && at !== undefined;
          return (
            <g key={r.key} opacity={r.dim ? 0.4 : 1}>
              {drawn ? (
                <g className="estimate-interval" data-key={r.key}>
                  {/* a white halo first, so the mark reads on the blue bar and on white alike */}
                  <path d={`M${lo},${y}H${hi}M${lo},${y - 5}V${y + 5}M${hi},${y - 5}V${y + 5}`} stroke="#fff" strokeWidth={3.5} strokeLinecap="round" fill="none" />
                  <path d={`M${lo},${y}H${hi}M${lo},${y - 5}V${y + 5}M${hi},${y - 5}V${y + 5}`} stroke={INTERVAL_INK} strokeWidth={1.5} fill="none" />
                  <circle cx={at} cy={y} r={3.2} fill="#fff" stroke={INTERVAL_INK} strokeWidth={1.5} />
                </g>
              ) : null}
              <text x={Math.max(end, hi ?? end) + 6} y={y} dominantBaseline="central" fontSize={12} fill="#344054" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {fmtInt(r.count)}
              </text>
              {text === 'column' && m && width ? (
                <text className="estimate-text" x={width - 4} y={y} textAnchor="end" dominantBaseline="central" fontSize={11.5} fill="#344054" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {m.text}
                </text>
              ) : null}
            </g>
          );
        })}
      </g>
    </ZIndexLayer>
  );
}

/** The mark as the card's legend shows it. */
export function IntervalGlyph() {
  return (
    <svg className="interval-glyph" width={24} height={12} viewBox="0 0 24 12" aria-hidden focusable="false">
      <path d="M2,6H22M2,1V11M22,1V11" stroke={INTERVAL_INK} strokeWidth={1.5} fill="none" />
      <circle cx={13} cy={6} r={3} fill="#fff" stroke={INTERVAL_INK} strokeWidth={1.5} />
    </svg>
  );
}

/** A label's estimate in a tooltip: the figure, what it is worth in transcripts, and how it was computed. */
export function EstimateLines({ estimate: e, estimates, pending }: { estimate: LabelEstimate | undefined; estimates: BreakdownEstimates | null; pending: boolean }) {
  if (pending) return <div className="chart-tooltip-note">Estimating the true share…</div>;
  if (!e || !estimates) return null;
  return (
    <>
      <div className="chart-tooltip-estimate">
        Estimated true share <strong>{fmtEstimate(e)}</strong>
        <span className="muted">
          {' '}
          ({Math.round(estimates.level * 100)}&nbsp;% interval), {estimatedCount(e, estimates.inScope)}
        </span>
      </div>
      <div className="chart-tooltip-note">{estimates.description}</div>
    </>
  );
}
