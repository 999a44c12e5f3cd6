'use client';

import { useId, useState } from 'react';
import { BreakdownBars, type BucketCount, type BucketNotes } from '@/components/charts/breakdown-bars';
import { Donut } from '@/components/charts/donut';
import { IntervalGlyph } from '@/components/charts/estimate-interval';
import type { TBucket } from '@/lib/schemas/dashboard-filters';
import type { TBreakdownCard } from '@/lib/schemas/dashboard-layout';
import type { BreakdownEstimates } from '@/lib/server/analytics/estimate-shares';
import type { Breakdown } from '@/lib/server/analytics/types';
import { dimensionTitle } from './dimensions';
import { BUCKET_TITLES, selectedBuckets, selectedValues, withOnlyBucket, withOnlyDimensionValues } from './filter-edits';
import { fmtInt } from './format';
import { estimateExplanation, estimateFor, estimateWords, evaluationPhrase, noEstimateNote, SCOPE_WARN_AT, scopeWarning, shouldWarn, uncertainNote } from './prediction-text';
import { useBreakdown, useBreakdownEstimates, useFilterOptions, useScope } from './queries';
import { BarsSkeleton, BlockSkeleton, EmptyState, ErrorState } from './states';
import { useCardPending } from './pending';
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
 * accurate the model measured. Once its counts are on screen, a model's card
 * asks for the estimated true shares with their intervals (a second, slower
 * query) and draws them beside the counts; while they load, or when there are
 * none, a quiet note says so and the counts stay. From a click until its
 * answer (a bar that opens the drill-down, or new filters), the card shows
 * that it is waiting (pending.tsx).
 */
export function BreakdownCard({ card }: { card: TBreakdownCard }) {
  const { filters, query } = useDashboardFilters();
  const options = useFilterOptions();
  const pendingKey = `card:breakdown:${card.dimension}` as const;
  const drill = useDrill(pendingKey);
  const result = useBreakdown(query, card.dimension);
  const { pendingProps } = useCardPending(pendingKey, result.isPlaceholderData, result.isFetching);
  const scope = useScope(query);
  const [showAll, setShowAll] = useState(false);
  const headingId = useId();
  const estimateId = useId();
  const b = result.data;
  const inScope = b && b.modelId !== null ? b.total - b.outOfScope : 0;
  // the costly second query, once the counts of these very filters are on screen (not the previous ones kept while loading)
  const estimated = useBreakdownEstimates(query, card.dimension, !!b && b.modelId !== null && !result.isPlaceholderData && inScope > 0);
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
  const estimateState: EstimateState | null =
    !b || b.modelId === null || b.total === 0
      ? null
      : inScope === 0
        ? { kind: 'none' }
        : estimated.data !== undefined
          ? estimated.data
            ? { kind: 'ready', estimates: estimated.data }
            : { kind: 'none' }
          : estimated.isError
            ? { kind: 'error', message: estimated.error.message }
            : { kind: 'loading' };
  const chartEstimates = estimateState?.kind === 'ready' ? estimateState.estimates : estimateState?.kind === 'loading' ? ('pending' as const) : undefined;
  const ready = estimateState?.kind === 'ready' ? estimateState.estimates : null;
  const srEstimate = (label: string) => {
    const e = estimateFor(ready, label);
    return e && ready ? `, ${estimateWords(e, ready.level)}` : '';
  };
  const warnAt = scope.data?.warnAt ?? SCOPE_WARN_AT;
  const warn = b && isModel && shouldWarn(b.outOfScope, b.total, warnAt);

  let body;
  if (result.isError && !b) body = <ErrorState error={result.error} onRetry={() => void result.refetch()} />;
  else if (!b) body = card.chart === 'donut' ? <BlockSkeleton height={200} /> : <BarsSkeleton rows={limit ?? 6} />;
  else if (b.total === 0) body = <EmptyState compact />;
  else {
    // one set of props: the two charts show the same numbers
    const chart = { data: rows, buckets, total: b.total, counted, selected, selectedBuckets: picked, onSelect, onSelectBucket, bucketNotes: notes, estimates: chartEstimates };
    body = card.chart === 'donut' ? <Donut {...chart} /> : <BreakdownBars {...chart} name={title} />;
  }

  return (
    <section
      className="card chart-card"
      aria-labelledby={headingId}
      aria-describedby={ready ? estimateId : undefined}
      {...pendingProps}
      data-dimension={card.dimension}
    >
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
      {b && estimateState ? (
        <EstimateLegend
          state={estimateState}
          chart={card.chart}
          modelName={b.name}
          counted={counted ?? 0}
          inScope={inScope}
          descriptionId={estimateId}
          onRetry={() => void estimated.refetch()}
        />
      ) : null}
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
        <ul className="sr-only bars-keyboard" aria-label={`${title}: open the transcripts of one ${isModel ? 'label' : 'value'}`} aria-describedby={ready ? estimateId : undefined}>
          {rows.map((r) => (
            <li key={`l:${r.label}`}>
              <button type="button" onClick={() => onSelect(r.label)}>
                {r.label}: {fmtInt(r.count)} transcripts{srEstimate(r.label)}
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

type EstimateState = { kind: 'loading' } | { kind: 'none' } | { kind: 'error'; message: string } | { kind: 'ready'; estimates: BreakdownEstimates };

/**
 * What the card's two numbers are: the counted share (of the counted
 * predictions) and the estimated true share with its interval (of every
 * in-scope one), with how the estimate was computed behind a disclosure
 * (`descriptionId`: the card's accessible description). While the estimate
 * loads, or when there is none, a quiet line in its place.
 */
function EstimateLegend({
  state,
  chart,
  modelName,
  counted,
  inScope,
  descriptionId,
  onRetry,
}: {
  state: EstimateState;
  chart: TBreakdownCard['chart'];
  modelName: string;
  counted: number;
  inScope: number;
  descriptionId: string;
  onRetry: () => void;
}) {
  if (state.kind === 'loading')
    return (
      <p className="estimate-note muted" data-testid="estimate-note" data-state="loading">
        Estimating the true shares…
      </p>
    );
  if (state.kind === 'none')
    return (
      <p className="estimate-note muted" data-testid="estimate-note" data-state="none">
        {noEstimateNote(modelName, inScope)}
      </p>
    );
  if (state.kind === 'error')
    return (
      <p className="estimate-note muted" data-testid="estimate-note" data-state="error">
        No estimated shares this time ({state.message}); the counts above stand.{' '}
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      </p>
    );
  const e = state.estimates;
  const level = `${Math.round(e.level * 100)}\u00a0%`;
  return (
    <div className="estimate-legend" data-testid="estimate-legend" data-state="ready">
      <ul className="estimate-keys">
        <li>
          {chart === 'bars' ? <span className="bar-glyph" aria-hidden /> : <span className="key-text">Share</span>}
          <span>
            counted share, of the {fmtInt(counted)} counted {counted === 1 ? 'prediction' : 'predictions'}
          </span>
        </li>
        <li>
          {chart === 'bars' ? <IntervalGlyph /> : <span className="key-text">est.</span>}
          <span>
            estimated true share with its {level} interval, of the {fmtInt(e.inScope)} in scope
          </span>
        </li>
      </ul>
      <details className="estimate-how">
        <summary>How it is estimated</summary>
        <div id={descriptionId}>
          <p>{estimateExplanation(modelName, e)}</p>
          <p>{e.description}</p>
        </div>
      </details>
    </div>
  );
}
