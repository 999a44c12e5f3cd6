'use client';

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CalibrationBin } from '@/lib/server/training/stored-evaluation';
import { fmtInt } from '@/components/dashboard/format';
import { fmtPct } from './format';

interface Datum {
  range: string;
  accuracy: number;
  confidence: number;
  count: number;
}

/**
 * Reliability view: for each confidence bin that holds held-out examples, how
 * often the model was right (bars) against how sure it was (line). A
 * well-calibrated model's bars reach its line.
 */
export function CalibrationChart({ bins, ece }: { bins: CalibrationBin[]; ece: number }) {
  const data: Datum[] = bins.filter((b) => b.count > 0).map((b) => ({ range: `${Math.round(100 * b.from)}–${Math.round(100 * b.to)}`, accuracy: b.accuracy, confidence: b.confidence, count: b.count }));
  if (!data.length) return <div className="empty">No held-out examples</div>;
  return (
    <>
      <div className="chart-box calibration-chart" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 18, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#eef0f4" />
            <XAxis dataKey="range" tick={{ fontSize: 11, fill: '#5b6476' }} label={{ value: 'confidence bin (%)', position: 'insideBottom', offset: -10, fontSize: 11, fill: '#5b6476' }} />
            <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={(v: number) => `${Math.round(100 * v)}`} tick={{ fontSize: 11, fill: '#5b6476' }} width={36} />
            <Tooltip
              cursor={{ fill: '#f1f4fa' }}
              content={({ active, payload }) => {
                const d = active ? (payload?.[0]?.payload as Datum | undefined) : undefined;
                if (!d) return null;
                return (
                  <div className="chart-tooltip">
                    <div className="chart-tooltip-title">Confidence {d.range} %</div>
                    <div>Right: {fmtPct(d.accuracy)}</div>
                    <div>Mean confidence: {fmtPct(d.confidence)}</div>
                    <div className="muted">{fmtInt(d.count)} examples</div>
                  </div>
                );
              }}
            />
            <Bar dataKey="accuracy" name="Accuracy" fill="#2454d6" radius={[4, 4, 0, 0]} isAnimationActive={false} />
            <Line dataKey="confidence" name="Mean confidence" stroke="#D55E00" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <div className="chart-legend" aria-hidden>
        <span>
          <span className="swatch" style={{ background: '#2454d6' }} /> share right
        </span>
        <span>
          <span className="swatch line" style={{ background: '#D55E00' }} /> mean confidence
        </span>
        <span className="muted">expected calibration error {ece.toFixed(3)}</span>
      </div>
      <details className="chart-table">
        <summary>Calibration as a table</summary>
        <table className="data compact" aria-label="Calibration">
          <thead>
            <tr>
              <th scope="col">Confidence bin</th>
              <th scope="col" className="num">
                Examples
              </th>
              <th scope="col" className="num">
                Mean confidence
              </th>
              <th scope="col" className="num">
                Share right
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.range}>
                <td>{d.range} %</td>
                <td className="num">{fmtInt(d.count)}</td>
                <td className="num">{fmtPct(d.confidence)}</td>
                <td className="num">{fmtPct(d.accuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
