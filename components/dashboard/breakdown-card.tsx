'use client';

import { useId, useState } from 'react';
import { BreakdownBars, type BucketCount, type BucketNotes } from '@/components/charts/breakdown-bars';
import { Donut } from '@/components/charts/donut';
import type { TBucket } from '@/lib/schemas/dashboard-filters';
import type { TBreakdownCard } from '@/lib/schemas/dashboard-layout';
import type { Breakdown } from '@/lib/server/analytics/types';
import { dimensionTitle } from './dimensions';
import { BUCKET_TITLES, selectedBuckets, selectedValues, withOnlyBucket, withOnlyDimensionValues } from './filter-edits';
import { fmtInt } from './format';
import { evaluationPhrase, SCOPE_WARN_AT, scopeWarning, shouldWarn, uncertainNote } from './prediction-text';
import { useBreakdown, useFilterOptions, useScope } from './queries';
import { BarsSkeleton, BlockSkeleton, EmptyState, ErrorState } from './states';
import { useDashboardFilters } from './use-dashboard-filters';
import { useDrill } from './use-drill';

/** A model's Uncertain and Out of scope counts, for the chart (none for metadata). */
const bucketsOf = (b: Breakdown): BucketCount[] =>
  b.modelId === null
    ? []
    : [
        { bucket: 'uncertain', count: b.uncertain },
        { bucket: 'out_of_scope', count: b.outOfScope },
      ];

/**
 * One dimension of the layout (a model's labels, a metadata key's values or a
 * field's) over the filtered transcripts: bars or a donut; a click opens the
 * drill-down narrowed to that value. A model's card also shows the
 * predictions that count under no label (Uncertain: below the threshold in
 * force; Out of scope: unlike its training data) as bars of their own, warns
 * when many of the transcripts are out of scope for it, and says how
 * accurate the model measured.
 */
export function BreakdownCard({ card }: { card: TBreakdownCard }) {
  const { filters, query } = useDashboardFilters();
  const options = useFilterOptions();
  const drill = useDrill();
  const result = useBreakdown(query, card.dimension);
  const scope = useScope(query);
  const [showAll, setShowAll] = useState(false);
  const headingId = useId();
  const b = result.data;
  const title = card.title ?? b?.name ?? dimensionTitle(card.dimension, options.data);
  const limit = card.limit;
  const selected = selectedValues(filters, card.dimension);
  const picked = selectedBuckets(filters, card.dimension);
  const onSelect = (value: string) => drill((f) => withOnlyDimensionValues(f, [{ dimension: card.dimension, value }]));
  const modelId = b?.modelId ?? null;
  const onSelectBucket = modelId !== null ? (bucket: TBucket) => drill((f) => withOnlyBucket(f, modelId, bucket)) : undefined;
  const rows = b ? (limit && !showAll ? b.labels.slice(0, limit) : b.labels) : [];
  const isModel = b ? b.modelId !== null : /^\d+$/.test(card.dimension);
  const noun = isModel ? 'labels' : 'values';
  const buckets = b ? bucketsOf(b) : [];
  const shownBuckets = buckets.filter((x) => x.count > 0);
  const counted = b && isModel ? b.total - b.uncertain - b.outOfScope : undefined;
  const threshold = b ? uncertainNote({ threshold: b.threshold, minScore: filters.minScore, source: b.thresholdSource === 'filter' ? undefined : (b.thresholdSource ?? undefined) }) : null;
  const notes: BucketNotes = {
    uncertain: `${threshold ?? 'Below the confidence threshold.'} Not counted under any label.`,
    out_of_scope: `The text is unlike what ${b?.name ?? title} was trained on: not counted under any label.`,
  };
  const warnAt = scope.data?.warnAt ?? SCOPE_WARN_AT;
  const warn = b && isModel && shouldWarn(b.outOfScope, b.total, warnAt);

  let body;
  if (result.isError && !b) body = <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  else if (!b) body = card.chart === 'donut' ? <BlockSkeleton height={200} /> : <BarsSkeleton rows={limit ?? 6} />;
  else if (b.total === 0) body = <EmptyState compact />;
  else if (card.chart === 'donut')
    body = <Donut data={rows} buckets={buckets} total={b.total} counted={counted} selected={selected} selectedBuckets={picked} onSelect={onSelect} onSelectBucket={onSelectBucket} bucketNotes={notes} />;
  else
    body = (
      <BreakdownBars
        data={rows}
        buckets={buckets}
        total={b.total}
        counted={counted}
        selected={selected}
        selectedBuckets={picked}
        onSelect={onSelect}
        onSelectBucket={onSelectBucket}
        bucketNotes={notes}
        name={title}
      />
    );

  return (
    <section className="card chart-card" aria-labelledby={headingId} aria-busy={result.isFetching} data-stale={result.isPlaceholderData || undefined} data-dimension={card.dimension}>
      <header className="card-head">
        <h2 id={headingId}>{title}</h2>
        {b && b.total > 0 ? <span className="card-meta">{fmtInt(b.total)} transcripts</span> : null}
      </header>
      {warn && b ? (
        <p className="scope-warning" data-testid="scope-warning">
          <span aria-hidden>⚠ </span>
          {scopeWarning(b.name, b.outOfScope, b.total)}: their predictions count as Out of scope, under no label.
        </p>
      ) : null}
      {body}
      {/* Estimated true shares with 90 % intervals (Breakdown.estimates, issue 13) will get their note here, beside the counts. */}
      {b && b.total > 0 ? (
        <footer className="card-foot breakdown-foot">
          <div className="breakdown-notes">
            {isModel && threshold ? (
              <p className="threshold-note" data-testid="threshold-note">
                {threshold}
                {counted !== undefined && shownBuckets.length ? ` Label shares are of the ${fmtInt(counted)} counted predictions.` : ''}
              </p>
            ) : null}
            {isModel ? (
              <p className="evaluation-note muted" data-testid="evaluation-note">
                {evaluationPhrase(b.evaluation)}
              </p>
            ) : null}
          </div>
          {limit && b.labels.length > limit ? (
            <button type="button" className="link-button" onClick={() => setShowAll((s) => !s)} aria-expanded={showAll}>
              {showAll ? `Top ${limit} only` : `All ${b.labels.length} ${noun}`}
            </button>
          ) : null}
        </footer>
      ) : null}
      {/* the keyboard and screen-reader way into the same drill-down as a bar click (the donut's legend is made of buttons already) */}
      {b && b.total > 0 && card.chart === 'bars' ? (
        <ul className="sr-only bars-keyboard" aria-label={`${title}: open the transcripts of one ${isModel ? 'label' : 'value'}`}>
          {rows.map((r) => (
            <li key={`l:${r.label}`}>
              <button type="button" onClick={() => onSelect(r.label)}>
                {r.label}: {fmtInt(r.count)} transcripts
              </button>
            </li>
          ))}
          {onSelectBucket
            ? shownBuckets.map((x) => (
                <li key={`b:${x.bucket}`}>
                  <button type="button" data-bucket={x.bucket} onClick={() => onSelectBucket(x.bucket)}>
                    {BUCKET_TITLES[x.bucket]}: {fmtInt(x.count)} transcripts
                  </button>
                </li>
              ))
            : null}
        </ul>
      ) : null}
    </section>
  );
}
