'use client';

import { useId, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Rectangle, ResponsiveContainer, Tooltip, XAxis, YAxis, type AxisDomain, type BarShapeProps, type YAxisTickContentProps } from 'recharts';
import type { TBucket } from '@/lib/schemas/dashboard-filters';
import type { BreakdownEstimates, LabelEstimate } from '@/lib/server/analytics/estimate-shares';
import type { LabelCount } from '@/lib/server/analytics/types';
import { BUCKET_TITLES } from '@/components/dashboard/filter-edits';
import { fmtInt, fmtShare, share } from '@/components/dashboard/format';
import { estimateFor, estimateText, estimateWords } from '@/components/dashboard/prediction-text';
import { BucketPatterns, bucketFill, patternPrefix } from './bucket-fill';
import { ChartKeys } from './chart-keys';
import { activeDatum, TooltipBox } from './chart-tooltip';
import { ESTIMATE_COLUMN_WIDTH, EstimateLines, IntervalMarks, type IntervalMark } from './estimate-interval';
import { BAR_COLOR, BAR_DIMMED } from './palette';
import { useNarrow } from '@/components/ui/use-media-query';

export const BAR_ROW_HEIGHT = 30;
/** A row with the estimate's text under its label (narrow screens) */
const TWO_LINE_ROW_HEIGHT = 38;

/** A model's predictions that count under no label: below the threshold, or unlike its training data. */
export interface BucketCount {
  bucket: TBucket;
  count: number;
}

/** What each bucket means here, for its tooltip (the card knows the threshold in force). */
export type BucketNotes = Partial<Record<TBucket, string>>;

const DEFAULT_NOTES: Record<TBucket, string> = {
  uncertain: 'Below the confidence threshold: not counted under any label.',
  out_of_scope: 'The text is unlike what the model was trained on: not counted under any label.',
};

/** One bar: a label, or a bucket drawn after the labels. `key` keeps the two apart on the axis (a label may be called "Uncertain"). */
interface Row {
  key: string;
  text: string;
  count: number;
  bucket: TBucket | null;
}

/** The rows of a chart: the labels as given, then each bucket with any predictions (a bucket with none draws no bar). */
export function barRows(data: readonly LabelCount[], buckets: readonly BucketCount[]): Row[] {
  return [
    ...data.map((d) => ({ key: `l:${d.label}`, text: d.label, count: d.count, bucket: null })),
    ...buckets.filter((b) => b.count > 0).map((b) => ({ key: `b:${b.bucket}`, text: BUCKET_TITLES[b.bucket], count: b.count, bucket: b.bucket })),
  ];
}

/**
 * One horizontal bar per label, largest first, the count at the bar's end;
 * a model's Uncertain and Out of scope predictions follow as grey hatched
 * bars. A label's share is of the counted predictions (`counted`), a
 * bucket's of all (`total`); the tooltips say which. Picked labels and
 * buckets stay strong, the others fade. A click on a bar (or on its axis
 * label) hands the label to `onSelect`, a bucket to `onSelectBucket`; so does
 * Enter on a bar, reached with Tab and the arrow keys (ChartKeys).
 *
 * With a model's `estimates` (issue 13), each label also gets its estimated
 * true share with the interval, drawn on the same axis as the counts: the
 * share times the in-scope transcripts (IntervalMarks), its text in a column
 * at the right edge (under the label on a narrow screen), and the tooltip says
 * how it was computed. `'pending'` keeps the column's room while they load.
 */
export function BreakdownBars({
  data,
  buckets = [],
  total,
  counted,
  selected,
  selectedBuckets = [],
  onSelect,
  onSelectBucket,
  bucketNotes,
  width,
  yAxisWidth,
  name = 'Labels',
  estimates,
  estimateLabels = 'auto',
}: {
  data: LabelCount[];
  /** a model's Uncertain / Out of scope counts (none for metadata) */
  buckets?: readonly BucketCount[];
  /** every transcript of the chart: the buckets' denominator */
  total: number;
  /** the predictions counted under a label: the labels' denominator (a model's); metadata shares are of `total` */
  counted?: number;
  selected: readonly string[];
  selectedBuckets?: readonly TBucket[];
  onSelect?: (label: string) => void;
  onSelectBucket?: (bucket: TBucket) => void;
  bucketNotes?: BucketNotes;
  /** a fixed width (the printable report); otherwise the chart fills its box */
  width?: number;
  yAxisWidth?: number;
  /** what the chart counts (the model or metadata key), for the keyboard buttons' group name */
  name?: string;
  /** a model's estimated true shares (Breakdown.estimates); 'pending' while they load; none for metadata */
  estimates?: BreakdownEstimates | 'pending' | undefined;
  /** 'none': draw the intervals without their text (the printable report's table has it) */
  estimateLabels?: 'auto' | 'none';
}) {
  const narrow = useNarrow();
  const prefix = patternPrefix(useId());
  const [focused, setFocused] = useState<number | null>(null);
  const rows = barRows(data, buckets);
  const labelBase = counted ?? total;
  const shareText = (r: Row) =>
    r.bucket ? `${fmtShare(share(r.count, total))} of all ${fmtInt(total)}` : counted !== undefined ? `${fmtShare(share(r.count, labelBase))} of the ${fmtInt(labelBase)} counted` : fmtShare(share(r.count, total));
  const est = estimates && estimates !== 'pending' ? estimates : null;
  const estimateOf = (r: Row): LabelEstimate | undefined => (r.bucket ? undefined : estimateFor(est, r.text));
  // where the estimate's text goes: a column at the right edge, under the label when the card is narrow
  const estimateAt = estimates === undefined || estimateLabels === 'none' ? 'none' : narrow && !width ? 'below' : 'column';
  const markOf = (r: Row): IntervalMark | undefined => {
    const e = estimateOf(r);
    return e && est ? { at: e.estimate * est.inScope, lo: e.interval[0] * est.inScope, hi: e.interval[1] * est.inScope, text: estimateText(e) } : undefined;
  };
  const marks = new Map(rows.map((r) => [r.key, markOf(r)]));
  // the count axis reaches the intervals' ends as well as the bars' (one function a reach: Recharts keeps axis settings in its store)
  const reach = Math.ceil(Math.max(0, ...[...marks.values()].map((m) => m?.hi ?? 0)));
  const domain = useMemo<AxisDomain | undefined>(() => (reach > 0 ? [0, (dataMax: number) => Math.max(dataMax, reach)] : undefined), [reach]);
  const describe = (r: Row) => {
    const e = estimateOf(r);
    return `${r.text}: ${fmtInt(r.count)} transcripts, ${shareText(r)}${e && est ? `; ${estimateWords(e, est.level)}` : ''}`;
  };
  const textOf = new Map(rows.map((r) => [r.key, r.text]));
  const select = (r: Row | undefined) => {
    if (!r) return;
    if (r.bucket) onSelectBucket?.(r.bucket);
    else onSelect?.(r.text);
  };
  const clickable = (r: Row) => (r.bucket ? !!onSelectBucket : !!onSelect);
  const anyClickable = !!onSelect || !!onSelectBucket;
  const keyed = rows.filter(clickable);
  const focusedRow = focused === null ? undefined : keyed[focused];
  const axisWidth = yAxisWidth ?? (narrow ? 124 : 150);
  // Inter averages about 6.2 px a character at 12 px: cut long labels to the axis (the tooltip has them whole)
  const maxChars = Math.floor((axisWidth - 20) / 6.2);
  const height = Math.max(2, rows.length) * (estimateAt === 'below' ? TWO_LINE_ROW_HEIGHT : BAR_ROW_HEIGHT) + 28;
  const nothingPicked = selected.length === 0 && selectedBuckets.length === 0;
  const strong = (r: Row) => nothingPicked || (r.bucket ? selectedBuckets.includes(r.bucket) : selected.includes(r.text));
  const cut = (k: string) => {
    const l = textOf.get(k) ?? k;
    return l.length > maxChars ? `${l.slice(0, maxChars - 1)}…` : l;
  };
  const tickStyle = { fontSize: narrow ? 12 : 12.5, fill: '#172033' };
  const chart = (
    <BarChart
      width={width}
      height={width ? height : undefined}
      data={rows}
      layout="vertical"
      margin={{ top: 0, right: 48 + (estimateAt === 'column' ? ESTIMATE_COLUMN_WIDTH : 0), bottom: 0, left: 4 }}
      barCategoryGap={estimateAt === 'below' ? 10 : 6}
      accessibilityLayer={false}
    >
      {rows.some((r) => r.bucket) ? <BucketPatterns prefix={prefix} /> : null}
      <CartesianGrid horizontal={false} stroke="#eef0f4" />
      <XAxis
        type="number"
        allowDecimals={false}
        domain={domain}
        tick={{ fontSize: 11, fill: '#5b6476' }}
        axisLine={false}
        tickLine={false}
        tickFormatter={(v: number) => fmtInt(v)}
      />
      <YAxis
        type="category"
        dataKey="key"
        width={axisWidth}
        interval={0}
        tickFormatter={cut}
        tick={
          estimateAt === 'below'
            ? (p: YAxisTickContentProps) => {
                const key = String(p.payload.value);
                const m = marks.get(key);
                return (
                  <text x={p.x} y={p.y} textAnchor="end" style={tickStyle}>
                    <tspan x={p.x} dy={m ? '-0.2em' : '0.35em'}>
                      {cut(key)}
                    </tspan>
                    {m ? (
                      <tspan className="estimate-text" x={p.x} dy="1.25em" fontSize={10.5} fill="#5b6476">
                        {m.text}
                      </tspan>
                    ) : null}
                  </text>
                );
              }
            : tickStyle
        }
        axisLine={false}
        tickLine={false}
        onClick={anyClickable ? (tick: { value?: unknown }) => select(rows.find((r) => r.key === tick.value)) : undefined}
        style={anyClickable ? { cursor: 'pointer' } : undefined}
      />
      <Tooltip
        cursor={{ fill: '#f1f4fa' }}
        isAnimationActive={false}
        content={({ active, activeIndex }) => {
          const r = activeDatum(rows, active, activeIndex);
          if (!r) return null;
          return (
            <TooltipBox title={r.text}>
              <div>
                <strong>{fmtInt(r.count)}</strong> transcripts · {shareText(r)}
              </div>
              {r.bucket ? <div className="chart-tooltip-note">{bucketNotes?.[r.bucket] ?? DEFAULT_NOTES[r.bucket]}</div> : null}
              {!r.bucket && counted !== undefined && rows.some((x) => x.bucket) ? (
                <div className="chart-tooltip-note">
                  {est ? 'This share is of the counted predictions; the estimate below is of every in-scope one, Uncertain included.' : 'Shares are of the counted predictions: Uncertain and Out of scope ones are not in them.'}
                </div>
              ) : null}
              <EstimateLines estimate={estimateOf(r)} estimates={est} pending={estimates === 'pending' && !r.bucket} />
              {clickable(r) ? <div className="chart-tooltip-hint">Click to see these transcripts</div> : null}
            </TooltipBox>
          );
        }}
      />
      <Bar
        dataKey="count"
        radius={[0, 4, 4, 0]}
        isAnimationActive={false}
        onClick={anyClickable ? (_: unknown, i: number) => select(rows[i]) : undefined}
        style={anyClickable ? { cursor: 'pointer' } : undefined}
        maxBarSize={22}
        // a bucket's bar says which it is (the e2e suite and the stylesheet find it by class)
        shape={(p: BarShapeProps) => {
          const b = rows[p.originalDataIndex]?.bucket;
          return <Rectangle {...p} className={b ? `bucket-bar bucket-bar-${b}` : undefined} />;
        }}
      >
        {rows.map((r) => (
          <Cell key={r.key} fill={r.bucket ? bucketFill(prefix, r.bucket) : strong(r) ? BAR_COLOR : BAR_DIMMED} fillOpacity={r.bucket && !strong(r) ? 0.45 : 1} />
        ))}
        {estimates === undefined ? (
          <LabelList dataKey="count" position="right" formatter={(v: unknown) => (typeof v === 'number' ? fmtInt(v) : '')} style={{ fontSize: 12, fill: '#344054', fontVariantNumeric: 'tabular-nums' }} />
        ) : null}
      </Bar>
      {anyClickable ? (
        <ChartKeys
          axis="y"
          name={`${name} bars (arrow keys move, Enter shows the transcripts)`}
          keys={keyed.map((r) => ({ category: r.key, name: `${describe(r)}. Show these transcripts`, onActivate: () => select(r) }))}
          onFocusKey={setFocused}
        />
      ) : null}
      {/* with estimates, the counts move past the intervals: IntervalMarks writes them */}
      {estimates !== undefined ? <IntervalMarks rows={rows.map((r) => ({ key: r.key, count: r.count, mark: marks.get(r.key), dim: !strong(r) }))} text={estimateAt === 'column' ? 'column' : 'none'} /> : null}
    </BarChart>
  );
  if (width) return chart;
  return (
    <div className="chart-frame" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 520, height }}>
        {chart}
      </ResponsiveContainer>
      {focusedRow ? (
        <div className="chart-readout" aria-hidden>
          {describe(focusedRow)}
        </div>
      ) : null}
    </div>
  );
}
