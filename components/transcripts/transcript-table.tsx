'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import {
  columnVisibilityFeature,
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnVisibilityState,
  type PaginationState,
  type SortingState,
  functionalUpdate,
} from '@tanstack/react-table';
import { fmtDay, fmtInt, fmtScore } from '@/components/dashboard/format';
import { useFilterOptions, useTranscriptPage } from '@/components/dashboard/queries';
import { EmptyState, ErrorState } from '@/components/dashboard/states';
import { hrefWithQuery, useDashboardFilters } from '@/components/dashboard/use-dashboard-filters';
import { labelModels } from '@/components/dashboard/filter-bar';
import { PAGE_SIZES, type TTranscriptListParams } from '@/lib/schemas/transcript-list';
import type { DashboardModel, TranscriptRow } from '@/lib/server/analytics/types';
import { DASHBOARD_MODELS } from '@/lib/server/analytics/types';
import { Highlight } from './highlight';
import { listSearchParams, safeParseListParams } from './list-params';

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature, columnVisibilityFeature });
const helper = createColumnHelper<typeof features, TranscriptRow>();
const NO_ROWS: TranscriptRow[] = [];
const VISIBILITY_KEY = 'callsight.transcripts.columns';
const DEFAULT_HIDDEN: ColumnVisibilityState = { agent: false, language: false, [`m${DASHBOARD_MODELS.language}`]: false };

const modelColumnId = (id: number) => `m${id}`;

function buildColumns(models: DashboardModel[], q: string | null) {
  return helper.columns([
    helper.accessor('occurredAt', {
      id: 'time',
      header: 'Time',
      enableHiding: false,
      cell: (info) => <When iso={info.getValue()} />,
    }),
    helper.accessor('excerpt', {
      id: 'excerpt',
      header: 'Transcript',
      enableSorting: false,
      enableHiding: false,
      cell: (info) => (
        <Link href={`/transcripts/${info.row.original.id}`} className="excerpt" onClick={(e) => e.stopPropagation()}>
          <Highlight text={info.getValue()} query={q} />
        </Link>
      ),
    }),
    ...models.map((m) =>
      helper.accessor((r) => r.predictions[m.id]?.score ?? null, {
        id: modelColumnId(m.id),
        header: m.name,
        sortDescFirst: true,
        cell: (info) => {
          const p = info.row.original.predictions[m.id];
          if (!p) return <span className="muted">–</span>;
          return (
            <span className="prediction" data-uncertain={p.uncertain || undefined} title={p.uncertain ? 'Below the minimum confidence' : undefined}>
              <span className="prediction-label">{p.uncertain ? 'Uncertain' : p.label}</span>
              <span className="score">{p.corrected ? 'corrected' : p.uncertain ? `${p.label}? ${fmtScore(p.score)}` : fmtScore(p.score)}</span>
            </span>
          );
        },
      }),
    ),
    helper.accessor('channel', { id: 'channel', header: 'Channel', enableSorting: false, cell: (i) => i.getValue() ?? '–' }),
    helper.accessor('queue', { id: 'queue', header: 'Queue', enableSorting: false, cell: (i) => i.getValue() ?? '–' }),
    helper.accessor('agent', { id: 'agent', header: 'Agent', enableSorting: false, cell: (i) => i.getValue() ?? '–' }),
    helper.accessor('language', { id: 'language', header: 'Language', enableSorting: false, cell: (i) => i.getValue() ?? '–' }),
  ]);
}

function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} className="when">
      <span>{fmtDay(iso.slice(0, 10))}</span>
      <span className="muted">{iso.slice(11, 16)} UTC</span>
    </time>
  );
}

function sortingOf(p: TTranscriptListParams): SortingState {
  if (p.sort === 'score' && p.model !== undefined) return [{ id: modelColumnId(p.model), desc: p.dir === 'desc' }];
  return [{ id: 'time', desc: p.dir === 'desc' }];
}

/** The drill-down: one server page of the filtered transcripts; paging, sorting and filters all in the URL. */
export function TranscriptTable() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const { filters, query } = useDashboardFilters();
  const list = useMemo(() => safeParseListParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const listQuery = listSearchParams(query, list).toString();
  const result = useTranscriptPage(listQuery);
  const options = useFilterOptions();
  const page = result.data;

  const models = page?.models ?? labelModels(options.data);
  const modelKey = models.map((m) => m.id).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- columns change with the model ids and the search words only
  const columns = useMemo(() => buildColumns(models, filters.q), [modelKey, filters.q]);

  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>(DEFAULT_HIDDEN);
  useEffect(() => {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(VISIBILITY_KEY) ?? 'null');
      if (saved && typeof saved === 'object' && !Array.isArray(saved)) {
        const next: ColumnVisibilityState = { ...DEFAULT_HIDDEN };
        for (const [k, v] of Object.entries(saved)) if (typeof v === 'boolean') next[k] = v;
        setColumnVisibility(next);
      }
    } catch {
      // a broken saved choice only means the default columns
    }
  }, []);

  const go = (next: TTranscriptListParams) => router.push(hrefWithQuery('/transcripts', listSearchParams(query, next).toString()), { scroll: false });
  const sorting = sortingOf(list);
  const pagination: PaginationState = { pageIndex: list.page - 1, pageSize: list.size };

  const table = useTable({
    features,
    columns,
    data: page?.rows ?? NO_ROWS,
    rowCount: page?.total ?? 0,
    getRowId: (r) => String(r.id),
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, pagination, columnVisibility },
    onSortingChange: (u) => {
      const s = functionalUpdate(u, sorting)[0];
      if (!s) return;
      const model = s.id.startsWith('m') ? Number(s.id.slice(1)) : undefined;
      go({ ...list, page: 1, sort: model ? 'score' : 'time', model, dir: s.desc ? 'desc' : 'asc' });
    },
    onPaginationChange: (u) => {
      const p = functionalUpdate(u, pagination);
      const size = PAGE_SIZES.find((s) => s === p.pageSize) ?? list.size;
      go({ ...list, page: size === list.size ? p.pageIndex + 1 : 1, size });
    },
    onColumnVisibilityChange: (u) => {
      const next = functionalUpdate(u, columnVisibility);
      setColumnVisibility(next);
      localStorage.setItem(VISIBILITY_KEY, JSON.stringify(next));
    },
  });

  const total = page?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / list.size));
  const first = total === 0 ? 0 : (list.page - 1) * list.size + 1;
  const last = Math.min(total, list.page * list.size);
  const detailHref = (id: number) => hrefWithQuery(`/transcripts/${id}`, listQuery);

  return (
    <section className="card table-card" aria-label="Transcripts" aria-busy={result.isFetching} data-stale={result.isPlaceholderData || undefined}>
      <div className="table-toolbar">
        <p className="table-count" aria-live="polite">
          {page ? (
            <>
              <strong data-testid="transcript-total">{fmtInt(total)}</strong> {total === 1 ? 'transcript' : 'transcripts'}
            </>
          ) : (
            <span className="skeleton" style={{ width: 120, display: 'inline-block' }} />
          )}
        </p>
        <ColumnPicker
          columns={table
            .getAllLeafColumns()
            .filter((c) => c.getCanHide())
            .map((c) => ({ id: c.id, title: typeof c.columnDef.header === 'string' ? c.columnDef.header : c.id, visible: c.getIsVisible(), toggle: () => c.toggleVisibility() }))}
        />
      </div>
      {result.isError && !page ? (
        <ErrorState error={result.error} onRetry={() => void result.refetch()} />
      ) : page && total === 0 ? (
        <EmptyState />
      ) : (
        <div className="table-scroll">
          <table className="data transcripts">
            <thead>
              {table.getHeaderGroups().map((g) => (
                <tr key={g.id}>
                  {g.headers.map((h) => {
                    const sorted = h.column.getIsSorted();
                    return (
                      <th key={h.id} className={`col-${h.column.id}`} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                        {h.column.getCanSort() ? (
                          <button type="button" className="sort-button" onClick={h.column.getToggleSortingHandler()} title={h.column.id === 'time' ? 'Sort by time' : `Sort by ${String(h.column.columnDef.header)} score`}>
                            <table.FlexRender header={h} />
                            <span className="sort-mark" aria-hidden>
                              {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                            </span>
                          </button>
                        ) : (
                          <table.FlexRender header={h} />
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {page
                ? table.getRowModel().rows.map((row) => (
                    <tr key={row.id} className="clickable" onClick={() => router.push(detailHref(row.original.id))}>
                      {row.getVisibleCells().map((cell) => (
                        <td key={cell.id} className={`col-${cell.column.id}`}>
                          <table.FlexRender cell={cell} />
                        </td>
                      ))}
                    </tr>
                  ))
                : Array.from({ length: 8 }, (_, i) => (
                    <tr key={i} aria-hidden>
                      {table.getVisibleLeafColumns().map((c) => (
                        <td key={c.id} className={`col-${c.id}`}>
                          <span className="skeleton" style={{ width: c.id === 'excerpt' ? '90%' : '70%' }} />
                        </td>
                      ))}
                    </tr>
                  ))}
            </tbody>
          </table>
        </div>
      )}
      {page && total > 0 ? (
        <nav className="pager" aria-label="Pages">
          <label className="pager-size">
            Rows per page
            <select value={list.size} onChange={(e) => table.setPageSize(Number(e.target.value))} aria-label="Rows per page">
              {PAGE_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <span className="pager-range">
            {fmtInt(first)}–{fmtInt(last)} of {fmtInt(total)}
          </span>
          <div className="pager-buttons">
            <button type="button" className="button secondary" onClick={() => table.firstPage()} disabled={list.page <= 1} aria-label="First page">
              «
            </button>
            <button type="button" className="button secondary" onClick={() => table.previousPage()} disabled={list.page <= 1}>
              Previous
            </button>
            <span className="pager-page">
              Page {fmtInt(list.page)} of {fmtInt(pageCount)}
            </span>
            <button type="button" className="button secondary" onClick={() => table.nextPage()} disabled={list.page >= pageCount}>
              Next
            </button>
            <button type="button" className="button secondary" onClick={() => table.lastPage()} disabled={list.page >= pageCount} aria-label="Last page">
              »
            </button>
          </div>
        </nav>
      ) : null}
    </section>
  );
}

function ColumnPicker({ columns }: { columns: { id: string; title: string; visible: boolean; toggle: () => void }[] }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="ms">
      <button type="button" className="ms-button" aria-expanded={open} aria-controls="column-picker" onClick={() => setOpen((o) => !o)}>
        Columns
        <span className="ms-caret" aria-hidden>
          ▾
        </span>
      </button>
      {open ? (
        <div className="ms-pop right" id="column-picker" role="group" aria-label="Columns">
          <ul className="ms-list">
            {columns.map((c) => (
              <li key={c.id}>
                <label className="ms-option">
                  <input type="checkbox" checked={c.visible} onChange={c.toggle} />
                  <span className="ms-value">{c.title}</span>
                </label>
              </li>
            ))}
          </ul>
          <button type="button" className="ms-clear" onClick={() => setOpen(false)}>
            Done
          </button>
        </div>
      ) : null}
    </div>
  );
}
