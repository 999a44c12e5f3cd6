'use client';

import { useState } from 'react';
import { Cell, Pie, PieChart, Tooltip } from 'recharts';
import type { LabelCount } from '@/lib/server/analytics/types';
import { fmtInt, fmtShare, share } from '@/components/dashboard/format';
import { activeDatum, TooltipBox } from './chart-tooltip';
import { labelColors } from './palette';

/**
 * A donut of a single-label model, the total in the middle and a legend that
 * is the keyboard way in: each entry is a named button, and the slice of the
 * focused entry gets a ring. The slices themselves are not tab stops (the
 * legend would say everything twice).
 */
export function Donut({
  data,
  total,
  selected,
  onSelect,
  size = 200,
}: {
  data: LabelCount[];
  total: number;
  selected: readonly string[];
  onSelect?: (label: string) => void;
  size?: number;
}) {
  const colors = labelColors(data.map((d) => d.label));
  const counted = data.reduce((a, d) => a + d.count, 0);
  const strong = (l: string) => selected.length === 0 || selected.includes(l);
  const [focused, setFocused] = useState<string | null>(null);
  return (
    <div className="donut">
      <div className="donut-chart" style={{ width: size, height: size }}>
        <PieChart width={size} height={size} accessibilityLayer={false}>
          <Pie
            data={data}
            dataKey="count"
            nameKey="label"
            innerRadius={size * 0.3}
            outerRadius={size * 0.48}
            paddingAngle={data.filter((d) => d.count > 0).length > 1 ? 1.5 : 0}
            stroke="none"
            rootTabIndex={-1}
            isAnimationActive={false}
            onClick={onSelect ? (_: unknown, i: number) => data[i] && onSelect(data[i].label) : undefined}
            style={onSelect ? { cursor: 'pointer' } : undefined}
          >
            {data.map((d) => (
              <Cell
                key={d.label}
                fill={colors[d.label]}
                fillOpacity={strong(d.label) ? 1 : 0.3}
                stroke={focused === d.label ? '#101828' : 'none'}
                strokeWidth={focused === d.label ? 3 : 0}
              />
            ))}
          </Pie>
          <Tooltip
            isAnimationActive={false}
            content={({ active, activeIndex }) => {
              const d = activeDatum(data, active, activeIndex);
              if (!d) return null;
              return (
                <TooltipBox title={d.label}>
                  <strong>{fmtInt(d.count)}</strong> transcripts · {fmtShare(share(d.count, total))}
                </TooltipBox>
              );
            }}
          />
        </PieChart>
        <div className="donut-center" aria-hidden>
          <div className="donut-total">{fmtInt(counted)}</div>
          <div className="donut-caption">transcripts</div>
        </div>
      </div>
      <ul className="legend">
        {data.map((d) => (
          <li key={d.label} data-dim={!strong(d.label) || undefined}>
            {onSelect ? (
              <button
                type="button"
                className="legend-item"
                onClick={() => onSelect(d.label)}
                onFocus={(e) => setFocused(e.currentTarget.matches(':focus-visible') ? d.label : null)}
                onBlur={() => setFocused(null)}
                aria-label={`${d.label}: ${fmtInt(d.count)} transcripts, ${fmtShare(share(d.count, total))}. Show these transcripts`}
              >
                <LegendContent color={colors[d.label]} label={d.label} count={d.count} total={total} />
              </button>
            ) : (
              <span className="legend-item">
                <LegendContent color={colors[d.label]} label={d.label} count={d.count} total={total} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function LegendContent({ color, label, count, total }: { color: string | undefined; label: string; count: number; total: number }) {
  return (
    <>
      <span className="swatch" style={{ background: color }} aria-hidden />
      <span className="legend-label">{label}</span>
      <span className="legend-count">{fmtInt(count)}</span>
      <span className="legend-share">{fmtShare(share(count, total))}</span>
    </>
  );
}
