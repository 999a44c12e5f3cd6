'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useOptimistic } from 'react';
import type { TDashboardLayout } from '@/lib/schemas/dashboard-layout';
import { defaultChartChoices, resolveChartChoices, withChartChoices, type ChartChoices, type ChartParam } from './chart-params';
import { useNavigationTransition, type PendingScope } from './pending';
import { dashboardHref, useDashboardFilters } from './use-dashboard-filters';

/**
 * The trend's model and interval and the cross-tab's axes, as the URL holds
 * them (beside the filters, so a link or a saved view keeps them), over the
 * layout's defaults. A change shows on `card` until its figures arrive
 * (pending.tsx).
 */
export function useChartChoices(layout: TDashboardLayout | undefined, card: PendingScope) {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const { filters } = useDashboardFilters();
  const current = useMemo(() => resolveChartChoices(new URLSearchParams(searchParams.toString()), layout, filters), [searchParams, layout, filters]);
  const defaults = useMemo(() => defaultChartChoices(layout, filters), [layout, filters]);
  // the control shows the choice at once; the charts follow the URL
  const [choices, setOptimistic] = useOptimistic(current);
  const startNavigation = useNavigationTransition();

  const setChoices = useCallback(
    (patch: Partial<Record<ChartParam, string | null>>) => {
      const sp = withChartChoices(new URLSearchParams(searchParams.toString()), patch, defaults);
      const optimistic: ChartChoices = resolveChartChoices(sp, layout, filters);
      startNavigation(card, () => {
        setOptimistic(optimistic);
        router.push(dashboardHref(pathname, sp), { scroll: false });
      });
    },
    [searchParams, defaults, layout, filters, pathname, router, setOptimistic, startNavigation, card],
  );

  /** `choices` for the controls (may run ahead of the URL), `url` for fetching. */
  return { choices, url: current, setChoices };
}
