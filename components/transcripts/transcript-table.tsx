'use client';

import { usePopover } from '@/components/ui/use-popover';
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
import { BUCKET_TITLES } from '@/components/dashboard/filter-edits';
import { predictionState } from '@/components/dashboard/prediction-text';
import { EmptyState, ErrorState } from '@/components/dashboard/states';
import { hrefWithQuery, useDashboardFilters } from '@/components/dashboard/use-dashboard-filters';
import { useDashboardLayout } from '@/components/dashboard/use-layout';
import { parseDimension } from '@/lib/schemas/dashboard-layout';
import { PAGE_SIZES, type TTranscriptListParams } from '@/lib/schemas/transcript-list';
import type { TopPrediction, TranscriptRow } from '@/lib/server/analytics/types';
import { Highlight } from './highlight';
import { listSearchParams, safeParseListParams } from './list-params';

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature, columnVisibilityFeature });
const helper = createColumnHelper<typeof features, TranscriptRow>();
const NO_ROWS: TranscriptRow[] = [];
const VISIBILITY_KEY = 'callsight.transcripts.columns';
const DEFAULT_HIDDEN: ColumnVisibilityState = { agent: false, language: false };
const FIELDS = [
  { id: 'channel', title: 'Channel' },
  { id: 'queue', title: 'Queue' },
  { id: 'agent', title: 'Agent' },
  { id: 'language', title: 'Language' },
] as const;

/** A drill-down column the layout asks for: a model's top label, or an upload metadata column. */
type DataColumn = { kind: 'model'; id: string; modelId: number; title: string } | { kind: 'meta'; id: string; key: string; title: string };

const modelColumnId = (id: number) => `m${id}`;
/** A cell's class: `col-m42`, `col-time`; every metadata column `col-meta` (its key is user text). */
const colClass = (columnId: string) => (columnId.startsWith('meta.') ? 'col-meta' : `col-${columnId}`);
const modelOfColumn = (columnId: string): number | undefined => {
  const m = /^m(\d+)$/.exec(columnId);
  return m ? Number(m[1]) : undefined;
};

/**
 * The layout's columns (models and metadata keys, in its order); with none,
 * the models the page answer carries, so a fresh workspace still sees labels.
 */
function dataColumns(columns: readonly string[], fallbackModels: readonly number[], modelName: (id: number) => string): DataColumn[] {
  const out: DataColumn[] = [];
  for (const c of columns) {
    const d = parseDimension(c);
    if (d?.kind === 'model') out.push({ kind: 'model', id: modelColumnId(d.modelId), modelId: d.modelId, title: modelName(d.modelId) });
    else if (d?.kind === 'meta') out.push({ kind: 'meta', id: `meta.${d.key}`, key: d.key, title: d.key });
    // the built-in fields are always there as columns of their own
  }
  if (columns.length === 0) for (const id of fallbackModels) out.push({ kind: 'model', id: modelColumnId(id), modelId: id, title: modelName(id) });
  return out;
}

/**
 * A model's top prediction as the dashboard counts it: the label, or
 * Uncertain (below the threshold in force) or Out of scope (unlike its
 * training data), with the model's guess and score in muted text; a
 * person's correction always counts.
 */
function PredictionValue({ p, modelName }: { p: TopPrediction | undefined; modelName: string }) {
  if (!p) return <span className="muted">–</span>;
  const state = predictionState(p);
  if (state === 'counted' || state === 'corrected') {
    return (
      <span className="prediction" data-state={state} title={state === 'corrected' ? 'Corrected by a person' : undefined}>
        <span className="prediction-label">{p.label}</span>
        <span className="score">{state === 'corrected' ? 'corrected' : fmtScore(p.score)}</span>
      </span>
    );
  }
  const why =
    state === 'uncertain'
      ? `Below the confidence threshold in force: ${modelName}'s guess, ${p.label} at ${fmtScore(p.score)}, is not counted under any label`
      : `The text is unlike what ${modelName} was trained on: its guess, ${p.label} at ${fmtScore(p.score)}, is not counted under any label`;
  return (
    <span className="prediction" data-state={state} data-uncertain title={why}>
      <span className="prediction-label">{BUCKET_TITLES[state]}</span>
      <span className="score prediction-guess">
        <span className="sr-only">the model&apos;s guess: </span>
        {p.label}? {fmtScore(p.score)}
      </span>
    </span>
  );
}

function cellValue(row: TranscriptRow, c: DataColumn) {
  if (c.kind === 'model') return <PredictionValue p={row.predictions[c.modelId]} modelName={c.title} />;
  const v = row.metadata[c.key];
  return v ? <span className="meta-value">{v}</span> : <span className="muted">–</span>;
}

function buildColumns(data: DataColumn[], q: string | null, detailHref: (id: number) => string) {
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
        <Link href={detailHref(info.row.original.id)} className="excerpt" onClick={(e) => e.stopPropagation()}>
          <Highlight text={info.getValue()} query={q} />
        </Link>
      ),
    }),
    ...data.map((c) =>
      c.kind === 'model'
        ? helper.accessor((r) => r.predictions[c.modelId]?.score ?? null, {
            id: c.id,
            header: c.title,
            sortDescFirst: true,
            cell: (info) => cellValue(info.row.original, c),
          })
        : helper.accessor((r) => r.metadata[c.key] ?? null, {
            id: c.id,
            header: c.title,
            enableSorting: false,
            cell: (info) => cellValue(info.row.original, c),
          }),
    ),
    ...FIELDS.map((f) => helper.accessor(f.id, { id: f.id, header: f.title, enableSorting: false, cell: (i) => i.getValue() ?? '–' })),
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

/** The sort as one string for the phone's sort menu: "time:desc", "score:201:asc". */
const sortKey = (p: TTranscriptListParams) => (p.sort === 'score' && p.model !== undefined ? `score:${p.model}:${p.dir}` : `time:${p.dir}`);

/** The drill-down: one server page of the filtered transcripts; paging, sorting and filters all in the URL. A table on wide screens, cards on a phone. */
export function TranscriptTable() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const { filters, query } = useDashboardFilters();
  const list = useMemo(() => safeParseListParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const listQuery = listSearchParams(query, list).toString();
  const result = useTranscriptPage(listQuery);
  const options = useFilterOptions();
  const layout = useDashboardLayout();
  const page = result.data;
  // A text search during a bulk import sees only what is indexed so far: ask again every few seconds until it sees everything.
  const notSearchable = page?.notSearchable ?? 0;
  const { refetch } = result;
  useEffect(() => {
    if (!notSearchable) return;
    const timer = setInterval(() => void refetch(), 3000);
    return () => clearInterval(timer);
  }, [notSearchable, refetch]);

  const names = useMemo(() => {
    const m = new Map<number, string>();
    for (const x of options.data?.models ?? []) m.set(x.id, x.name);
    for (const x of page?.models ?? []) m.set(x.id, x.name);
    return m;
  }, [options.data, page?.models]);
  const modelName = (id: number) => names.get(id) ?? `Model ${id}`;
  // No columns until the layout is known (no flash of the wrong ones); a layout that cannot be read shows the page's own models.
  const layoutColumns = layout.isPending ? null : (layout.data?.layout.columns ?? []);
  const data = layoutColumns ? dataColumns(layoutColumns, (page?.models ?? []).map((m) => m.id), modelName) : [];
  const dataKey = data.map((c) => `${c.id}=${c.title}`).join('\n');
  const detailHref = (id: number) => hrefWithQuery(`/transcripts/${id}`, listQuery);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- columns change with the column list, the search words and the list query only
  const columns = useMemo(() => buildColumns(data, filters.q, detailHref), [dataKey, filters.q, listQuery]);

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
      const model = modelOfColumn(s.id);
      go({ ...list, page: 1, sort: model !== undefined ? 'score' : 'time', model, dir: s.desc ? 'desc' : 'asc' });
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
  const visible = (id: string) => columnVisibility[id] !== false;
  const sortModels = data.filter((c): c is Extract<DataColumn, { kind: 'model' }> => c.kind === 'model').map((c) => ({ id: c.modelId, title: c.title }));
  if (list.sort === 'score' && list.model !== undefined && !sortModels.some((m) => m.id === list.model)) sortModels.push({ id: list.model, title: modelName(list.model) });

  return (
    <section className="card table-card" aria-label="Transcripts" aria-busy={result.isFetching} data-stale={result.isPlaceholderData || undefined}>
      <div className="table-toolbar">
        <p className="table-count" aria-live="polite">
          {page ? (
            <>
              <strong data-testid="transcript-total">{fmtInt(total)}</strong> {total === 1 ? 'transcript' : 'transcripts'}
              {notSearchable > 0 ? (
                <span data-testid="search-pending">
                  {' '}
                  · Indexing for search… {fmtInt(notSearchable)} {notSearchable === 1 ? 'transcript' : 'transcripts'} not yet searchable
                </span>
              ) : null}
            </>
          ) : (
            <span className="skeleton" style={{ width: 120, display: 'inline-block' }} />
          )}
        </p>
        <div className="table-tools">
          <label className="sort-menu phone-only">
            <span className="sr-only">Sort</span>
            <select
              value={sortKey(list)}
              onChange={(e) => {
                const [kind, a, b] = e.target.value.split(':');
                if (kind === 'time') go({ ...list, page: 1, sort: 'time', model: undefined, dir: a === 'asc' ? 'asc' : 'desc' });
                else go({ ...list, page: 1, sort: 'score', model: Number(a), dir: b === 'asc' ? 'asc' : 'desc' });
              }}
            >
              <option value="time:desc">Newest first</option>
              <option value="time:asc">Oldest first</option>
              {sortModels.map((m) => [
                <option key={`${m.id}d`} value={`score:${m.id}:desc`}>
                  {m.title}: most confident first
                </option>,
                <option key={`${m.id}a`} value={`score:${m.id}:asc`}>
                  {m.title}: least confident first
                </option>,
              ])}
            </select>
          </label>
          <ColumnPicker
            columns={table
              .getAllLeafColumns()
              .filter((c) => c.getCanHide())
              .map((c) => ({ id: c.id, title: typeof c.columnDef.header === 'string' ? c.columnDef.header : c.id, visible: c.getIsVisible(), toggle: () => c.toggleVisibility() }))}
          />
        </div>
      </div>
      {result.isError && !page ? (
        <ErrorState error={result.error} onRetry={() => void result.refetch()} />
      ) : page && total === 0 ? (
        <EmptyState />
      ) : (
        <>
          <div className="table-scroll transcripts-wide">
            <table className="data transcripts">
              <thead>
                {table.getHeaderGroups().map((g) => (
                  <tr key={g.id}>
                    {g.headers.map((h) => {
                      const sorted = h.column.getIsSorted();
                      const title = String(h.column.columnDef.header);
                      const byScore = modelOfColumn(h.column.id) !== undefined;
                      return (
                        <th key={h.id} className={colClass(h.column.id)} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                          {h.column.getCanSort() ? (
                            <button
                              type="button"
                              className="sort-button"
                              onClick={h.column.getToggleSortingHandler()}
                              title={sortTitle(title, byScore, sorted)}
                            >
                              <span className="sort-head">
                                <table.FlexRender header={h} />
                                <span className="sort-mark" aria-hidden>
                                  {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                                </span>
                              </span>
                              {/* a model column sorts by the model's confidence, not by label: say so where it happens */}
                              {byScore && sorted ? <span className="sort-note">by confidence, {sorted === 'desc' ? 'highest' : 'lowest'} first</span> : null}
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
                          <td key={cell.id} className={colClass(cell.column.id)}>
                            <table.FlexRender cell={cell} />
                          </td>
                        ))}
                      </tr>
                    ))
                  : Array.from({ length: 8 }, (_, i) => (
                      <tr key={i} aria-hidden>
                        {table.getVisibleLeafColumns().map((c) => (
                          <td key={c.id} className={colClass(c.id)}>
                            <span className="skeleton" style={{ width: c.id === 'excerpt' ? '90%' : '70%' }} />
                          </td>
                        ))}
                      </tr>
                    ))}
              </tbody>
            </table>
          </div>
          <TranscriptCards rows={page?.rows ?? null} columns={data.filter((c) => visible(c.id))} fields={FIELDS.filter((f) => visible(f.id))} q={filters.q} detailHref={detailHref} />
        </>
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

function sortTitle(column: string, byScore: boolean, sorted: false | 'asc' | 'desc'): string {
  if (column === 'Time') return sorted === 'desc' ? 'Sorted newest first; click for oldest first' : sorted === 'asc' ? 'Sorted oldest first; click for newest first' : 'Sort by time';
  if (!byScore) return `Sort by ${column}`;
  if (sorted === 'desc') return `Sorted by ${column} confidence, highest first (not by label); click for lowest first`;
  if (sorted === 'asc') return `Sorted by ${column} confidence, lowest first (not by label); click for highest first`;
  return `Sort by ${column} confidence (how sure the model is), not by label`;
}

/** The phone's drill-down: one card a transcript, its labels under the excerpt (CSS shows it at 640 px and below, instead of the table). */
function TranscriptCards({
  rows,
  columns,
  fields,
  q,
  detailHref,
}: {
  rows: TranscriptRow[] | null;
  columns: DataColumn[];
  fields: readonly { id: 'channel' | 'queue' | 'agent' | 'language'; title: string }[];
  q: string | null;
  detailHref: (id: number) => string;
}) {
  if (!rows) {
    return (
      <ul className="transcript-cards transcripts-narrow" aria-hidden>
        {Array.from({ length: 4 }, (_, i) => (
          <li key={i} className="transcript-card">
            <span className="skeleton" style={{ width: 120 }} />
            <span className="skeleton" style={{ width: '95%' }} />
            <span className="skeleton" style={{ width: '60%' }} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul className="transcript-cards transcripts-narrow" aria-label="Transcripts on this page">
      {rows.map((r) => (
        <li key={r.id} className="transcript-card">
          <div className="transcript-card-head">
            <When iso={r.occurredAt} />
            {r.channel ? <span className="muted">{r.channel}</span> : null}
          </div>
          <Link href={detailHref(r.id)} className="excerpt card-link">
            <Highlight text={r.excerpt} query={q} />
          </Link>
          {columns.length || fields.length ? (
            <dl className="card-labels">
              {columns.map((c) => (
                <div key={c.id}>
                  <dt>{c.title}</dt>
                  <dd>{cellValue(r, c)}</dd>
                </div>
              ))}
              {fields
                .filter((f) => f.id !== 'channel' && r[f.id])
                .map((f) => (
                  <div key={f.id}>
                    <dt>{f.title}</dt>
                    <dd>{r[f.id]}</dd>
                  </div>
                ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Which columns show: a checkbox list behind a button; Escape or a click outside closes it, focus back on the button. */
function ColumnPicker({ columns }: { columns: { id: string; title: string; visible: boolean; toggle: () => void }[] }) {
  const { open, setOpen, root, button, id: popId } = usePopover();
  return (
    <div className="ms" ref={root}>
      <button ref={button} type="button" className="ms-button" aria-expanded={open} aria-controls={popId} onClick={() => setOpen((o) => !o)}>
        Columns
        <span className="ms-caret" aria-hidden>
          ▾
        </span>
      </button>
      {open ? (
        <div className="ms-pop right" id={popId} role="group" aria-label="Columns">
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
          <button
            type="button"
            className="ms-clear"
            onClick={() => {
              setOpen(false);
              button.current?.focus();
            }}
          >
            Done
          </button>
        </div>
      ) : null}
    </div>
  );
}
