import 'server-only';
import type { Db } from '@/lib/db';
import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import type { TTranscriptListParams } from '@/lib/schemas/transcript-list';
import { dashboardModels } from './dashboard-models';
import { getFactIndex, type FactIndex } from './fact-index';

export interface TranscriptNeighbors {
  /** the transcript listed just before this one, null at the top of the list */
  previous: number | null;
  /** the transcript listed just after this one, null at the end */
  next: number | null;
  /** this transcript's place in the list (1 = first); null when the filters do not keep it */
  position: number | null;
  /** transcripts in the list */
  total: number;
}

/**
 * The model a `sort=score` list orders by, as findTranscripts picks it: the
 * one named in the URL, else the first model the label filters name, else the
 * first model with predictions; null for a time sort.
 */
export function listSortModel(index: FactIndex, filters: Pick<TDashboardFilters, 'labels'>, params: Pick<TTranscriptListParams, 'sort' | 'model'>): number | null {
  if (params.sort !== 'score') return null;
  return params.model ?? Number(Object.keys(filters.labels)[0] ?? dashboardModels(index)[0]?.id ?? 0);
}

/**
 * "a is listed before b" in the drill-down's order (find-transcripts.ts):
 * by time, newest first (ties: the later row first), or reversed whole for
 * `dir=asc`; by a model's score, best first for the direction, transcripts
 * without its prediction last, ties newest first.
 */
function listOrder(index: FactIndex, params: Pick<TTranscriptListParams, 'dir'>, modelId: number | null): (a: number, b: number) => boolean {
  const time = index.time;
  const newer = (a: number, b: number) => time[a]! > time[b]! || (time[a] === time[b] && a > b);
  if (modelId === null) return params.dir === 'desc' ? newer : (a, b) => newer(b, a);
  const col = index.models.get(modelId);
  const sign = params.dir === 'desc' ? 1 : -1;
  const key = (r: number) => (col && col.label[r] ? sign * col.score[r]! : -Infinity);
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka !== kb ? ka > kb : newer(a, b);
  };
}

/**
 * The transcripts before and after one transcript in the filtered, sorted
 * drill-down list, for previous/next on the transcript page. One pass over
 * the selection, no sort: the nearest row on each side of the current one.
 * A transcript the filters no longer keep (say, corrected out of a label
 * filter) still gets the neighbours it would have, without a position.
 */
export async function getTranscriptNeighbors(db: Db, filters: TDashboardFilters, params: Pick<TTranscriptListParams, 'sort' | 'model' | 'dir'>, transcriptId: number): Promise<TranscriptNeighbors> {
  const index = await getFactIndex(db);
  const rows = await index.select(filters);
  const current = index.rowOf(transcriptId);
  if (current < 0) return { previous: null, next: null, position: null, total: rows.length };
  const before = listOrder(index, params, listSortModel(index, filters, params));
  let previous = -1;
  let next = -1;
  let ahead = 0;
  let kept = false;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r === current) {
      kept = true;
      continue;
    }
    if (before(r, current)) {
      ahead++;
      if (previous < 0 || before(previous, r)) previous = r;
    } else if (next < 0 || before(r, next)) next = r;
  }
  return {
    previous: previous < 0 ? null : index.ids[previous]!,
    next: next < 0 ? null : index.ids[next]!,
    position: kept ? ahead + 1 : null,
    total: rows.length,
  };
}
