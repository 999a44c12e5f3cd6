import 'server-only';
import type { Db } from '@/lib/db';
import { dayString, DIMENSIONS, getFactIndex, type DimColumn, type FactIndex } from './fact-index';
import { dashboardModels } from './dashboard-models';
import type { FilterOptions } from './types';

/** At most this many values of a metadata key are offered (the most frequent). */
export const MAX_OFFERED_META_VALUES = 200;
const MAX_OFFERED_IMPORTS = 200;

function valueCounts(index: FactIndex, col: DimColumn): { value: string; count: number }[] {
  const { codes, dict } = col;
  const counts = new Float64Array(dict.values.length + 1);
  for (let i = 0; i < index.n; i++) counts[codes[i]!]!++;
  const list = dict.values.map((value, c) => ({ value, count: counts[c + 1]! })).filter((v) => v.count > 0);
  list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return list;
}

/**
 * The answer depends on the rows only, not on any filter: kept per index until
 * rows arrive (counting every value of every key over a million rows costs
 * ~8 ms a key; the bench found it the slowest overview query).
 */
const cache = new WeakMap<FactIndex, { rows: number; models: string; options: Promise<FilterOptions> }>();

/** What the filter bar offers: the models and their labels, the metadata values present in the data (most frequent first), and the imports. */
export async function getFilterOptions(db: Db): Promise<FilterOptions> {
  const index = await getFactIndex(db);
  // models (names, labels) can change without new rows
  const models = JSON.stringify(dashboardModels(index));
  const hit = cache.get(index);
  if (hit && hit.rows === index.n && hit.models === models) return hit.options;
  const options = computeFilterOptions(db, index);
  cache.set(index, { rows: index.n, models, options });
  options.catch(() => cache.delete(index));
  return options;
}

async function computeFilterOptions(db: Db, index: FactIndex): Promise<FilterOptions> {
  const values = Object.fromEntries(DIMENSIONS.map((d) => [d, valueCounts(index, index.dims[d])])) as Pick<FilterOptions, 'language' | 'channel' | 'agent' | 'queue'>;
  const meta = [...index.metaDims.entries()]
    .map(([key, col]) => {
      const list = valueCounts(index, col);
      return { key, transcripts: list.reduce((a, v) => a + v.count, 0), distinct: list.length, values: list.slice(0, MAX_OFFERED_META_VALUES) };
    })
    .filter((m) => m.transcripts > 0)
    .sort((a, b) => b.transcripts - a.transcripts || a.key.localeCompare(b.key));

  const importCounts = valueCounts(index, index.imports);
  const jobs = importCounts.length
    ? await db.ingestJob.findMany({ where: { id: { in: importCounts.map((i) => i.value) } }, select: { id: true, fileName: true, createdAt: true } })
    : [];
  const countOf = new Map(importCounts.map((i) => [i.value, i.count]));
  const imports = jobs
    .map((j) => ({ id: j.id, fileName: j.fileName, createdAt: j.createdAt.toISOString(), transcripts: countOf.get(j.id) ?? 0 }))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
    .slice(0, MAX_OFFERED_IMPORTS);

  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < index.n; i++) {
    const d = index.day[i]!;
    if (d < first) first = d;
    if (d > last) last = d;
  }
  return {
    models: dashboardModels(index),
    ...values,
    meta,
    imports,
    firstDay: index.n ? dayString(first) : null,
    lastDay: index.n ? dayString(last) : null,
  };
}
