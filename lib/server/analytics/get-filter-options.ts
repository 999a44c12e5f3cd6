import 'server-only';
import type { Db } from '@/lib/db';
import { dayString, DIMENSIONS, getFactIndex } from './fact-index';
import { dashboardModels } from './dashboard-models';
import type { FilterOptions } from './types';

/** What the filter bar offers: the models and their labels, and the metadata values present in the data, most frequent first. */
export async function getFilterOptions(db: Db): Promise<FilterOptions> {
  const index = await getFactIndex(db);
  const values = Object.fromEntries(
    DIMENSIONS.map((d) => {
      const { codes, dict } = index.dims[d];
      const counts = new Float64Array(dict.values.length + 1);
      for (let i = 0; i < index.n; i++) counts[codes[i]!]!++;
      const list = dict.values.map((value, c) => ({ value, count: counts[c + 1]! })).filter((v) => v.count > 0);
      list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      return [d, list];
    }),
  ) as Pick<FilterOptions, 'language' | 'channel' | 'agent' | 'queue'>;
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
    firstDay: index.n ? dayString(first) : null,
    lastDay: index.n ? dayString(last) : null,
  };
}
