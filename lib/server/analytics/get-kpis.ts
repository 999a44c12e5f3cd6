import 'server-only';
import type { Db } from '@/lib/db';
import { previousPeriod, type TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import type { TDashboardLayout, TKpiCard } from '@/lib/schemas/dashboard-layout';
import { getFactIndex, type FactIndex, type Selection } from './fact-index';
import { breakdownOf } from './get-breakdown';
import type { KpiResult, Kpis } from './types';

interface Figure {
  value: number | null;
  label: string | null;
  count: number;
  counted: number | null;
  missingModel: boolean;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * One card's figure over selected rows. Shares are of the predictions that
 * count (uncertain ones left out), like the breakdowns. `topLabel` fixes a
 * top card's label (the previous period is measured on the current period's
 * top label, so the change compares like with like).
 */
function figure(index: FactIndex, rows: Selection, card: TKpiCard, minScore: number | null, topLabel?: string | null): Figure {
  if (card.kind === 'volume') return { value: rows.length, label: null, count: rows.length, counted: null, missingModel: false };
  const missingModel = !index.meta.has(card.model_id);
  const b = breakdownOf(index, rows, card.model_id, minScore);
  const counted = b.total - b.uncertain - b.outOfScope;
  if (card.kind === 'share') {
    const part = b.labels.filter((l) => card.labels.includes(l.label)).reduce((a, l) => a + l.count, 0);
    return { value: share(part, counted), label: null, count: part, counted, missingModel };
  }
  const top = topLabel === undefined ? (b.labels[0]?.count ? b.labels[0] : null) : (b.labels.find((l) => l.label === topLabel) ?? null);
  return { value: share(top?.count ?? 0, counted), label: top?.label ?? null, count: top?.count ?? 0, counted, missingModel };
}

/** The layout's KPI cards for the filters, each with the same figure over the previous period of equal length. */
export async function getKpis(db: Db, filters: TDashboardFilters, layout: TDashboardLayout): Promise<Kpis> {
  const index = await getFactIndex(db);
  const rows = await index.select(filters);
  const prevPeriod = previousPeriod(filters);
  const prevRows = prevPeriod ? await index.select(filters, prevPeriod) : null;
  const cards: KpiResult[] = layout.kpis.map((card) => {
    const now = figure(index, rows, card, filters.minScore);
    const prev = prevRows ? figure(index, prevRows, card, filters.minScore, card.kind === 'top' ? now.label : undefined) : null;
    return {
      card,
      format: card.kind === 'volume' ? 'count' : 'share',
      value: { value: now.value, previous: prev ? prev.value : null },
      label: now.label,
      count: now.count,
      counted: now.counted,
      missingModel: now.missingModel,
    };
  });
  return {
    period: { from: filters.from, to: filters.to },
    previousPeriod: prevPeriod,
    transcripts: { value: rows.length, previous: prevRows ? prevRows.length : null },
    cards,
  };
}
