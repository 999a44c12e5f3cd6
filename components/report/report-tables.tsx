import { fmtDay, fmtInt, fmtShare, share } from '@/components/dashboard/format';
import { kpiDelta } from '@/components/dashboard/kpi-delta';
import type { Breakdown, Kpis, Trend } from '@/lib/server/analytics/types';

export function KpiTable({ kpis }: { kpis: Kpis }) {
  const rows: { name: string; now: string; before: string; change: string }[] = [];
  const change = (kind: 'count' | 'share', v: Kpis['transcripts']) => {
    const d = kpiDelta(kind, v, 'neutral');
    return d ? `${d.arrow} ${d.text}`.trim() : '–';
  };
  rows.push({ name: 'Transcripts', now: fmtInt(kpis.transcripts.value ?? 0), before: kpis.transcripts.previous === null ? '–' : fmtInt(kpis.transcripts.previous), change: change('count', kpis.transcripts) });
  rows.push({ name: 'Negative sentiment (Frustrated or Angry)', now: fmtShare(kpis.negativeShare.value), before: fmtShare(kpis.negativeShare.previous), change: change('share', kpis.negativeShare) });
  rows.push({ name: `Top issue: ${kpis.topIssue.label ?? '–'}`, now: fmtShare(kpis.topIssue.share.value), before: fmtShare(kpis.topIssue.share.previous), change: change('share', kpis.topIssue.share) });
  rows.push({ name: 'High churn risk', now: fmtShare(kpis.churnRiskShare.value), before: fmtShare(kpis.churnRiskShare.previous), change: change('share', kpis.churnRiskShare) });
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
        {rows.map((r) => (
          <tr key={r.name}>
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

export function BreakdownTable({ breakdown }: { breakdown: Breakdown }) {
  return (
    <table className="data report-table compact">
      <thead>
        <tr>
          <th>{breakdown.modelName}</th>
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
