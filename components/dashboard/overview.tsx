'use client';

import Link from 'next/link';
import { useId, useRef, useState } from 'react';
import { useCan } from '@/components/auth/permissions-context';
import { filtersToSearchParams } from '@/lib/schemas/dashboard-filters';
import type { TDashboardLayout } from '@/lib/schemas/dashboard-layout';
import { BreakdownCard } from './breakdown-card';
import { CrossTabCard } from './cross-tab-card';
import { withOnlyBucket } from './filter-edits';
import { fmtInt } from './format';
import { KpiCards } from './kpi-cards';
import { LayoutEditor, type EditorFocus } from './layout-editor';
import { useCardPending } from './pending';
import { scopeWarning } from './prediction-text';
import { useKpis, useScope } from './queries';
import { BarsSkeleton, EmptyState, ErrorState } from './states';
import { TrendCard } from './trend-card';
import { dashboardHref, useDashboardFilters } from './use-dashboard-filters';
import { useDashboardLayout } from './use-layout';

/** A layout with nothing but volume figures: a new workspace, before anyone chose its cards. */
export const isBareLayout = (l: TDashboardLayout) => l.breakdowns.length === 0 && l.trend.models.length === 0 && l.cross_tab === null && l.kpis.every((k) => k.kind === 'volume');

/** The overview as the workspace's layout defines it, every figure from the filters in the URL; admins edit the layout here. */
export function Overview() {
  const { query } = useDashboardFilters();
  const layoutQuery = useDashboardLayout();
  const kpis = useKpis(query);
  const kpiPending = useCardPending(null, kpis.isPlaceholderData, kpis.isFetching);
  const isAdmin = useCan('admin');
  const [editing, setEditing] = useState<EditorFocus | null>(null);
  const [saved, setSaved] = useState(false);
  const customize = useRef<HTMLButtonElement>(null);
  const layout = layoutQuery.data?.layout;

  if (!layout) {
    if (layoutQuery.isError) return <ErrorState error={layoutQuery.error} onRetry={() => void layoutQuery.refetch()} />;
    return <OverviewSkeleton />;
  }

  const open = (focus: EditorFocus) => {
    setSaved(false);
    setEditing(focus);
  };
  const close = (didSave: boolean) => {
    setEditing(null);
    setSaved(didSave);
    // back where the person started
    requestAnimationFrame(() => customize.current?.focus());
  };
  const bare = isBareLayout(layout);
  const none = kpis.data?.transcripts.value === 0;

  return (
    <>
      {isAdmin ? (
        <div className="overview-tools">
          {saved ? (
            <span className="muted" role="status">
              Overview saved.
            </span>
          ) : null}
          <button ref={customize} type="button" className="button secondary" aria-expanded={editing !== null} aria-controls="layout-editor" onClick={() => (editing ? close(false) : open('heading'))}>
            Customize overview
          </button>
        </div>
      ) : null}
      {editing && isAdmin ? <LayoutEditor layout={layout} focus={editing} onClose={close} /> : null}
      {none ? <EmptyState /> : null}
      <ScopeBanner />
      <KpiCards cards={layout.kpis} kpis={kpis.data} pending={kpiPending.pendingProps} />
      {bare ? (
        <div className="bare-layout card">
          {isAdmin ? (
            <>
              <p className="empty-title">This overview has no charts yet</p>
              <p className="muted">Choose what it shows: a breakdown of any model or metadata column, KPI cards, a trend and a cross-tab.</p>
              {editing ? null : (
                <button type="button" className="button" onClick={() => open('breakdown')}>
                  Add a card
                </button>
              )}
            </>
          ) : (
            <p className="muted">An admin chooses the overview&apos;s cards; until then it shows the volume only. The transcripts page lists every transcript.</p>
          )}
        </div>
      ) : null}
      {layout.breakdowns.length ? (
        <div className="grid charts">
          {layout.breakdowns.map((b, i) => (
            <BreakdownCard key={`${i}:${b.dimension}`} card={b} />
          ))}
        </div>
      ) : null}
      {layout.trend.models.length ? <TrendCard layout={layout} /> : null}
      {layout.cross_tab ? <CrossTabCard layout={layout} /> : null}
    </>
  );
}

/**
 * The overview's warning when the filtered transcripts look unlike what a
 * model learned from: its figures then say little about them. One line a
 * model that warns, each a link to its out-of-scope transcripts.
 */
function ScopeBanner() {
  const { filters, query } = useDashboardFilters();
  const scope = useScope(query);
  const { pendingProps } = useCardPending(null, scope.isPlaceholderData, scope.isFetching);
  const headingId = useId();
  const warned = scope.data?.models.filter((m) => m.warn) ?? [];
  if (!warned.length) return null;
  return (
    <section className="scope-banner" aria-labelledby={headingId} {...pendingProps}>
      <h2 id={headingId}>Unlike the training data</h2>
      <ul>
        {warned.map((m) => (
          <li key={m.modelId}>
            <Link href={dashboardHref('/transcripts', filtersToSearchParams(withOnlyBucket(filters, m.modelId, 'out_of_scope')))}>{scopeWarning(m.name, m.outOfScope, m.total)}</Link>{' '}
            <span className="scope-count">
              ({fmtInt(m.outOfScope)} of {fmtInt(m.total)})
            </span>
          </li>
        ))}
      </ul>
      <p>
        Their predictions count as Out of scope: no label&apos;s count or share includes them. Read a few before relying on these figures, and train the model on transcripts like
        them if they belong to your business.
      </p>
    </section>
  );
}

function OverviewSkeleton() {
  return (
    <div aria-busy="true">
      <section className="grid kpis kpis-auto" aria-hidden>
        {[0, 1, 2, 3].map((i) => (
          <div className="card kpi" key={i}>
            <span className="skeleton" style={{ width: '40%' }} />
            <span className="skeleton" style={{ width: '60%', height: 28, marginTop: 8 }} />
          </div>
        ))}
      </section>
      <div className="grid charts" aria-hidden>
        {[0, 1].map((i) => (
          <div className="card chart-card" key={i}>
            <span className="skeleton" style={{ width: '30%' }} />
            <BarsSkeleton />
          </div>
        ))}
      </div>
    </div>
  );
}
