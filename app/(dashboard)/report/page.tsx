import type { Metadata } from 'next';
import Link from 'next/link';
import { BreakdownBars } from '@/components/charts/breakdown-bars';
import { HeatmapTable } from '@/components/charts/heatmap-table';
import { TrendChart } from '@/components/charts/trend-chart';
import { activeChips, rangeTitle } from '@/components/dashboard/filter-edits';
import { fmtDateTime, fmtInt, fmtRange } from '@/components/dashboard/format';
import { defaultInterval } from '@/components/dashboard/trend-interval';
import { PrintButton } from '@/components/report/print-button';
import { BreakdownTable, KpiTable, TrendTable } from '@/components/report/report-tables';
import { db } from '@/lib/db';
import { filtersToSearchParams, safeParseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getBreakdown } from '@/lib/server/analytics/get-breakdown';
import { getCrossTab } from '@/lib/server/analytics/get-cross-tab';
import { getFilterOptions } from '@/lib/server/analytics/get-filter-options';
import { getKpis } from '@/lib/server/analytics/get-kpis';
import { getTrend } from '@/lib/server/analytics/get-trend';
import { DASHBOARD_MODELS, type Breakdown } from '@/lib/server/analytics/types';

export const metadata: Metadata = { title: 'Report' };
export const dynamic = 'force-dynamic';

const CHART_WIDTH = 360;
const ROOT_CAUSE_BARS = 10;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function BreakdownFigure({ b, bars }: { b: Breakdown; bars?: number }) {
  return (
    <figure className="report-figure">
      <h3>{b.modelName}</h3>
      <div className="report-figure-body">
        <div className="report-chart">{b.total > 0 ? <BreakdownBars data={bars ? b.labels.slice(0, bars) : b.labels} total={b.total} selected={[]} width={CHART_WIDTH} yAxisWidth={128} /> : <p className="muted">No transcripts.</p>}</div>
        <BreakdownTable breakdown={b} />
      </div>
    </figure>
  );
}

// A printable summary of exactly the filters in the URL: everything is
// fetched here on the server, so the page is complete before the browser prints it.
export default async function ReportPage({ searchParams }: Props) {
  const { filters, error } = safeParseDashboardFilters(await searchParams);
  const interval = defaultInterval(filters.from, filters.to);
  const [options, kpis, product, issue, rootCause, sentiment, trend, crossTab] = await Promise.all([
    getFilterOptions(db),
    getKpis(db, filters),
    getBreakdown(db, filters, { modelId: DASHBOARD_MODELS.product }),
    getBreakdown(db, filters, { modelId: DASHBOARD_MODELS.issueType }),
    getBreakdown(db, filters, { modelId: DASHBOARD_MODELS.rootCause }),
    getBreakdown(db, filters, { modelId: DASHBOARD_MODELS.sentiment }),
    getTrend(db, filters, { modelId: DASHBOARD_MODELS.sentiment, interval }),
    getCrossTab(db, filters, { rowModelId: DASHBOARD_MODELS.product, colModelId: DASHBOARD_MODELS.issueType }),
  ]);
  const modelName = (id: number) => options.models.find((m) => m.id === id)?.name ?? `Model ${id}`;
  const chips = activeChips(filters, modelName).filter((c) => c.key !== 'range');
  const query = filtersToSearchParams(filters).toString();

  return (
    <article className="report">
      <div className="report-actions no-print">
        <Link href={query ? `/?${query}` : '/'}>← Overview</Link>
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
      </header>

      <section className="report-section" aria-labelledby="r-kpis">
        <h2 id="r-kpis">Key figures</h2>
        <KpiTable kpis={kpis} />
        <p className="muted report-note">
          {kpis.previousPeriod ? `Previous period: ${fmtRange(kpis.previousPeriod.from, kpis.previousPeriod.to)}. Shares change in percentage points (pp).` : 'No previous period: the range has no start.'}
        </p>
        <h2 className="report-subhead">Product × Issue type</h2>
        {crossTab.max > 0 ? <HeatmapTable crossTab={crossTab} caption="Transcripts by product and issue type" /> : <p className="muted">No transcripts.</p>}
      </section>

      <section className="report-section" aria-labelledby="r-what">
        <h2 id="r-what">What customers contact us about</h2>
        <BreakdownFigure b={product} />
        <BreakdownFigure b={issue} />
      </section>

      <section className="report-section" aria-labelledby="r-why">
        <h2 id="r-why">Why they contact us</h2>
        <BreakdownFigure b={rootCause} bars={ROOT_CAUSE_BARS} />
      </section>

      <section className="report-section" aria-labelledby="r-feel">
        <h2 id="r-feel">How customers feel</h2>
        <BreakdownFigure b={sentiment} />
        <figure className="report-figure">
          <h3>Sentiment {trend.interval === 'week' ? 'by week' : 'by day'}</h3>
          {trend.points.some((p) => p.total > 0) ? <TrendChart trend={trend} width={680} height={240} /> : <p className="muted">No transcripts.</p>}
        </figure>
        <TrendTable trend={trend} />
      </section>
    </article>
  );
}
