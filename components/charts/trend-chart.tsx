'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Trend } from '@/lib/server/analytics/types';
import { fmtDay, fmtDayShort, fmtInt, fmtShare, share } from '@/components/dashboard/format';
import { activeDatum, TooltipBox } from './chart-tooltip';
import { labelColors } from './palette';

export const OTHER = 'Other';

export interface TrendRow {
  period: string;
  total: number;
  values: Record<string, number>;
}

/** The labels to stack: all of them when few, else the largest `max - 1` and an "Other" band. */
export function stackSeries(trend: Trend, max = 8): { series: string[]; rows: TrendRow[] } {
  const totals = new Map(trend.labels.map((l) => [l, 0]));
  for (const p of trend.points) for (const l of trend.labels) totals.set(l, (totals.get(l) ?? 0) + (p.counts[l] ?? 0));
  let kept = trend.labels;
  if (trend.labels.length > max) {
    const top = new Set([...trend.labels].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0)).slice(0, max - 1));
    kept = trend.labels.filter((l) => top.has(l));
  }
  const keptSet = new Set(kept);
  const hasOther = kept.length < trend.labels.length;
  const rows = trend.points.map((p) => {
    const values: Record<string, number> = {};
    let other = 0;
    for (const l of trend.labels) {
      const n = p.counts[l] ?? 0;
      if (keptSet.has(l)) values[l] = n;
      else other += n;
    }
    if (hasOther) values[OTHER] = other;
    return { period: p.period, total: p.total, values };
  });
  return { series: hasOther ? [...kept, OTHER] : kept, rows };
}

/**
 * Stacked bars per day or week. A click on a band hands its label and period
 * to `onSelect` ("Other" comes as a null label).
 */
export function TrendChart({
  trend,
  onSelect,
  width,
  height = 280,
}: {
  trend: Trend;
  onSelect?: (pick: { label: string | null; period: string }) => void;
  width?: number;
  height?: number;
}) {
  const { series, rows } = stackSeries(trend);
  const colors = labelColors(series);
  const periodTitle = (p: string) => (trend.interval === 'week' ? `Week of ${fmtDay(p)}` : fmtDay(p));
  const chart = (
    <BarChart width={width} height={width ? height : undefined} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -8 }} barCategoryGap={rows.length > 45 ? 1 : '18%'}>
      <CartesianGrid vertical={false} stroke="#eef0f4" />
      <XAxis dataKey="period" tickFormatter={(p: string) => fmtDayShort(p)} tick={{ fontSize: 11, fill: '#5b6476' }} tickLine={false} axisLine={{ stroke: '#e3e6ec' }} minTickGap={18} />
      <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#5b6476' }} tickLine={false} axisLine={false} tickFormatter={(v: number) => fmtInt(v)} width={44} />
      <Tooltip
        cursor={{ fill: '#f1f4fa' }}
        isAnimationActive={false}
        content={({ active, activeIndex }) => {
          const row = activeDatum(rows, active, activeIndex);
          if (!row) return null;
          return (
            <TooltipBox title={`${periodTitle(row.period)} · ${fmtInt(row.total)} transcripts`}>
              <table className="chart-tooltip-table">
                <tbody>
                  {[...series].reverse().map((s) => (
                    <tr key={s}>
                      <td>
                        <span className="swatch" style={{ background: colors[s] }} aria-hidden /> {s}
                      </td>
                      <td className="num">{fmtInt(row.values[s] ?? 0)}</td>
                      <td className="num muted">{fmtShare(share(row.values[s] ?? 0, row.total), 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TooltipBox>
          );
        }}
      />
      <Legend verticalAlign="top" align="left" height={30} iconType="square" iconSize={10} wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} formatter={(value: unknown) => <span className="legend-text">{String(value)}</span>} />
      {series.map((s, i) => (
        <Bar
          key={s}
          name={s}
          dataKey={(r: TrendRow) => r.values[s] ?? 0}
          stackId="labels"
          fill={colors[s]}
          isAnimationActive={false}
          radius={i === series.length - 1 ? [3, 3, 0, 0] : undefined}
          onClick={onSelect ? (_: unknown, index: number) => rows[index] && onSelect({ label: s === OTHER ? null : s, period: rows[index].period }) : undefined}
          style={onSelect ? { cursor: 'pointer' } : undefined}
        />
      ))}
    </BarChart>
  );
  if (width) return chart;
  return (
    <div style={{ height }}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 900, height }}>
        {chart}
      </ResponsiveContainer>
    </div>
  );
}
