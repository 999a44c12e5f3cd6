'use client';

import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LabelCount } from '@/lib/server/analytics/types';
import { fmtInt, fmtShare, share } from '@/components/dashboard/format';
import { ChartKeys } from './chart-keys';
import { activeDatum, TooltipBox } from './chart-tooltip';
import { BAR_COLOR, BAR_DIMMED } from './palette';
import { useNarrow } from '@/components/ui/use-media-query';

export const BAR_ROW_HEIGHT = 30;

/**
 * One horizontal bar per label, largest first, the count at the bar's end.
 * Labels picked in the filters stay strong, the others fade. A click on a bar
 * (or on its label) hands the label to `onSelect`; so does Enter on a bar,
 * reached with Tab and the arrow keys (ChartKeys).
 */
export function BreakdownBars({
  data,
  total,
  selected,
  onSelect,
  width,
  yAxisWidth,
  name = 'Labels',
}: {
  data: LabelCount[];
  total: number;
  selected: readonly string[];
  onSelect?: (label: string) => void;
  /** a fixed width (the printable report); otherwise the chart fills its box */
  width?: number;
  yAxisWidth?: number;
  /** what the chart counts (the model or metadata key), for the keyboard buttons' group name */
  name?: string;
}) {
  const narrow = useNarrow();
  const [focused, setFocused] = useState<number | null>(null);
  const focusedDatum = focused === null ? undefined : data[focused];
  const describe = (d: LabelCount) => `${d.label}: ${fmtInt(d.count)} transcripts, ${fmtShare(share(d.count, total))}`;
  const axisWidth = yAxisWidth ?? (narrow ? 124 : 150);
  // Inter averages about 6.2 px a character at 12 px: cut long labels to the axis (the tooltip has them whole)
  const maxChars = Math.floor((axisWidth - 20) / 6.2);
  const height = Math.max(2, data.length) * BAR_ROW_HEIGHT + 28;
  const strong = (l: string) => selected.length === 0 || selected.includes(l);
  const chart = (
    <BarChart width={width} height={width ? height : undefined} data={data} layout="vertical" margin={{ top: 0, right: 48, bottom: 0, left: 4 }} barCategoryGap={6} accessibilityLayer={false}>
      <CartesianGrid horizontal={false} stroke="#eef0f4" />
      <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: '#5b6476' }} axisLine={false} tickLine={false} tickFormatter={(v: number) => fmtInt(v)} />
      <YAxis
        type="category"
        dataKey="label"
        width={axisWidth}
        interval={0}
        tickFormatter={(l: string) => (l.length > maxChars ? `${l.slice(0, maxChars - 1)}…` : l)}
        tick={{ fontSize: narrow ? 12 : 12.5, fill: '#172033' }}
        axisLine={false}
        tickLine={false}
        onClick={onSelect ? (tick: { value?: unknown }) => typeof tick.value === 'string' && onSelect(tick.value) : undefined}
        style={onSelect ? { cursor: 'pointer' } : undefined}
      />
      <Tooltip
        cursor={{ fill: '#f1f4fa' }}
        isAnimationActive={false}
        content={({ active, activeIndex }) => {
          const d = activeDatum(data, active, activeIndex);
          if (!d) return null;
          return (
            <TooltipBox title={d.label}>
              <div>
                <strong>{fmtInt(d.count)}</strong> transcripts · {fmtShare(share(d.count, total))}
              </div>
              {onSelect ? <div className="chart-tooltip-hint">Click to see these transcripts</div> : null}
            </TooltipBox>
          );
        }}
      />
      <Bar dataKey="count" radius={[0, 4, 4, 0]} isAnimationActive={false} onClick={onSelect ? (_: unknown, i: number) => data[i] && onSelect(data[i].label) : undefined} style={onSelect ? { cursor: 'pointer' } : undefined} maxBarSize={22}>
        {data.map((d) => (
          <Cell key={d.label} fill={strong(d.label) ? BAR_COLOR : BAR_DIMMED} />
        ))}
        <LabelList dataKey="count" position="right" formatter={(v: unknown) => (typeof v === 'number' ? fmtInt(v) : '')} style={{ fontSize: 12, fill: '#344054', fontVariantNumeric: 'tabular-nums' }} />
      </Bar>
      {onSelect ? (
        <ChartKeys
          axis="y"
          name={`${name} bars (arrow keys move, Enter shows the transcripts)`}
          keys={data.map((d) => ({ category: d.label, name: `${describe(d)}. Show these transcripts`, onActivate: () => onSelect(d.label) }))}
          onFocusKey={setFocused}
        />
      ) : null}
    </BarChart>
  );
  if (width) return chart;
  return (
    <div className="chart-frame" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 520, height }}>
        {chart}
      </ResponsiveContainer>
      {focusedDatum ? (
        <div className="chart-readout" aria-hidden>
          {describe(focusedDatum)}
        </div>
      ) : null}
    </div>
  );
}
