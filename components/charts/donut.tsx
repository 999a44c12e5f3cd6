'use client';

import { useId, useState } from 'react';
import { Cell, Pie, PieChart, Tooltip } from 'recharts';
import type { TBucket } from '@/lib/schemas/dashboard-filters';
import type { BreakdownEstimates, LabelEstimate } from '@/lib/server/analytics/estimate-shares';
import type { LabelCount } from '@/lib/server/analytics/types';
import { fmtInt, fmtShare, share } from '@/components/dashboard/format';
import { estimateFor, estimateText, estimateWords } from '@/components/dashboard/prediction-text';
import { barRows, type BucketCount, type BucketNotes } from './breakdown-bars';
import { BucketPatterns, bucketFill, patternPrefix } from './bucket-fill';
import { activeDatum, TooltipBox } from './chart-tooltip';
import { EstimateLines } from './estimate-interval';
import { labelColors } from './palette';

/**
 * A donut of a single-label model, the total in the middle and a legend that
 * is the keyboard way in: each entry is a named button, and the slice of the
 * focused entry gets a ring. The slices themselves are not tab stops (the
 * legend would say everything twice). Uncertain and Out of scope come after
 * the labels as grey hatched slices; a label's share is of the counted
 * predictions, a bucket's of all. With a model's `estimates`, each label's
 * legend entry and tooltip add its estimated true share with the interval.
 */
export function Donut({
  data,
  buckets = [],
  total,
  counted,
  selected,
  selectedBuckets = [],
  onSelect,
  onSelectBucket,
  bucketNotes,
  size = 200,
  estimates,
}: {
  data: LabelCount[];
  buckets?: readonly BucketCount[];
  total: number;
  counted?: number;
  selected: readonly string[];
  selectedBuckets?: readonly TBucket[];
  onSelect?: (label: string) => void;
  onSelectBucket?: (bucket: TBucket) => void;
  bucketNotes?: BucketNotes;
  size?: number;
  /** a model's estimated true shares (Breakdown.estimates); 'pending' while they load */
  estimates?: BreakdownEstimates | 'pending' | undefined;
}) {
  const rows = barRows(data, buckets);
  const prefix = patternPrefix(useId());
  const colors = labelColors(data.map((d) => d.label));
  const shown = rows.reduce((a, r) => a + r.count, 0);
  const labelBase = counted ?? total;
  const nothingPicked = selected.length === 0 && selectedBuckets.length === 0;
  const strong = (r: (typeof rows)[number]) => nothingPicked || (r.bucket ? selectedBuckets.includes(r.bucket) : selected.includes(r.text));
  const fill = (r: (typeof rows)[number]) => (r.bucket ? bucketFill(prefix, r.bucket) : colors[r.text]);
  const shareOf = (r: (typeof rows)[number]) => (r.bucket ? share(r.count, total) : share(r.count, labelBase));
  const shareText = (r: (typeof rows)[number]) =>
    r.bucket ? `${fmtShare(shareOf(r))} of all` : counted !== undefined && rows.some((x) => x.bucket) ? `${fmtShare(shareOf(r))} of the counted` : fmtShare(shareOf(r));
  const select = (r: (typeof rows)[number] | undefined) => {
    if (!r) return;
    if (r.bucket) onSelectBucket?.(r.bucket);
    else onSelect?.(r.text);
  };
  const clickable = (r: (typeof rows)[number]) => (r.bucket ? !!onSelectBucket : !!onSelect);
  const est = estimates && estimates !== 'pending' ? estimates : null;
  const estimateOf = (r: (typeof rows)[number]) => (r.bucket ? undefined : estimateFor(est, r.text));
  const words = (r: (typeof rows)[number]) => {
    const e = estimateOf(r);
    return e && est ? `; ${estimateWords(e, est.level)}` : '';
  };
  const [focused, setFocused] = useState<string | null>(null);
  return (
    <div className="donut">
      <div className="donut-chart" style={{ width: size, height: size }}>
        <PieChart width={size} height={size} accessibilityLayer={false}>
          {rows.some((r) => r.bucket) ? <BucketPatterns prefix={prefix} /> : null}
          <Pie
            data={rows}
            dataKey="count"
            nameKey="key"
            innerRadius={size * 0.3}
            outerRadius={size * 0.48}
            paddingAngle={rows.filter((d) => d.count > 0).length > 1 ? 1.5 : 0}
            stroke="none"
            rootTabIndex={-1}
            isAnimationActive={false}
            onClick={onSelect || onSelectBucket ? (_: unknown, i: number) => select(rows[i]) : undefined}
            style={onSelect || onSelectBucket ? { cursor: 'pointer' } : undefined}
          >
            {rows.map((r) => (
              <Cell
                key={r.key}
                className={r.bucket ? `bucket-slice bucket-slice-${r.bucket}` : undefined}
                fill={fill(r)}
                fillOpacity={strong(r) ? 1 : 0.3}
                stroke={focused === r.key ? '#101828' : 'none'}
                strokeWidth={focused === r.key ? 3 : 0}
              />
            ))}
          </Pie>
          <Tooltip
            isAnimationActive={false}
            content={({ active, activeIndex }) => {
              const r = activeDatum(rows, active, activeIndex);
              if (!r) return null;
              return (
                <TooltipBox title={r.text}>
                  <div>
                    <strong>{fmtInt(r.count)}</strong> transcripts · {r.bucket ? `${fmtShare(shareOf(r))} of all ${fmtInt(total)}` : counted !== undefined ? `${fmtShare(shareOf(r))} of the ${fmtInt(labelBase)} counted` : fmtShare(shareOf(r))}
                  </div>
                  {r.bucket && bucketNotes?.[r.bucket] ? <div className="chart-tooltip-note">{bucketNotes[r.bucket]}</div> : null}
                  <EstimateLines estimate={estimateOf(r)} estimates={est} pending={estimates === 'pending' && !r.bucket} />
                </TooltipBox>
              );
            }}
          />
        </PieChart>
        <div className="donut-center" aria-hidden>
          <div className="donut-total">{fmtInt(shown)}</div>
          <div className="donut-caption">transcripts</div>
        </div>
      </div>
      <ul className="legend">
        {rows.map((r) => (
          <li key={r.key} data-dim={!strong(r) || undefined} data-bucket={r.bucket ?? undefined}>
            {clickable(r) ? (
              <button
                type="button"
                className="legend-item"
                onClick={() => select(r)}
                onFocus={(e) => setFocused(e.currentTarget.matches(':focus-visible') ? r.key : null)}
                onBlur={() => setFocused(null)}
                aria-label={`${r.text}: ${fmtInt(r.count)} transcripts, ${shareText(r)}${words(r)}. Show these transcripts`}
              >
                <LegendContent color={r.bucket ? undefined : colors[r.text]} bucket={r.bucket} label={r.text} count={r.count} share={shareOf(r)} estimate={estimateOf(r)} />
              </button>
            ) : (
              <span className="legend-item">
                <LegendContent color={r.bucket ? undefined : colors[r.text]} bucket={r.bucket} label={r.text} count={r.count} share={shareOf(r)} estimate={estimateOf(r)} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function LegendContent({
  color,
  bucket,
  label,
  count,
  share: s,
  estimate,
}: {
  color: string | undefined;
  bucket: TBucket | null;
  label: string;
  count: number;
  share: number;
  estimate?: LabelEstimate | undefined;
}) {
  return (
    <>
      <span className={bucket ? `swatch bucket-${bucket}` : 'swatch'} style={color ? { background: color } : undefined} aria-hidden />
      <span className="legend-label">{label}</span>
      <span className="legend-count">{fmtInt(count)}</span>
      <span className="legend-share">{fmtShare(s)}</span>
      {estimate ? <span className="legend-estimate estimate-text">{estimateText(estimate)}</span> : null}
    </>
  );
}
