'use client';

import type { TKpiCard } from '@/lib/schemas/dashboard-layout';
import type { KpiResult, KpiValue, Kpis } from '@/lib/server/analytics/types';
import { fmtDayShort, fmtInt, fmtRange, fmtShare } from './format';
import { kpiDelta } from './kpi-delta';
import { labelsPhrase, MISSING_MODEL_TEXT } from './kpi-text';

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

/** The volume card when a layout lists no KPI card at all: the overview always says how many transcripts match. */
function volumeFallback(kpis: Kpis): KpiResult {
  return { card: { kind: 'volume', title: 'Transcripts' }, format: 'count', value: kpis.transcripts, label: null, count: kpis.transcripts.value ?? 0, counted: null, missingModel: false };
}

function KpiCard({ r, kpis, first }: { r: KpiResult; kpis: Kpis; first: boolean }) {
  const p = kpis.previousPeriod;
  const card = r.card;
  if (r.missingModel) {
    return (
      <div className="card kpi" data-missing>
        <div className="kpi-label">{card.title}</div>
        <div className="kpi-value">–</div>
        <div className="kpi-sub">{MISSING_MODEL_TEXT}.</div>
      </div>
    );
  }
  if (card.kind === 'volume') {
    return (
      <div className="card kpi">
        <div className="kpi-label">{card.title}</div>
        {/* the e2e suite reads the first volume figure */}
        <div className="kpi-value" data-testid={first ? 'kpi-transcripts' : undefined}>
          {fmtInt(r.value.value ?? 0)}
        </div>
        <Delta kind="count" value={r.value} upIs="neutral" previousPeriod={p} />
        <div className="kpi-sub">{fmtRange(kpis.period.from, kpis.period.to)}</div>
      </div>
    );
  }
  if (card.kind === 'share') {
    return (
      <div className="card kpi">
        <div className="kpi-label">{card.title}</div>
        <div className="kpi-value">{fmtShare(r.value.value)}</div>
        <Delta kind="share" value={r.value} upIs={card.up_is} previousPeriod={p} />
        <div className="kpi-sub" title={card.labels.join(', ')}>
          {labelsPhrase(card.labels)}
          {r.counted ? ` · ${fmtInt(r.count)} of ${fmtInt(r.counted)}` : ''}
        </div>
      </div>
    );
  }
  return (
    <div className="card kpi">
      <div className="kpi-label">{card.title}</div>
      <div className="kpi-value kpi-text" title={r.label ?? undefined}>
        {r.label ?? '–'}
      </div>
      <Delta kind="share" value={r.value} upIs="neutral" previousPeriod={p} />
      <div className="kpi-sub">{r.label ? `${fmtInt(r.count)} transcripts · ${fmtShare(r.value.value)}` : 'no counted predictions'}</div>
    </div>
  );
}

/**
 * The layout's KPI cards as the server computed them; while loading, skeletons titled like the cards to come.
 * `pending`: aria-busy, and data-pending while new figures are on their way (pending.tsx useCardPending).
 */
export function KpiCards({ cards, kpis, pending }: { cards: readonly TKpiCard[]; kpis: Kpis | undefined; pending: { 'aria-busy': boolean; 'data-pending'?: true } }) {
  if (!kpis) {
    const titles = cards.length ? cards.map((c) => c.title) : ['Transcripts'];
    return (
      <section className="grid kpis kpis-auto" aria-label="Key figures" {...pending}>
        {titles.map((t, i) => (
          <div className="card kpi" key={`${i}:${t}`}>
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
  const results = kpis.cards.length ? kpis.cards : [volumeFallback(kpis)];
  const firstVolume = results.findIndex((r) => r.card.kind === 'volume' && !r.missingModel);
  return (
    <section className="grid kpis kpis-auto" aria-label="Key figures" {...pending}>
      {results.map((r, i) => (
        <KpiCard key={`${i}:${r.card.kind}:${r.card.title}`} r={r} kpis={kpis} first={i === firstVolume} />
      ))}
    </section>
  );
}
