'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useOptimistic } from 'react';
import { DEFAULT_RANGE, filtersToSearchParams, safeParseDashboardFilters, type TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { CHART_PARAMS } from '@/lib/schemas/dashboard-layout';
import { useNavigationTransition, type PendingScope } from './pending';

/**
 * Params that survive a filter change on the same page: the drill-down's list
 * params (the page number does not: page 7 of another set means nothing) and
 * the overview's chart choices, so a saved view captures both.
 */
export const KEPT_LIST_PARAMS = ['size', 'sort', 'model', 'dir', ...CHART_PARAMS] as const;

export const hrefWithQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);

/**
 * A link within the dashboard. The overview without any param opens the
 * person's default view (app/(dashboard)/page.tsx), so an overview the person
 * cleared on purpose says `range=30d` (the default, which the parser reads as
 * no filter) rather than bouncing back into that view.
 */
export function dashboardHref(path: string, sp: URLSearchParams): string {
  if (path === '/' && sp.toString() === '') return `/?range=${DEFAULT_RANGE}`;
  return hrefWithQuery(path, sp.toString());
}

/**
 * The dashboard filters as the URL holds them: parsed once with the shared
 * parser, and written back with router.push so the back button walks through
 * filter changes. `query` is the canonical filter string of the URL: every
 * fetch, query key and export link uses it.
 */
export function useDashboardFilters() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const { filters: current, error } = useMemo(() => safeParseDashboardFilters(new URLSearchParams(searchParams.toString())), [searchParams]);
  const query = useMemo(() => filtersToSearchParams(current).toString(), [current]);
  // controls show the new value at once; the URL (and with it every fetch) follows when the navigation lands
  const [filters, setOptimistic] = useOptimistic(current);
  const startNavigation = useNavigationTransition();

  /**
   * `scope`: what waits for the answer on the overview (pending.tsx): every
   * figure by default; a chart click that opens the drill-down names its card.
   */
  const setFilters = useCallback(
    (next: TDashboardFilters, options: { path?: string; replace?: boolean; scope?: PendingScope } = {}) => {
      const sp = filtersToSearchParams(next);
      const path = options.path ?? pathname;
      if (path === pathname) {
        for (const k of KEPT_LIST_PARAMS) {
          const v = searchParams.get(k);
          if (v) sp.set(k, v);
        }
      }
      const href = dashboardHref(path, sp);
      startNavigation(options.scope ?? 'filters', () => {
        setOptimistic(next);
        if (options.replace) router.replace(href, { scroll: false });
        else router.push(href, { scroll: path !== pathname });
      });
    },
    [pathname, router, searchParams, setOptimistic, startNavigation],
  );

  /** `filters` may run ahead of the URL while a change navigates; `query` is always the URL's. */
  return { filters, query, error, setFilters };
}
