import type { Breakdown, Kpis, Trend } from '@/lib/server/analytics/types';
import { fmtDay, fmtInt, fmtShare, share } from './format';
import { kpiDelta } from './kpi-delta';
import { labelsPhrase, MISSING_MODEL_TEXT } from './kpi-text';

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

export function BreakdownTable({ breakdown, title }: { breakdown: Breakdown; title: string }) {
  return (
    <table className="data report-table compact">
      <thead>
        <tr>
          <th>{title}</th>
          <th className="num">Transcripts</th>
          <th className="num">Share</th>
        </tr>
      </thead>
      <tbody>
        {breakdown.labels.map((l) => (
          <tr key={l.label}>
            <td>{l.label}</td>
            <td className="num">{fmtInt(l.count)}</td>
            <td className="num">{fmtShare(share(l.count, breakdown.total))}</td>
          </tr>
        ))}
        {breakdown.uncertain > 0 ? (
          <tr>
            <td className="muted">Uncertain (below the minimum confidence)</td>
            <td className="num muted">{fmtInt(breakdown.uncertain)}</td>
            <td className="num muted">{fmtShare(share(breakdown.uncertain, breakdown.total))}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
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
