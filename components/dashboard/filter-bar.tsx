'use client';

import { useEffect, useRef, useState } from 'react';
import { MultiSelect } from '@/components/ui/multi-select';
import { DEFAULT_RANGE, RANGE_PRESETS, type TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { DASHBOARD_MODELS, type DashboardModel, type FilterOptions } from '@/lib/server/analytics/types';
import { activeChips, META_FIELDS, PRESET_TITLES, withDates, withMeta, withMinScore, withModelLabels, withPreset, withSearch } from './filter-edits';
import { useFilterOptions } from './queries';
import { useDashboardFilters } from './use-dashboard-filters';

const MIN_SCORES = [0.5, 0.6, 0.7, 0.8, 0.9] as const;
const SEARCH_DELAY_MS = 400;

/** The label filters offered, in the overview's order; Language has its own metadata filter. */
const LABEL_MODEL_ORDER: number[] = [DASHBOARD_MODELS.product, DASHBOARD_MODELS.issueType, DASHBOARD_MODELS.rootCause, DASHBOARD_MODELS.sentiment, DASHBOARD_MODELS.churnRisk];

export function labelModels(options: FilterOptions | undefined): DashboardModel[] {
  if (!options) return [];
  const rank = (id: number) => {
    const i = LABEL_MODEL_ORDER.indexOf(id);
    return i === -1 ? LABEL_MODEL_ORDER.length + id : i;
  };
  return options.models.filter((m) => m.id !== DASHBOARD_MODELS.language).sort((a, b) => rank(a.id) - rank(b.id));
}

/** Every filter of the dashboard, read from and written to the URL. Collapses behind a button on small screens. */
export function FilterBar() {
  const { filters, setFilters, error } = useDashboardFilters();
  const options = useFilterOptions();
  const [open, setOpen] = useState(false);
  const models = labelModels(options.data);
  const modelName = (id: number) => options.data?.models.find((m) => m.id === id)?.name ?? `Model ${id}`;
  const chips = activeChips(filters, modelName);
  const set = (next: TDashboardFilters) => setFilters(next);

  return (
    <section className="filter-bar card" aria-label="Filters" data-open={open || undefined}>
      <div className="filter-head">
        <button type="button" className="filter-toggle" aria-expanded={open} aria-controls="filter-body" onClick={() => setOpen((o) => !o)}>
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
            <span>Min. confidence</span>
            <select aria-label="Minimum confidence" value={filters.minScore === null ? '' : String(filters.minScore)} onChange={(e) => set(withMinScore(filters, e.target.value ? Number(e.target.value) : null))}>
              <option value="">Any</option>
              {filters.minScore !== null && !MIN_SCORES.some((m) => m === filters.minScore) ? <option value={String(filters.minScore)}>{Math.round(filters.minScore * 100)} %</option> : null}
              {MIN_SCORES.map((m) => (
                <option key={m} value={String(m)}>
                  {Math.round(m * 100)} %
                </option>
              ))}
            </select>
          </label>
          <SearchBox value={filters.q ?? ''} onSearch={(q) => set(withSearch(filters, q))} />
        </div>
        <div className="filter-row">
          {models.length === 0
            ? ['Product', 'Issue Type', 'Root Cause', 'Sentiment', 'Churn Risk'].map((n) => <MultiSelect key={n} label={n} options={[]} selected={[]} onChange={() => {}} disabled />)
            : models.map((m) => (
                <MultiSelect key={m.id} label={m.name} options={m.labels.map((value) => ({ value }))} selected={filters.labels[m.id] ?? []} onChange={(v) => set(withModelLabels(filters, m.id, v))} />
              ))}
          <span className="filter-sep" aria-hidden />
          {META_FIELDS.map(({ field, title }) => (
            <MultiSelect key={field} label={title} options={options.data?.[field] ?? []} selected={filters[field]} onChange={(v) => set(withMeta(filters, field, v))} disabled={!options.data} />
          ))}
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
            <button type="button" className="link-button" onClick={() => set(withPreset({ ...filters, labels: {}, minScore: null, language: [], channel: [], agent: [], queue: [], q: null }, DEFAULT_RANGE))}>
              Clear all
            </button>
          </li>
        </ul>
      ) : null}
    </section>
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
