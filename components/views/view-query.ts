import { DEFAULT_RANGE, filtersToSearchParams, safeParseDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { CHART_PARAMS } from '@/lib/schemas/dashboard-layout';
import { VIEW_PATHS } from '@/lib/schemas/saved-views';

export type ViewPath = (typeof VIEW_PATHS)[number];

/** The drill-down's list params a view keeps (the page number is left out: page 7 of tomorrow's data means nothing). */
const LIST_PARAMS = ['size', 'sort', 'model', 'dir'] as const;

export const viewPathOf = (pathname: string): ViewPath | null => (VIEW_PATHS as readonly string[]).includes(pathname) ? (pathname as ViewPath) : null;

/**
 * What a saved view stores for a page: the canonical filters, then the
 * overview's chart choices or the drill-down's list params, as the URL holds
 * them. Invalid params are left out, as the page itself leaves them out.
 */
export function viewQueryOf(path: ViewPath, sp: URLSearchParams): string {
  const out = filtersToSearchParams(safeParseDashboardFilters(sp).filters);
  for (const k of path === '/' ? CHART_PARAMS : LIST_PARAMS) {
    const v = sp.get(k);
    if (v) out.set(k, v);
  }
  return out.toString();
}

/** Whether two links open the same thing: the same path and the same params in any order. */
export function sameHref(a: string, b: string): boolean {
  const norm = (h: string) => {
    const u = new URL(h, 'http://x');
    const sp = [...u.searchParams.entries()].filter(([k, v]) => !(k === 'range' && v === DEFAULT_RANGE)).sort(([a1, a2], [b1, b2]) => (a1 === b1 ? a2.localeCompare(b2) : a1.localeCompare(b1)));
    return `${u.pathname}?${new URLSearchParams(sp).toString()}`;
  };
  return norm(a) === norm(b);
}
