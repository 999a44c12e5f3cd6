import { FIELD_DIMENSIONS, parseDimension, type TFieldDimension } from '@/lib/schemas/dashboard-layout';
import type { FilterOptions } from '@/lib/server/analytics/types';

// Naming and offering dimensions ("42", "meta.flow", "channel") with the
// names the filter options know: the layout stores ids, people read names.

export const FIELD_TITLES: Record<TFieldDimension, string> = { channel: 'Channel', agent: 'Agent', queue: 'Queue', language: 'Language' };

type Names = Pick<FilterOptions, 'models'> | undefined;

export const modelTitle = (options: Names, id: number) => options?.models.find((m) => m.id === id)?.name ?? `Model ${id}`;

/** What people call a dimension: the model's name, the metadata key, the field's title. */
export function dimensionTitle(dimension: string, options: Names): string {
  const d = parseDimension(dimension);
  if (!d) return dimension;
  if (d.kind === 'model') return modelTitle(options, d.modelId);
  if (d.kind === 'meta') return d.key;
  return FIELD_TITLES[d.field];
}

export interface DimensionChoice {
  value: string;
  title: string;
}

export interface DimensionGroups {
  models: DimensionChoice[];
  meta: DimensionChoice[];
  fields: DimensionChoice[];
}

/** Every dimension the data offers, grouped for a `<select>` with optgroups; `fields: false` leaves the built-in fields out. */
export function dimensionGroups(options: Pick<FilterOptions, 'models' | 'meta'> | undefined, { fields = true }: { fields?: boolean } = {}): DimensionGroups {
  return {
    models: (options?.models ?? []).map((m) => ({ value: String(m.id), title: m.name })),
    meta: (options?.meta ?? []).map((m) => ({ value: `meta.${m.key}`, title: m.key })),
    fields: fields ? FIELD_DIMENSIONS.map((f) => ({ value: f, title: FIELD_TITLES[f] })) : [],
  };
}

/** The groups plus `keep` (a current value the data no longer offers), so a select never silently shows another value. */
export function withCurrent(groups: DimensionGroups, keep: readonly string[], options: Names): DimensionGroups {
  const known = new Set([...groups.models, ...groups.meta, ...groups.fields].map((c) => c.value));
  const out = { models: [...groups.models], meta: [...groups.meta], fields: [...groups.fields] };
  for (const v of keep) {
    if (known.has(v)) continue;
    known.add(v);
    const d = parseDimension(v);
    const choice = { value: v, title: dimensionTitle(v, options) };
    if (d?.kind === 'meta') out.meta.push(choice);
    else if (d?.kind === 'field') out.fields.push(choice);
    else out.models.push(choice);
  }
  return out;
}
