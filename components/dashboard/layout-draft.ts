import type { TBreakdownCard, TDashboardLayout, TKpiCard } from '@/lib/schemas/dashboard-layout';

// The layout editor's working copy: the layout's lists with a stable key per
// item (so reordering keeps focus and per-item errors on the right row), and
// the pure edits the editor makes. Saved as a plain layout document.

export interface Keyed<T> {
  key: string;
  value: T;
}

export interface LayoutDraft {
  kpis: Keyed<TKpiCard>[];
  breakdowns: Keyed<TBreakdownCard>[];
  trend: Keyed<number>[];
  crossTab: { enabled: boolean; rows: string; cols: string };
  filters: Keyed<string>[];
  columns: Keyed<string>[];
}

export type ListSection = 'kpis' | 'breakdowns' | 'trend' | 'filters' | 'columns';
export type DraftSection = ListSection | 'cross_tab';

let seq = 0;
export const keyed = <T>(value: T): Keyed<T> => ({ key: `i${++seq}`, value });

export function draftOf(layout: TDashboardLayout): LayoutDraft {
  return {
    kpis: layout.kpis.map(keyed),
    breakdowns: layout.breakdowns.map(keyed),
    trend: layout.trend.models.map(keyed),
    crossTab: layout.cross_tab ? { enabled: true, rows: layout.cross_tab.rows, cols: layout.cross_tab.cols } : { enabled: false, rows: '', cols: '' },
    filters: layout.filters.map(keyed),
    columns: layout.columns.map(keyed),
  };
}

export function layoutOf(d: LayoutDraft): TDashboardLayout {
  const values = <T>(xs: Keyed<T>[]) => xs.map((x) => x.value);
  return {
    kpis: values(d.kpis),
    breakdowns: values(d.breakdowns),
    trend: { models: values(d.trend) },
    cross_tab: d.crossTab.enabled ? { rows: d.crossTab.rows, cols: d.crossTab.cols } : null,
    filters: values(d.filters),
    columns: values(d.columns),
  };
}

/** The list with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const [item] = out.splice(from, 1);
  const at = Math.max(0, Math.min(to, out.length));
  out.splice(at, 0, item as T);
  return out;
}

export const removeAt = <T>(list: readonly T[], i: number): T[] => list.filter((_, j) => j !== i);

/** A zod issue path in the API's notation: `breakdowns[2].dimension`, `kpis[1].labels[0]`. */
export function pathString(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out;
}

export interface PlacedErrors {
  /** item key → messages about that item */
  byKey: Record<string, string[]>;
  /** messages about a section as a whole (or an item no longer in it) */
  bySection: Partial<Record<DraftSection, string[]>>;
  /** anything else (the whole body) */
  other: string[];
}

export const NO_ERRORS: PlacedErrors = { byKey: {}, bySection: {}, other: [] };

const LIST_PATH = /^(kpis|breakdowns|filters|columns|trend\.models)\[(\d+)\](.*)$/;
const SECTION_PATH = /^(kpis|breakdowns|filters|columns|trend|cross_tab)(?=$|[.[])(.*)$/;

/**
 * The server's (or the schema's) `details` placed beside what they concern:
 * `breakdowns[2].dimension` on the third breakdown, `cross_tab.rows` on the
 * cross-tab, `(body)` above everything. Accepts `breakdowns.2.dimension` too.
 */
export function placeErrors(draft: LayoutDraft, details: readonly { path: string; message: string }[]): PlacedErrors {
  const out: PlacedErrors = { byKey: {}, bySection: {}, other: [] };
  const push = <K extends string>(rec: Partial<Record<K, string[]>>, k: K, m: string) => {
    (rec[k] ??= []).push(m);
  };
  for (const { path: raw, message } of details) {
    const path = raw.replace(/\.(\d+)(?=$|[.[])/g, '[$1]');
    const item = LIST_PATH.exec(path);
    if (item) {
      const section = (item[1] === 'trend.models' ? 'trend' : item[1]) as ListSection;
      const rest = (item[3] ?? '').replace(/^\./, '');
      const text = rest ? `${rest}: ${message}` : message;
      const target = draft[section][Number(item[2])];
      if (target) push(out.byKey, target.key, text);
      else push(out.bySection, section, text);
      continue;
    }
    const section = SECTION_PATH.exec(path);
    if (section) {
      const rest = (section[2] ?? '').replace(/^\./, '');
      push(out.bySection, section[1] as DraftSection, rest ? `${rest}: ${message}` : message);
      continue;
    }
    out.other.push(path && !path.startsWith('(') ? `${path}: ${message}` : message);
  }
  return out;
}

export const errorCount = (e: PlacedErrors) => Object.values(e.byKey).reduce((a, m) => a + m.length, 0) + Object.values(e.bySection).reduce((a, m) => a + (m?.length ?? 0), 0) + e.other.length;

/** A short title for a new share card: "Frustrated or Angry", cut to the schema's 60 characters. */
export function shareTitle(labels: readonly string[]): string {
  const t = labels.length <= 2 ? labels.join(' or ') : `${labels.slice(0, 2).join(', ')} +${labels.length - 2}`;
  return t.length > 60 ? `${t.slice(0, 59)}…` : t;
}
