'use client';

import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { useDashboardFilters } from './use-dashboard-filters';

/** A chart click: narrow the filters and open the drill-down with them. */
export function useDrill() {
  const { filters, setFilters } = useDashboardFilters();
  return (edit: (f: TDashboardFilters) => TDashboardFilters) => setFilters(edit(filters), { path: '/transcripts' });
}
