'use client';

import { usePopover } from '@/components/ui/use-popover';
import { useEffect, useRef, useState } from 'react';
import { MultiSelect } from '@/components/ui/multi-select';
import { RANGE_PRESETS, type TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { parseDimension } from '@/lib/schemas/dashboard-layout';
import type { DashboardModel, FilterOptions } from '@/lib/server/analytics/types';
import { dimensionTitle } from './dimensions';
import { activeChips, clearedFilters, META_FIELDS, shownFilterDimensions, PRESET_TITLES, withDates, withMeta, withMetaValues, withMinScore, withModelLabels, withPreset, withSearch } from './filter-edits';
import { confidenceTitle } from './prediction-text';
import { useFilterOptions } from './queries';
import { useDashboardFilters } from './use-dashboard-filters';
import { useDashboardLayout } from './use-layout';

const MIN_SCORES = [0.5, 0.6, 0.7, 0.8, 0.9] as const;
const SEARCH_DELAY_MS = 400;

/** Every model with labels to filter by, in the filter options' order (the drill-down's columns use it too). */
export function labelModels(options: FilterOptions | undefined): DashboardModel[] {
  return options?.models ?? [];
}

/** Every filter of the dashboard, read from and written to the URL. Collapses behind a button on small screens. */
export function FilterBar() {
  const { filters, setFilters, error } = useDashboardFilters();
  const options = useFilterOptions();
  const layoutQuery = useDashboardLayout();
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<string[]>([]);
  const slots = useRef<HTMLDivElement>(null);
  const o = options.data;
  const modelName = (id: number) => o?.models.find((m) => m.id === id)?.name ?? `Model ${id}`;
  // a model named like a built-in field (the demo's Language) keeps the two buttons apart
  const filterName = (id: number) => {
    const n = modelName(id);
    return META_FIELDS.some((f) => f.title.toLowerCase() === n.toLowerCase()) ? `${n} (model)` : n;
  };
  const importName = (id: string) => o?.imports.find((i) => i.id === id)?.fileName ?? id;
  const chips = activeChips(filters, modelName, importName);
  const set = (next: TDashboardFilters) => setFilters(next);
  const shown = shownFilterDimensions(layoutQuery.data?.layout, filters, added);
  const more = [...(o?.models ?? []).map((m) => String(m.id)), ...(o?.meta ?? []).map((m) => `meta.${m.key}`)].filter((d) => !shown.includes(d));

  const addFilter = (dimension: string) => {
    setAdded((a) => [...a, dimension]);
    // open the new filter's list at once: choosing a key is only the first step
    requestAnimationFrame(() => slots.current?.querySelector<HTMLButtonElement>(`[data-filter="${CSS.escape(dimension)}"] .ms-button`)?.click());
  };

  return (
    <section className="filter-bar card" aria-label="Filters" data-open={open || undefined}>
      <div className="filter-head">
        <button type="button" className="filter-toggle" aria-expanded={open} aria-controls="filter-body" onClick={() => setOpen((v) => !v)}>
          Filters{chips.length ? <span className="ms-count">{chips.length}</span> : null}
          <span className="ms-caret" aria-hidden>
            ▾
          </span>
        </button>
      </div>
      <div className="filter-body" id="filter-body">
        <div className="filter-row">
          <div className="segmented" role="group" aria-label="Date range">
            {RANGE_PRESETS.map((r) => (
              <button key={r} type="button" aria-pressed={filters.range === r} onClick={() => set(withPreset(filters, r))}>
                {r === 'all' ? 'All' : PRESET_TITLES[r].replace(' days', 'd').replace('1 year', '1y')}
              </button>
            ))}
          </div>
          <div className="date-range">
            <label>
              <span>From</span>
              <input type="date" aria-label="From" value={filters.from ?? ''} max={filters.to ?? undefined} onChange={(e) => set(withDates(filters, e.target.value || null, filters.to, 'from'))} />
            </label>
            <label>
              <span>To</span>
              <input type="date" aria-label="To" value={filters.to ?? ''} min={filters.from ?? undefined} onChange={(e) => set(withDates(filters, filters.from, e.target.value || null, 'to'))} />
            </label>
          </div>
          <label className="min-score">
            <span>Confidence</span>
            {/* no `min` in the URL: each model's own threshold; "Any" (min=0) counts every prediction but the out-of-scope ones */}
            <select
              aria-label="Minimum confidence"
              title="Below this score a prediction counts as Uncertain, under no label"
              value={filters.minScore === null ? '' : String(filters.minScore)}
              onChange={(e) => set(withMinScore(filters, e.target.value === '' ? null : Number(e.target.value)))}
            >
              <option value="">{confidenceTitle(null)}</option>
              <option value="0">{confidenceTitle(0)}</option>
              {filters.minScore !== null && filters.minScore !== 0 && !MIN_SCORES.some((m) => m === filters.minScore) ? <option value={String(filters.minScore)}>{confidenceTitle(filters.minScore)}</option> : null}
              {MIN_SCORES.map((m) => (
                <option key={m} value={String(m)}>
                  {confidenceTitle(m)}
                </option>
              ))}
            </select>
          </label>
          <SearchBox value={filters.q ?? ''} onSearch={(q) => set(withSearch(filters, q))} />
        </div>
        <div className="filter-row filter-dimensions" ref={slots}>
          {shown.map((d) => {
            const p = parseDimension(d);
            if (p?.kind === 'model') {
              const m = o?.models.find((x) => x.id === p.modelId);
              return (
                <div className="filter-slot" data-filter={d} key={d}>
                  <MultiSelect
                    label={filterName(p.modelId)}
                    options={(m?.labels ?? []).map((value) => ({ value }))}
                    selected={filters.labels[p.modelId] ?? []}
                    onChange={(v) => set(withModelLabels(filters, p.modelId, v))}
                    disabled={!o}
                  />
                </div>
              );
            }
            if (p?.kind === 'meta') {
              const key = p.key;
              return (
                <div className="filter-slot" data-filter={d} key={d}>
                  <MultiSelect label={key} options={o?.meta.find((x) => x.key === key)?.values ?? []} selected={filters.meta[key] ?? []} onChange={(v) => set(withMetaValues(filters, key, v))} disabled={!o} />
                </div>
              );
            }
            return null;
          })}
          {shown.length ? <span className="filter-sep" aria-hidden /> : null}
          {META_FIELDS.map(({ field, title }) => (
            <MultiSelect key={field} label={title} options={o?.[field] ?? []} selected={filters[field]} onChange={(v) => set(withMeta(filters, field, v))} disabled={!o} />
          ))}
          {more.length ? <MoreFilters choices={more} options={o} onPick={addFilter} /> : null}
        </div>
      </div>
      {error ? (
        <p className="filter-error" role="alert">
          Some filters in this link were not valid and were left out: {error.issues.map((i) => `${i.path.join('.') || 'filters'}: ${i.message}`).join('; ')}.
        </p>
      ) : null}
      {chips.length > 0 ? (
        <ul className="chips" aria-label="Active filters">
          {chips.map((c) => (
            <li key={c.key}>
              <span className="chip">
                {c.text}
                <button type="button" aria-label={`Remove filter ${c.text}`} onClick={() => set(c.remove(filters))}>
                  ×
                </button>
              </span>
            </li>
          ))}
          <li>
            <button type="button" className="link-button" onClick={() => set(clearedFilters(filters))}>
              Clear all
            </button>
          </li>
        </ul>
      ) : null}
    </section>
  );
}

const SEARCH_CHOICES_FROM = 9;

/** "More filters": any other model or metadata key, added to the bar for this page (the URL keeps it once a value is chosen). */
function MoreFilters({ choices, options, onPick }: { choices: string[]; options: FilterOptions | undefined; onPick: (dimension: string) => void }) {
  const { open, setOpen, toggle, root, button, id: popId, popClass } = usePopover();
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const named = choices.map((d) => ({ d, title: dimensionTitle(d, options), kind: d.startsWith('meta.') ? 'metadata' : 'model' }));
  const matching = needle ? named.filter((c) => c.title.toLowerCase().includes(needle)) : named;

  return (
    <div className="ms more-filters" ref={root}>
      <button ref={button} type="button" className="ms-button" aria-expanded={open} aria-controls={popId} onClick={toggle}>
        More filters
        <span className="ms-caret" aria-hidden>
          ▾
        </span>
      </button>
      {open ? (
        <div className={popClass} id={popId} role="group" aria-label="More filters">
          {named.length >= SEARCH_CHOICES_FROM ? (
            <input className="ms-search" type="search" placeholder="Find a model or metadata key…" aria-label="Find a model or metadata key" value={search} onChange={(e) => setSearch(e.target.value)} autoFocus />
          ) : null}
          <ul className="ms-list">
            {matching.map((c, i) => (
              <li key={c.d}>
                <button
                  type="button"
                  className="more-choice"
                  autoFocus={i === 0 && named.length < SEARCH_CHOICES_FROM}
                  onClick={() => {
                    setOpen(false);
                    onPick(c.d);
                  }}
                >
                  <span className="ms-value">{c.title}</span>
                  <span className="ms-n">{c.kind}</span>
                </button>
              </li>
            ))}
            {matching.length === 0 ? <li className="ms-none">No match</li> : null}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** Typing waits a moment before the URL (and every chart) follows. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const latest = useRef(onSearch);
  useEffect(() => {
    latest.current = onSearch;
  });
  // the URL changed elsewhere (a chip removed, the back button): follow it
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const t = setTimeout(() => latest.current(text), SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [text, value]);
  return (
    <label className="search">
      <span className="sr-only">Search transcript text</span>
      <input type="search" placeholder="Search transcript text…" aria-label="Search transcript text" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
    </label>
  );
}
