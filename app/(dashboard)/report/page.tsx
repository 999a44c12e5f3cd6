import type { Metadata } from 'next';
import Link from 'next/link';
import { BreakdownBars } from '@/components/charts/breakdown-bars';
import { IntervalGlyph } from '@/components/charts/estimate-interval';
import { HeatmapTable } from '@/components/charts/heatmap-table';
import { TrendChart } from '@/components/charts/trend-chart';
import { chartParamsOf, resolveChartChoices } from '@/components/dashboard/chart-params';
import { modelTitle } from '@/components/dashboard/dimensions';
import { activeChips, rangeTitle } from '@/components/dashboard/filter-edits';
import { fmtDateTime, fmtInt, fmtRange } from '@/components/dashboard/format';
import { scopeWarning, shouldWarn } from '@/components/dashboard/prediction-text';
import { BreakdownTable, KpiTable, TrendTable } from '@/components/dashboard/report-tables';
import { PrintButton } from '@/components/report/print-button';
import { db } from '@/lib/db';
import { filtersToSearchParams, safeParseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getBreakdown } from '@/lib/server/analytics/get-breakdown';
import { getCrossTab } from '@/lib/server/analytics/get-cross-tab';
import { getFilterOptions } from '@/lib/server/analytics/get-filter-options';
import { getKpis } from '@/lib/server/analytics/get-kpis';
import { getScopeSummary } from '@/lib/server/analytics/get-scope';
import { getTrend } from '@/lib/server/analytics/get-trend';
import type { Breakdown } from '@/lib/server/analytics/types';
import { getDashboardLayout } from '@/lib/server/dashboard/layout';

export const metadata: Metadata = { title: 'Report' };
export const dynamic = 'force-dynamic';

const CHART_WIDTH = 360;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function BreakdownFigure({ b, title, bars, minScore, warnAt }: { b: Breakdown; title: string; bars?: number | undefined; minScore: number | null; warnAt: number }) {
  const isModel = b.modelId !== null;
  const buckets = isModel
    ? [
        { bucket: 'uncertain' as const, count: b.uncertain },
        { bucket: 'out_of_scope' as const, count: b.outOfScope },
      ]
    : [];
  return (
    <figure className="report-figure">
      <h3>{title}</h3>
      {isModel && shouldWarn(b.outOfScope, b.total, warnAt) ? <p className="scope-warning">{scopeWarning(b.name, b.outOfScope, b.total)}: their predictions count as Out of scope, under no label.</p> : null}
      <div className="report-figure-body">
        <div className="report-chart">
          {b.total > 0 ? (
            <BreakdownBars
              data={bars ? b.labels.slice(0, bars) : b.labels}
              buckets={buckets}
              total={b.total}
              counted={isModel ? b.total - b.uncertain - b.outOfScope : undefined}
              selected={[]}
              width={CHART_WIDTH}
              yAxisWidth={128}
              // the intervals on the chart, their figures in the table beside it
              estimates={isModel ? (b.estimates ?? undefined) : undefined}
              estimateLabels="none"
            />
          ) : (
            <p className="muted">No transcripts.</p>
          )}
          {isModel && b.estimates && b.total > 0 ? (
            <p className="estimate-keys muted report-note">
              <IntervalGlyph /> estimated true share with its {Math.round(b.estimates.level * 100)}&nbsp;% interval, times the {fmtInt(b.estimates.inScope)} in-scope transcripts
            </p>
          ) : null}
        </div>
        <BreakdownTable breakdown={b} title={title} minScore={minScore} />
      </div>
    </figure>
  );
}

// A printable summary of exactly the filters (and chart choices) in the URL,
// laid out like the workspace's overview: everything is fetched here on the
// server, so the page is complete before the browser prints it.
export default async function ReportPage({ searchParams }: Props) {
  const sp = await searchParams;
  const { filters, error } = safeParseDashboardFilters(sp);
  const { layout } = await getDashboardLayout(db);
  const choices = resolveChartChoices(sp, layout, filters);
  const [options, kpis, breakdowns, trend, crossTab, scope] = await Promise.all([
    getFilterOptions(db),
    getKpis(db, filters, layout),
    // with the estimated true shares (issue 13): the report waits for them, a card on the overview does not
    Promise.all(layout.breakdowns.map((b) => getBreakdown(db, filters, { dimension: b.dimension, estimates: true }))),
    choices.trend !== null ? getTrend(db, filters, { modelId: choices.trend, interval: choices.interval }) : null,
    choices.rows !== null && choices.cols !== null ? getCrossTab(db, filters, { rows: choices.rows, cols: choices.cols }) : null,
    getScopeSummary(db, filters),
  ]);
  const warned = scope.models.filter((m) => m.warn);
  const modelName = (id: number) => modelTitle(options, id);
  const importName = (id: string) => options.imports.find((i) => i.id === id)?.fileName ?? id;
  const chips = activeChips(filters, modelName, importName).filter((c) => c.key !== 'range');
  const back = filtersToSearchParams(filters);
  const urlParams = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) urlParams.append(k, x);
  for (const [k, v] of chartParamsOf(urlParams)) back.set(k, v);
  const query = back.toString();

  return (
    <article className="report">
      <div className="report-actions no-print">
        <Link href={query ? `/?${query}` : '/?range=30d'}>← Overview</Link>
        <PrintButton />
      </div>
      <header className="report-head">
        <div className="brand-line">
          <span className="brand-mark" aria-hidden /> Callsight
        </div>
        <h1>Contact-centre report</h1>
        <p className="lead">
          {rangeTitle(filters)}
          {filters.range !== 'custom' && filters.from ? ` (${fmtRange(filters.from, filters.to)})` : ''} · {fmtInt(kpis.transcripts.value ?? 0)} transcripts
        </p>
        <p className="report-filters">
          {chips.length ? `Filters: ${chips.map((c) => c.text).join(' · ')}` : 'No filters beyond the date range.'}
          {error ? ' Some filters in the link were not valid and were left out.' : ''}
        </p>
        <p className="muted report-generated">Generated {fmtDateTime(new Date().toISOString())}</p>
        {warned.length ? (
          <div className="scope-banner">
            <p>
              <strong>Unlike the training data.</strong> {warned.map((m) => `${scopeWarning(m.name, m.outOfScope, m.total)} (${fmtInt(m.outOfScope)} of ${fmtInt(m.total)})`).join('; ')}. Their predictions count as Out
              of scope, under no label.
            </p>
          </div>
        ) : null}
      </header>

      <section className="report-section" aria-labelledby="r-kpis">
        <h2 id="r-kpis">Key figures</h2>
        <KpiTable kpis={kpis} modelName={modelName} />
        <p className="muted report-note">
          {kpis.previousPeriod ? `Previous period: ${fmtRange(kpis.previousPeriod.from, kpis.previousPeriod.to)}. Shares change in percentage points (pp).` : 'No previous period: the range has no start.'}
        </p>
        {crossTab ? (
          <>
            <h2 className="report-subhead">
              {crossTab.rowName} × {crossTab.colName}
            </h2>
            {crossTab.max > 0 ? <HeatmapTable crossTab={crossTab} caption={`Transcripts by ${crossTab.rowName} and ${crossTab.colName}`} /> : <p className="muted">No transcripts.</p>}
          </>
        ) : null}
      </section>

      {breakdowns.length ? (
        <section className="report-section" aria-labelledby="r-breakdowns">
          <h2 id="r-breakdowns">Breakdowns</h2>
          {breakdowns.map((b, i) => {
            const card = layout.breakdowns[i];
            return <BreakdownFigure key={`${i}:${b.dimension}`} b={b} title={card?.title ?? b.name} bars={card?.limit} minScore={filters.minScore} warnAt={scope.warnAt} />;
          })}
        </section>
      ) : null}

      {trend ? (
        <section className="report-section" aria-labelledby="r-trend">
          <h2 id="r-trend">
            {trend.modelName} {trend.interval === 'week' ? 'by week' : 'by day'}
          </h2>
          <figure className="report-figure">{trend.points.some((p) => p.total > 0) ? <TrendChart trend={trend} width={680} height={240} /> : <p className="muted">No transcripts.</p>}</figure>
          <TrendTable trend={trend} />
        </section>
      ) : null}
    </article>
  );
}
