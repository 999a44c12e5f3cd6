'use client';

import type { KpiValue, Kpis } from '@/lib/server/analytics/types';
import { fmtDayShort, fmtInt, fmtRange, fmtShare } from './format';
import { kpiDelta } from './kpi-delta';

function Delta({ kind, value, upIs, previousPeriod }: { kind: 'count' | 'share'; value: KpiValue; upIs: 'good' | 'bad' | 'neutral'; previousPeriod: Kpis['previousPeriod'] }) {
  if (!previousPeriod) return <div className="kpi-delta muted">no previous period</div>;
  const d = kpiDelta(kind, value, upIs);
  if (!d) return <div className="kpi-delta muted">no previous period</div>;
  const vs = `vs. ${fmtDayShort(previousPeriod.from)} – ${fmtDayShort(previousPeriod.to)}`;
  return (
    <div className="kpi-delta" title={`Previous period: ${kind === 'count' ? fmtInt(value.previous ?? 0) : fmtShare(value.previous)}`}>
      <span className={`delta ${d.tone}`}>
        {d.arrow ? <span aria-label={d.arrow === '▲' ? 'up' : 'down'}>{d.arrow}</span> : null} {d.text}
      </span>{' '}
      <span className="muted kpi-vs">{vs}</span>
    </div>
  );
}

const TITLES = ['Transcripts', 'Negative sentiment', 'Top issue', 'High churn risk'] as const;

export function KpiCards({ kpis, loading }: { kpis: Kpis | undefined; loading: boolean }) {
  if (!kpis) {
    return (
      <section className="grid kpis" aria-label="Key figures" aria-busy={loading}>
        {TITLES.map((t) => (
          <div className="card kpi" key={t}>
            <div className="kpi-label">{t}</div>
            <div className="kpi-value">
              <span className="skeleton" style={{ width: '60%', height: 28, display: 'inline-block' }} />
            </div>
            <div className="kpi-delta">
              <span className="skeleton" style={{ width: '80%', height: 12, display: 'inline-block' }} />
            </div>
          </div>
        ))}
      </section>
    );
  }
  const p = kpis.previousPeriod;
  return (
    <section className="grid kpis" aria-label="Key figures" aria-busy={loading}>
      <div className="card kpi">
        <div className="kpi-label">Transcripts</div>
        <div className="kpi-value" data-testid="kpi-transcripts">
          {fmtInt(kpis.transcripts.value ?? 0)}
        </div>
        <Delta kind="count" value={kpis.transcripts} upIs="neutral" previousPeriod={p} />
        <div className="kpi-sub">{fmtRange(kpis.period.from, kpis.period.to)}</div>
      </div>
      <div className="card kpi">
        <div className="kpi-label">Negative sentiment</div>
        <div className="kpi-value">{fmtShare(kpis.negativeShare.value)}</div>
        <Delta kind="share" value={kpis.negativeShare} upIs="bad" previousPeriod={p} />
        <div className="kpi-sub">Frustrated or Angry</div>
      </div>
      <div className="card kpi">
        <div className="kpi-label">Top issue</div>
        <div className="kpi-value kpi-text" title={kpis.topIssue.label ?? undefined}>
          {kpis.topIssue.label ?? '–'}
        </div>
        <Delta kind="share" value={kpis.topIssue.share} upIs="neutral" previousPeriod={p} />
        <div className="kpi-sub">{kpis.topIssue.label ? `${fmtInt(kpis.topIssue.count)} transcripts · ${fmtShare(kpis.topIssue.share.value)}` : 'no issue predictions'}</div>
      </div>
      <div className="card kpi">
        <div className="kpi-label">High churn risk</div>
        <div className="kpi-value">{fmtShare(kpis.churnRiskShare.value)}</div>
        <Delta kind="share" value={kpis.churnRiskShare} upIs="bad" previousPeriod={p} />
        <div className="kpi-sub">of transcripts scored for churn</div>
      </div>
    </section>
  );
}
