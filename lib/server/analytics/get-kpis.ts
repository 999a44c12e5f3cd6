import 'server-only';
import type { Db } from '@/lib/db';
import { previousPeriod, type TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { getFactIndex, type FactIndex, type Selection } from './fact-index';
import { breakdownOf } from './get-breakdown';
import { DASHBOARD_MODELS, HIGH_CHURN, NEGATIVE_SENTIMENTS, type Kpis } from './types';

interface Figures {
  transcripts: number;
  negativeShare: number | null;
  topIssue: { label: string | null; count: number; share: number | null };
  churnRiskShare: number | null;
}

function figures(index: FactIndex, rows: Selection, minScore: number | null, topIssueLabel?: string | null): Figures {
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const sentiment = breakdownOf(index, rows, DASHBOARD_MODELS.sentiment, minScore);
  const negative = sentiment.labels.filter((l) => (NEGATIVE_SENTIMENTS as readonly string[]).includes(l.label)).reduce((a, l) => a + l.count, 0);
  const issues = breakdownOf(index, rows, DASHBOARD_MODELS.issueType, minScore);
  // The previous period is measured on the current period's top issue, so the change compares like with like.
  const top = topIssueLabel === undefined ? (issues.labels[0]?.count ? issues.labels[0] : null) : issues.labels.find((l) => l.label === topIssueLabel) ?? null;
  const churn = breakdownOf(index, rows, DASHBOARD_MODELS.churnRisk, minScore);
  const high = churn.labels.find((l) => l.label === HIGH_CHURN)?.count ?? 0;
  return {
    transcripts: rows.length,
    // Shares are of the predictions that count (uncertain ones left out), like the breakdowns.
    negativeShare: share(negative, sentiment.total - sentiment.uncertain),
    topIssue: { label: top?.label ?? null, count: top?.count ?? 0, share: share(top?.count ?? 0, issues.total - issues.uncertain) },
    churnRiskShare: share(high, churn.total - churn.uncertain),
  };
}

/** The overview's key figures for the filters, each with the same figure over the previous period of equal length. */
export async function getKpis(db: Db, filters: TDashboardFilters): Promise<Kpis> {
  const index = await getFactIndex(db);
  const now = figures(index, await index.select(filters), filters.minScore);
  const prevPeriod = previousPeriod(filters);
  const prev = prevPeriod ? figures(index, await index.select(filters, prevPeriod), filters.minScore, now.topIssue.label) : null;
  return {
    period: { from: filters.from, to: filters.to },
    previousPeriod: prevPeriod,
    transcripts: { value: now.transcripts, previous: prev ? prev.transcripts : null },
    negativeShare: { value: now.negativeShare, previous: prev ? prev.negativeShare : null },
    topIssue: { label: now.topIssue.label, count: now.topIssue.count, share: { value: now.topIssue.share, previous: prev ? prev.topIssue.share : null } },
    churnRiskShare: { value: now.churnRiskShare, previous: prev ? prev.churnRiskShare : null },
  };
}
