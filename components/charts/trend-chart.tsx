'use client';

import { useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Trend } from '@/lib/server/analytics/types';
import { fmtDay, fmtDayShort, fmtInt, fmtShare, share } from '@/components/dashboard/format';
import { addDays, daysBetween, utcToday } from '@/lib/schemas/dashboard-filters';
import { ChartKeys } from './chart-keys';
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

/** The days of a week the date range covers, when not all seven. */
export interface PartialWeek {
  /** the first and last covered day (YYYY-MM-DD); null when none is (a week wholly after today) */
  from: string | null;
  to: string | null;
  days: number;
}

/**
 * The first and last weeks of a weekly trend that the date range covers only
 * in part (a range starting on a Wednesday, or a week not over yet), so the
 * chart can mark them instead of showing a dip. Without a start (`range=all`)
 * the first week is the data's own; without an end, the range ends today.
 */
export function partialWeeks(trend: Pick<Trend, 'interval' | 'points'>, range: { from: string | null; to: string | null } | undefined, today: string = utcToday()): Map<string, PartialWeek> {
  const out = new Map<string, PartialWeek>();
  if (trend.interval !== 'week' || !range || trend.points.length === 0) return out;
  const end = range.to && range.to < today ? range.to : today;
  const candidates = new Set([trend.points[0]!.period, trend.points[trend.points.length - 1]!.period]);
  for (const week of candidates) {
    const sunday = addDays(week, 6);
    const from = range.from && range.from > week ? range.from : week;
    const to = end < sunday ? end : sunday;
    const days = to < from ? 0 : daysBetween(from, to);
    if (days < 7) out.set(week, days ? { from, to, days } : { from: null, to: null, days: 0 });
  }
  return out;
}

const coveredText = (p: PartialWeek) => (p.days === 0 ? 'none of its days yet' : p.from === p.to ? `only ${fmtDayShort(p.from!)}` : `only ${fmtDayShort(p.from!)} – ${fmtDayShort(p.to!)}, ${p.days} of 7 days`);

function PeriodSummary({ row, title, series, colors }: { row: TrendRow; title: string; series: string[]; colors: Record<string, string> }) {
  return (
    <TooltipBox title={title}>
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
}

/**
 * Stacked bars per day or week. A click on a band hands its label and period
 * to `onSelect` ("Other" comes as a null label); from the keyboard, Tab and
 * the arrow keys walk the periods and Enter picks a whole one (null label).
 * With `range` (the filters' dates), a first or last week the range covers
 * only in part is hatched and named in a note, so it does not read as a dip.
 */
export function TrendChart({
  trend,
  onSelect,
  width,
  height = 280,
  range,
  name,
}: {
  trend: Trend;
  onSelect?: (pick: { label: string | null; period: string }) => void;
  width?: number;
  height?: number;
  /** the filters' date range (TDashboardFilters' `from` and `to`): marks partial first and last weeks */
  range?: { from: string | null; to: string | null };
  /** what is charted, for the keyboard buttons' group name (the model's name by default) */
  name?: string;
}) {
  const { series, rows } = stackSeries(trend);
  const colors = labelColors(series);
  const partial = partialWeeks(trend, range);
  const patternId = `hatch${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [focused, setFocused] = useState<number | null>(null);
  const focusedRow = focused === null ? undefined : rows[focused];
  const periodTitle = (p: string) => {
    if (trend.interval !== 'week') return fmtDay(p);
    const part = partial.get(p);
    return part ? `Week of ${fmtDay(p)} (partial: ${coveredText(part)})` : `Week of ${fmtDay(p)}`;
  };
  const summaryTitle = (row: TrendRow) => `${periodTitle(row.period)} · ${fmtInt(row.total)} transcripts`;
  const describe = (row: TrendRow) => {
    const parts = [...series].reverse().filter((s) => (row.values[s] ?? 0) > 0).map((s) => `${s} ${fmtInt(row.values[s] ?? 0)}`);
    return `${summaryTitle(row)}${parts.length ? `: ${parts.join(', ')}` : ''}`;
  };

  const chart = (
    <BarChart width={width} height={width ? height : undefined} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -8 }} barCategoryGap={rows.length > 45 ? 1 : '18%'} accessibilityLayer={false}>
      {partial.size ? (
        <defs>
          {series.map((s, i) => (
            <pattern key={s} id={`${patternId}-${i}`} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width={6} height={6} fill={colors[s]} fillOpacity={0.3} />
              <rect width={2.5} height={6} fill={colors[s]} />
            </pattern>
          ))}
        </defs>
      ) : null}
      <CartesianGrid vertical={false} stroke="#eef0f4" />
      <XAxis dataKey="period" tickFormatter={(p: string) => fmtDayShort(p)} tick={{ fontSize: 11, fill: '#5b6476' }} tickLine={false} axisLine={{ stroke: '#e3e6ec' }} minTickGap={18} />
      <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#5b6476' }} tickLine={false} axisLine={false} tickFormatter={(v: number) => fmtInt(v)} width={44} />
      <Tooltip
        cursor={{ fill: '#f1f4fa' }}
        isAnimationActive={false}
        content={({ active, activeIndex }) => {
          const row = activeDatum(rows, active, activeIndex);
          return row ? <PeriodSummary row={row} title={summaryTitle(row)} series={series} colors={colors} /> : null;
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
        >
          {partial.size ? rows.map((r) => <Cell key={r.period} fill={partial.has(r.period) ? `url(#${patternId}-${i})` : colors[s]} />) : null}
        </Bar>
      ))}
      {onSelect ? (
        <ChartKeys
          axis="x"
          name={`${name ?? trend.modelName} by ${trend.interval} (arrow keys move, Enter shows the transcripts)`}
          keys={rows.map((r) => ({ category: r.period, name: `${describe(r)}. Show these transcripts`, onActivate: () => onSelect({ label: null, period: r.period }) }))}
          onFocusKey={setFocused}
        />
      ) : null}
    </BarChart>
  );
  const note = partial.size ? (
    <p className="trend-note">
      <span className="swatch hatched" aria-hidden /> Partial week:{' '}
      {[...partial].map(([week, p], i) => (
        <span key={week}>
          {i > 0 ? '; ' : ''}
          week of {fmtDayShort(week)} ({coveredText(p)})
        </span>
      ))}
      . {partial.size > 1 ? 'Their bars are not full weeks' : 'Its bar is not a full week'} of transcripts.
    </p>
  ) : null;
  if (width)
    return (
      <>
        {chart}
        {note}
      </>
    );
  return (
    <>
      <div className="chart-frame" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 900, height }}>
          {chart}
        </ResponsiveContainer>
        {focusedRow ? (
          <div className="chart-readout" aria-hidden>
            <PeriodSummary row={focusedRow} title={summaryTitle(focusedRow)} series={series} colors={colors} />
          </div>
        ) : null}
      </div>
      {note}
    </>
  );
}
