'use client';

import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import type { PendingScope } from './pending';
import { useDashboardFilters } from './use-dashboard-filters';

/** A chart click: narrow the filters and open the drill-down with them; `card` shows it is on its way. */
export function useDrill(card: PendingScope) {
  const { filters, setFilters } = useDashboardFilters();
  return (edit: (f: TDashboardFilters) => TDashboardFilters) => setFilters(edit(filters), { path: '/transcripts', scope: card });
}
