import type { Breakdown, Kpis, Trend } from '@/lib/server/analytics/types';
import { BUCKET_TITLES } from './filter-edits';
import { fmtDay, fmtInt, fmtShare, share } from './format';
import { kpiDelta } from './kpi-delta';
import { labelsPhrase, MISSING_MODEL_TEXT } from './kpi-text';
import { estimateExplanation, estimateFor, evaluationPhrase, fmtEstimate, noEstimateNote, uncertainNote } from './prediction-text';

// The printable report's tables: every figure of the charts as text, so the
// printout reads without colour and a screen reader gets the numbers.

/** The layout's KPI cards, this period against the previous one. */
export function KpiTable({ kpis, modelName }: { kpis: Kpis; modelName: (id: number) => string }) {
  const rows = kpis.cards.map((r) => {
    const card = r.card;
    const kind = r.format;
    const fmt = (v: number | null) => (v === null ? '–' : kind === 'count' ? fmtInt(v) : fmtShare(v));
    const d = kpiDelta(kind, r.value, card.kind === 'share' ? card.up_is : 'neutral');
    const what =
      card.kind === 'volume' ? card.title : card.kind === 'share' ? `${card.title} (${modelName(card.model_id)}: ${labelsPhrase(card.labels)})` : `${card.title}: ${r.label ?? '–'} (${modelName(card.model_id)})`;
    return {
      name: r.missingModel ? `${card.title}: ${MISSING_MODEL_TEXT.toLowerCase()}` : what,
      now: r.missingModel ? '–' : fmt(r.value.value),
      before: r.missingModel ? '–' : fmt(r.value.previous),
      change: !r.missingModel && d ? `${d.arrow} ${d.text}`.trim() : '–',
    };
  });
  if (!kpis.cards.some((r) => r.card.kind === 'volume')) {
    const d = kpiDelta('count', kpis.transcripts, 'neutral');
    rows.unshift({
      name: 'Transcripts',
      now: fmtInt(kpis.transcripts.value ?? 0),
      before: kpis.transcripts.previous === null ? '–' : fmtInt(kpis.transcripts.previous),
      change: d ? `${d.arrow} ${d.text}`.trim() : '–',
    });
  }
  return (
    <table className="data report-table">
      <thead>
        <tr>
          <th>Figure</th>
          <th className="num">This period</th>
          <th className="num">Previous period</th>
          <th className="num">Change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${i}:${r.name}`}>
            <td>{r.name}</td>
            <td className="num">{r.now}</td>
            <td className="num">{r.before}</td>
            <td className="num">{r.change}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A breakdown's figures: each label with its count and its share of the
 * counted predictions, then a model's Uncertain and Out of scope rows (their
 * share is of all), the threshold in force and the model's measured accuracy
 * in the caption. A model's table has the estimated true share of each label
 * with its interval too (when `breakdown.estimates` was asked for), and says in
 * the caption how it was computed.
 */
export function BreakdownTable({ breakdown: b, title, minScore }: { breakdown: Breakdown; title: string; minScore: number | null }) {
  const isModel = b.modelId !== null;
  const counted = isModel ? b.total - b.uncertain - b.outOfScope : b.total;
  const buckets = isModel
    ? ([
        ['uncertain', b.uncertain],
        ['out_of_scope', b.outOfScope],
      ] as const)
    : [];
  const threshold = isModel ? uncertainNote({ threshold: b.threshold, minScore }) : null;
  // the column shows when the estimates were asked for (undefined: they were not)
  const withEstimates = isModel && b.estimates !== undefined;
  const est = b.estimates ?? null;
  const level = Math.round((est?.level ?? 0.9) * 100);
  const estimateNote = !withEstimates ? null : est ? estimateExplanation(b.name, est) : noEstimateNote(b.name, b.total - b.outOfScope);
  return (
    <table className="data report-table compact">
      {isModel ? (
        <caption className="report-caption">
          {threshold} {b.uncertain + b.outOfScope > 0 ? `Label shares are of the ${fmtInt(counted)} counted predictions; Uncertain and Out of scope shares of all ${fmtInt(b.total)}.` : ''}{' '}
          {evaluationPhrase(b.evaluation)}
          {estimateNote ? ` ${estimateNote}` : ''}
        </caption>
      ) : null}
      <thead>
        <tr>
          <th>{title}</th>
          <th className="num">Transcripts</th>
          <th className="num">Share</th>
          {withEstimates ? <th className="num">Estimated share ({level}&nbsp;% interval)</th> : null}
        </tr>
      </thead>
      <tbody>
        {b.labels.map((l) => (
          <tr key={l.label}>
            <td>{l.label}</td>
            <td className="num">{fmtInt(l.count)}</td>
            <td className="num">{fmtShare(share(l.count, counted))}</td>
            {withEstimates ? <EstimateCell estimate={estimateFor(est, l.label)} /> : null}
          </tr>
        ))}
        {buckets.map(([bucket, n]) =>
          n > 0 ? (
            <tr key={bucket} className="bucket-row">
              <td className="muted">
                <span className={`swatch bucket-${bucket}`} aria-hidden /> {BUCKET_TITLES[bucket]} {bucket === 'uncertain' ? '(below the threshold)' : '(unlike the training data)'}
              </td>
              <td className="num muted">{fmtInt(n)}</td>
              <td className="num muted">{fmtShare(share(n, b.total))} of all</td>
              {withEstimates ? <td className="num muted">–</td> : null}
            </tr>
          ) : null,
        )}
      </tbody>
    </table>
  );
}

function EstimateCell({ estimate }: { estimate: Parameters<typeof fmtEstimate>[0] | undefined }) {
  return <td className="num estimate-cell">{estimate ? fmtEstimate(estimate) : '–'}</td>;
}

export function TrendTable({ trend }: { trend: Trend }) {
  return (
    <table className="data report-table compact">
      <thead>
        <tr>
          <th>{trend.interval === 'week' ? 'Week of' : 'Day'}</th>
          {trend.labels.map((l) => (
            <th key={l} className="num">
              {l}
            </th>
          ))}
          <th className="num">Total</th>
        </tr>
      </thead>
      <tbody>
        {trend.points.map((p) => (
          <tr key={p.period}>
            <td>{fmtDay(p.period)}</td>
            {trend.labels.map((l) => (
              <td key={l} className="num">
                {fmtInt(p.counts[l] ?? 0)}
              </td>
            ))}
            <td className="num">{fmtInt(p.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
