'use client';

import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { ApiCallError } from '@/components/api/call-api';
import {
  CHART_KINDS,
  MAX_BREAKDOWNS,
  MAX_COLUMNS,
  MAX_FILTERS,
  MAX_KPI_LABELS,
  MAX_KPIS,
  MAX_TITLE_LENGTH,
  MAX_TREND_MODELS,
  UP_IS,
  ZDashboardLayout,
  type TBreakdownCard,
  type TDashboardLayout,
  type TKpiCard,
} from '@/lib/schemas/dashboard-layout';
import type { FilterOptions } from '@/lib/server/analytics/types';
import { DimensionOptions } from './dimension-options';
import { dimensionGroups, dimensionTitle, modelTitle, withCurrent, type DimensionGroups } from './dimensions';
import { labelsPhrase } from './kpi-text';
import { draftOf, errorCount, keyed, layoutOf, NO_ERRORS, pathString, placeErrors, shareTitle, type DraftSection, type LayoutDraft, type PlacedErrors } from './layout-draft';
import { useFilterOptions } from './queries';
import { SortableList } from './sortable-list';
import { useSaveLayout } from './use-layout';

export type EditorFocus = 'heading' | 'breakdown';

const CHART_TITLES: Record<(typeof CHART_KINDS)[number], string> = { bars: 'Bars', donut: 'Donut' };
const UP_IS_TITLES: Record<(typeof UP_IS)[number], string> = { bad: 'bad news (red)', good: 'good news (green)', neutral: 'neither' };

function describeKpi(card: TKpiCard, options: FilterOptions | undefined): string {
  if (card.kind === 'volume') return 'Volume: transcripts matching the filters';
  if (card.kind === 'top') return `Top label of ${modelTitle(options, card.model_id)}`;
  return `Share of ${modelTitle(options, card.model_id)}: ${labelsPhrase(card.labels)} · a rise is ${UP_IS_TITLES[card.up_is]}`;
}

/** Choices minus those already in a list (a filter or a column is listed once). */
function without(groups: DimensionGroups, taken: readonly string[]): DimensionGroups {
  const t = new Set(taken);
  return { models: groups.models.filter((c) => !t.has(c.value)), meta: groups.meta.filter((c) => !t.has(c.value)), fields: groups.fields.filter((c) => !t.has(c.value)) };
}

const firstChoice = (g: DimensionGroups) => g.models[0]?.value ?? g.meta[0]?.value ?? g.fields[0]?.value ?? '';

/**
 * The overview's layout editor (admins): KPI cards, breakdown cards, the
 * trend's models, the cross-tab's default axes, the filter bar's entries and
 * the drill-down's columns. Everything is a draft until Save, which replaces
 * the stored layout (`PUT /v2/dashboard`); problems the schema or the server
 * find are shown beside the card or field they concern.
 */
export function LayoutEditor({ layout, focus = 'heading', onClose }: { layout: TDashboardLayout; focus?: EditorFocus; onClose: (saved: boolean) => void }) {
  const options = useFilterOptions();
  const o = options.data;
  const [draft, setDraft] = useState<LayoutDraft>(() => draftOf(layout));
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  const [problem, setProblem] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const save = useSaveLayout();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const breakdownRef = useRef<HTMLSelectElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (focus === 'breakdown') breakdownRef.current?.focus();
    else headingRef.current?.focus();
  }, [focus]);

  const edit = (next: LayoutDraft) => setDraft(next);
  const announce = (m: string) => setSaid(m);
  const sectionErrors = (s: DraftSection) => errors.bySection[s] ?? [];

  const submit = () => {
    setProblem(null);
    const checked = ZDashboardLayout.safeParse(layoutOf(draft));
    if (!checked.success) {
      const placed = placeErrors(
        draft,
        checked.error.issues.map((i) => ({ path: pathString(i.path), message: i.message })),
      );
      setErrors(placed);
      setProblem(`The layout was not saved: ${errorCount(placed)} ${errorCount(placed) === 1 ? 'problem' : 'problems'}, shown beside ${errorCount(placed) === 1 ? 'it' : 'them'}.`);
      return;
    }
    save.mutate(checked.data, {
      onSuccess: () => {
        setErrors(NO_ERRORS);
        onClose(true);
      },
      onError: (e) => {
        if (e instanceof ApiCallError && e.details.length) {
          const placed = placeErrors(draft, e.details);
          setErrors(placed);
          setProblem(`${e.message} The problems are shown beside what they concern.`);
        } else if (e instanceof ApiCallError && e.status === 403) setProblem('Only an admin can change the overview.');
        else setProblem(e.message);
      },
    });
  };

  const allGroups = dimensionGroups(o);
  const modelChoices = allGroups.models;

  return (
    <section className="card layout-editor" id="layout-editor" aria-labelledby={titleId}>
      <header className="editor-head">
        <div>
          <h2 id={titleId} ref={headingRef} tabIndex={-1}>
            Customize overview
          </h2>
          <p className="muted">Changes apply to everyone&apos;s overview once saved. Drag a row by its handle, or use its arrow buttons, to reorder.</p>
        </div>
        <div className="editor-actions">
          <button type="button" className="button secondary" onClick={() => onClose(false)} disabled={save.isPending}>
            Cancel
          </button>
          <button type="button" className="button" onClick={submit} disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save layout'}
          </button>
        </div>
      </header>
      <p className="sr-only" aria-live="polite">
        {said}
      </p>
      {problem ? (
        <div className="editor-problem" role="alert">
          <p>{problem}</p>
          {errors.other.length ? (
            <ul>
              {errors.other.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {options.isError ? <p className="editor-problem">Could not load the models and metadata keys to choose from: {options.error.message}</p> : null}

      <div className="editor-sections">
        <EditorSection title="KPI cards" hint={`Up to ${MAX_KPIS}. Each compares with the previous period of equal length.`} errors={sectionErrors('kpis')}>
          <SortableList
            label="KPI cards"
            items={draft.kpis}
            onChange={(kpis) => edit({ ...draft, kpis })}
            itemName={(c) => `KPI card ${c.title || '(untitled)'}`}
            errors={errors.byKey}
            announce={announce}
            empty="No KPI cards."
            renderItem={(item, i, update) => (
              <div className="row-fields">
                <label className="field inline">
                  <span>Title</span>
                  <input value={item.value.title} maxLength={MAX_TITLE_LENGTH} aria-label={`Title of KPI card ${i + 1}`} onChange={(e) => update({ ...item.value, title: e.target.value })} />
                </label>
                <span className="row-note">{describeKpi(item.value, o)}</span>
              </div>
            )}
          />
          <AddKpi options={o} disabled={draft.kpis.length >= MAX_KPIS} onAdd={(card) => {
              edit({ ...draft, kpis: [...draft.kpis, keyed(card)] });
              announce(`KPI card ${card.title} added.`);
            }} />
        </EditorSection>

        <EditorSection title="Breakdown cards" hint={`Up to ${MAX_BREAKDOWNS}: a model's labels, a metadata key's values or a field's, as bars or a donut.`} errors={sectionErrors('breakdowns')}>
          <SortableList
            label="Breakdown cards"
            items={draft.breakdowns}
            onChange={(breakdowns) => edit({ ...draft, breakdowns })}
            itemName={(b) => `breakdown ${b.title ?? dimensionTitle(b.dimension, o)}`}
            errors={errors.byKey}
            announce={announce}
            empty="No breakdown cards."
            renderItem={(item, i, update) => <BreakdownRow card={item.value} index={i} options={o} update={update} />}
          />
          <AddBreakdown
            groups={allGroups}
            selectRef={breakdownRef}
            disabled={draft.breakdowns.length >= MAX_BREAKDOWNS}
            onAdd={(card) => {
              edit({ ...draft, breakdowns: [...draft.breakdowns, keyed(card)] });
              announce(`Breakdown of ${dimensionTitle(card.dimension, o)} added.`);
            }}
          />
        </EditorSection>

        <EditorSection title="Trend" hint={`The models the trend card switches between, the first shown by default (up to ${MAX_TREND_MODELS}). None: no trend card.`} errors={sectionErrors('trend')}>
          <SortableList
            label="Trend models"
            items={draft.trend}
            onChange={(trend) => edit({ ...draft, trend })}
            itemName={(id) => `trend model ${modelTitle(o, id)}`}
            errors={errors.byKey}
            announce={announce}
            empty="No trend card."
            renderItem={(item) => <span className="row-title">{modelTitle(o, item.value)}</span>}
          />
          <AddChoice
            label="Add a model to the trend"
            button="Add to trend"
            groups={{ models: modelChoices.filter((m) => !draft.trend.some((t) => String(t.value) === m.value)), meta: [], fields: [] }}
            disabled={draft.trend.length >= MAX_TREND_MODELS}
            onAdd={(v) => {
              edit({ ...draft, trend: [...draft.trend, keyed(Number(v))] });
              announce(`${dimensionTitle(v, o)} added to the trend.`);
            }}
          />
        </EditorSection>

        <EditorSection title="Cross-tab" hint="Transcripts per pair of values of two dimensions. These are its default axes; anyone can switch them on the card." errors={sectionErrors('cross_tab')}>
          <CrossTabFields draft={draft} groups={allGroups} options={o} onChange={(crossTab) => edit({ ...draft, crossTab })} />
        </EditorSection>

        <EditorSection title="Filter bar" hint={`The model and metadata filters the filter bar offers, in order (up to ${MAX_FILTERS}). Dates, channel, queue, agent and language are always there.`} errors={sectionErrors('filters')}>
          <SortableList
            label="Filter bar entries"
            items={draft.filters}
            onChange={(filters) => edit({ ...draft, filters })}
            itemName={(d) => `filter ${dimensionTitle(d, o)}`}
            errors={errors.byKey}
            announce={announce}
            empty="Only the built-in filters."
            renderItem={(item) => <DimensionRow dimension={item.value} options={o} />}
          />
          <AddChoice
            label="Add a filter"
            button="Add filter"
            groups={without(dimensionGroups(o, { fields: false }), draft.filters.map((f) => f.value))}
            disabled={draft.filters.length >= MAX_FILTERS}
            onAdd={(v) => {
              edit({ ...draft, filters: [...draft.filters, keyed(v)] });
              announce(`Filter ${dimensionTitle(v, o)} added.`);
            }}
          />
        </EditorSection>

        <EditorSection title="Table columns" hint={`The model and metadata columns of the transcripts table, in order (up to ${MAX_COLUMNS}).`} errors={sectionErrors('columns')}>
          <SortableList
            label="Table columns"
            items={draft.columns}
            onChange={(columns) => edit({ ...draft, columns })}
            itemName={(d) => `column ${dimensionTitle(d, o)}`}
            errors={errors.byKey}
            announce={announce}
            empty="No model or metadata columns."
            renderItem={(item) => <DimensionRow dimension={item.value} options={o} />}
          />
          <AddChoice
            label="Add a column"
            button="Add column"
            groups={without(dimensionGroups(o, { fields: false }), draft.columns.map((c) => c.value))}
            disabled={draft.columns.length >= MAX_COLUMNS}
            onAdd={(v) => {
              edit({ ...draft, columns: [...draft.columns, keyed(v)] });
              announce(`Column ${dimensionTitle(v, o)} added.`);
            }}
          />
        </EditorSection>
      </div>

      <footer className="editor-foot">
        <button type="button" className="button secondary" onClick={() => onClose(false)} disabled={save.isPending}>
          Cancel
        </button>
        <button type="button" className="button" onClick={submit} disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save layout'}
        </button>
      </footer>
    </section>
  );
}

function EditorSection({ title, hint, errors, children }: { title: string; hint: string; errors: string[]; children: ReactNode }) {
  return (
    <fieldset className="editor-section" data-invalid={errors.length > 0 || undefined}>
      <legend>{title}</legend>
      <p className="muted editor-hint">{hint}</p>
      {errors.length ? (
        <ul className="field-errors" aria-label={`Problems with ${title}`}>
          {errors.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      ) : null}
      {children}
    </fieldset>
  );
}

function DimensionRow({ dimension, options }: { dimension: string; options: FilterOptions | undefined }) {
  const kind = /^\d+$/.test(dimension) ? 'model' : dimension.startsWith('meta.') ? 'metadata' : 'field';
  return (
    <span className="row-title">
      {dimensionTitle(dimension, options)} <span className="row-kind">{kind}</span>
    </span>
  );
}

function BreakdownRow({ card, index, options, update }: { card: TBreakdownCard; index: number; options: FilterOptions | undefined; update: (c: TBreakdownCard) => void }) {
  const name = dimensionTitle(card.dimension, options);
  return (
    <div className="row-fields">
      <DimensionRow dimension={card.dimension} options={options} />
      <label className="field inline">
        <span>Title</span>
        <input
          value={card.title ?? ''}
          placeholder={name}
          maxLength={MAX_TITLE_LENGTH}
          aria-label={`Title of breakdown ${index + 1} (${name})`}
          onChange={(e) => {
            const { title: _old, ...rest } = card;
            update(e.target.value ? { ...rest, title: e.target.value } : rest);
          }}
        />
      </label>
      <label className="field inline">
        <span>Chart</span>
        <select value={card.chart} aria-label={`Chart of breakdown ${index + 1} (${name})`} onChange={(e) => update({ ...card, chart: e.target.value === 'donut' ? 'donut' : 'bars' })}>
          {CHART_KINDS.map((k) => (
            <option key={k} value={k}>
              {CHART_TITLES[k]}
            </option>
          ))}
        </select>
      </label>
      <label className="field inline">
        <span>Show top</span>
        <input
          type="number"
          min={1}
          max={100}
          inputMode="numeric"
          className="narrow-input"
          placeholder="all"
          value={card.limit ?? ''}
          aria-label={`Values shown in breakdown ${index + 1} (${name}); empty shows all`}
          onChange={(e) => {
            const { limit: _old, ...rest } = card;
            const n = Number(e.target.value);
            update(e.target.value && Number.isInteger(n) ? { ...rest, limit: n } : rest);
          }}
        />
      </label>
    </div>
  );
}

function AddBreakdown({
  groups,
  disabled,
  selectRef,
  onAdd,
}: {
  groups: DimensionGroups;
  disabled: boolean;
  selectRef: RefObject<HTMLSelectElement | null>;
  onAdd: (card: TBreakdownCard) => void;
}) {
  const [dimension, setDimension] = useState('');
  const [chart, setChart] = useState<TBreakdownCard['chart']>('bars');
  const value = dimension || firstChoice(groups);
  return (
    <div className="add-row" role="group" aria-label="Add a breakdown card">
      <label className="field inline">
        <span>Breakdown of</span>
        <select ref={selectRef} value={value} onChange={(e) => setDimension(e.target.value)} disabled={!value}>
          <DimensionOptions groups={groups} />
        </select>
      </label>
      <label className="field inline">
        <span>Chart</span>
        <select value={chart} onChange={(e) => setChart(e.target.value === 'donut' ? 'donut' : 'bars')}>
          {CHART_KINDS.map((k) => (
            <option key={k} value={k}>
              {CHART_TITLES[k]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button secondary" disabled={disabled || !value} onClick={() => onAdd({ dimension: value, chart })}>
        Add breakdown
      </button>
      {disabled ? <span className="muted">The overview holds at most {MAX_BREAKDOWNS} breakdowns.</span> : null}
    </div>
  );
}

/** A select of dimensions and an Add button: the trend's models, the filter bar's entries, the table's columns. */
function AddChoice({ label, button, groups, disabled, onAdd }: { label: string; button: string; groups: DimensionGroups; disabled: boolean; onAdd: (dimension: string) => void }) {
  const [picked, setPicked] = useState('');
  const all = [...groups.models, ...groups.meta, ...groups.fields];
  const value = all.some((c) => c.value === picked) ? picked : firstChoice(groups);
  return (
    <div className="add-row" role="group" aria-label={label}>
      <label className="field inline">
        <span>{label}</span>
        <select value={value} onChange={(e) => setPicked(e.target.value)} disabled={!value}>
          {value ? <DimensionOptions groups={groups} /> : <option value="">Nothing left to add</option>}
        </select>
      </label>
      <button type="button" className="button secondary" disabled={disabled || !value} onClick={() => onAdd(value)}>
        {button}
      </button>
    </div>
  );
}

function CrossTabFields({ draft, groups, options, onChange }: { draft: LayoutDraft; groups: DimensionGroups; options: FilterOptions | undefined; onChange: (c: LayoutDraft['crossTab']) => void }) {
  const c = draft.crossTab;
  const g = withCurrent(groups, [c.rows, c.cols].filter(Boolean), options);
  const choices = [...g.models, ...g.meta, ...g.fields];
  const enable = (on: boolean) => {
    if (!on) return onChange({ ...c, enabled: false });
    // a first switch-on picks two different axes
    const rows = c.rows || choices[0]?.value || '';
    const cols = c.cols || choices.find((x) => x.value !== rows)?.value || '';
    onChange({ enabled: true, rows, cols });
  };
  return (
    <div className="cross-tab-fields">
      <label className="check">
        <input type="checkbox" checked={c.enabled} onChange={(e) => enable(e.target.checked)} />
        <span>Show the cross-tab card</span>
      </label>
      <label className="field inline">
        <span>Cross-tab rows</span>
        <select value={c.rows} disabled={!c.enabled} onChange={(e) => onChange({ ...c, rows: e.target.value })}>
          {c.rows ? null : <option value="">Choose…</option>}
          <DimensionOptions groups={g} />
        </select>
      </label>
      <label className="field inline">
        <span>Cross-tab columns</span>
        <select value={c.cols} disabled={!c.enabled} onChange={(e) => onChange({ ...c, cols: e.target.value })}>
          {c.cols ? null : <option value="">Choose…</option>}
          <DimensionOptions groups={g} />
        </select>
      </label>
      {c.enabled && c.rows && c.rows === c.cols ? <p className="muted">Rows and columns are the same: every transcript lands on the diagonal.</p> : null}
    </div>
  );
}

type KpiKind = TKpiCard['kind'];

function AddKpi({ options, disabled, onAdd }: { options: FilterOptions | undefined; disabled: boolean; onAdd: (card: TKpiCard) => void }) {
  const [kind, setKind] = useState<KpiKind>('share');
  const [modelId, setModelId] = useState<number | null>(null);
  const [labels, setLabels] = useState<string[]>([]);
  const [upIs, setUpIs] = useState<(typeof UP_IS)[number]>('bad');
  const [title, setTitle] = useState('');
  const models = options?.models ?? [];
  const model = models.find((m) => m.id === modelId) ?? models[0];
  const chosen = labels.filter((l) => model?.labels.includes(l));
  const suggested = kind === 'volume' ? 'Transcripts' : kind === 'top' ? `Top ${model?.name ?? 'label'}`.slice(0, MAX_TITLE_LENGTH) : chosen.length ? shareTitle(chosen) : '';
  const finalTitle = title.trim() || suggested;
  const ready = !disabled && finalTitle !== '' && (kind === 'volume' || (model !== undefined && (kind === 'top' || chosen.length > 0)));
  const labelsId = useId();

  const add = () => {
    if (!ready) return;
    if (kind === 'volume') onAdd({ kind, title: finalTitle });
    else if (kind === 'top' && model) onAdd({ kind, title: finalTitle, model_id: model.id });
    else if (model) onAdd({ kind: 'share', title: finalTitle, model_id: model.id, labels: chosen, up_is: upIs });
    setTitle('');
    setLabels([]);
  };

  return (
    <div className="add-row add-kpi" role="group" aria-label="Add a KPI card">
      <label className="field inline">
        <span>Kind</span>
        <select value={kind} onChange={(e) => setKind(e.target.value === 'volume' ? 'volume' : e.target.value === 'top' ? 'top' : 'share')}>
          <option value="volume">Volume</option>
          <option value="share">Share of labels</option>
          <option value="top">Top label</option>
        </select>
      </label>
      {kind !== 'volume' ? (
        <label className="field inline">
          <span>KPI model</span>
          <select value={model?.id ?? ''} disabled={!models.length} onChange={(e) => {
              setModelId(Number(e.target.value));
              setLabels([]);
            }}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {kind === 'share' && model ? (
        <>
          <fieldset className="label-picks" aria-describedby={labelsId}>
            <legend>Labels counted</legend>
            <span id={labelsId} className="muted">
              The share of {model.name}&apos;s counted predictions that are one of these (up to {MAX_KPI_LABELS}).
            </span>
            <div className="label-pick-list">
              {model.labels.map((l) => (
                <label key={l} className="check">
                  <input type="checkbox" checked={chosen.includes(l)} disabled={!chosen.includes(l) && chosen.length >= MAX_KPI_LABELS} onChange={(e) => setLabels(e.target.checked ? [...chosen, l] : chosen.filter((x) => x !== l))} />
                  <span>{l}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <label className="field inline">
            <span>A rise is</span>
            <select value={upIs} onChange={(e) => setUpIs(UP_IS.find((u) => u === e.target.value) ?? 'bad')}>
              {UP_IS.map((u) => (
                <option key={u} value={u}>
                  {UP_IS_TITLES[u]}
                </option>
              ))}
            </select>
          </label>
        </>
      ) : null}
      <label className="field inline">
        <span>KPI title</span>
        <input value={title} placeholder={suggested || 'Title'} maxLength={MAX_TITLE_LENGTH} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <button type="button" className="button secondary" disabled={!ready} onClick={add}>
        Add KPI card
      </button>
      {disabled ? <span className="muted">The overview holds at most {MAX_KPIS} KPI cards.</span> : null}
    </div>
  );
}
