import 'server-only';
import type { Db } from '@/lib/db';
import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import type { TTranscriptListParams } from '@/lib/schemas/transcript-list';
import { CORRECTED_SCORE, FactIndex, getFactIndex, type Selection } from './fact-index';
import { dashboardModels } from './dashboard-models';
import { listSortModel } from './transcript-neighbors';
import type { TopPrediction, TranscriptPage, TranscriptRow } from './types';

const EXCERPT_CHARS = 200;

/** The first `want` rows of a selection newest first (or oldest first). */
function byTimeRows(index: FactIndex, rows: Selection, want: number, dir: 'asc' | 'desc'): number[] {
  const order = index.byTime();
  const out: number[] = [];
  if (rows.length === index.n) {
    // Everything selected: the order itself is the answer.
    for (let i = 0; i < want && i < order.length; i++) out.push(order[dir === 'desc' ? i : order.length - 1 - i]!);
    return out;
  }
  const mask = index.maskOf(rows);
  if (dir === 'desc') {
    for (let i = 0; i < order.length && out.length < want; i++) if (mask[order[i]!]) out.push(order[i]!);
  } else {
    for (let i = order.length - 1; i >= 0 && out.length < want; i--) if (mask[order[i]!]) out.push(order[i]!);
  }
  return out;
}

/** The first `want` rows by a model's score (rows without its prediction last; ties newest first), by a bounded heap. */
function byScoreRows(index: FactIndex, rows: Selection, modelId: number, want: number, dir: 'asc' | 'desc'): number[] {
  const col = index.models.get(modelId);
  const time = index.time;
  const sign = dir === 'desc' ? 1 : -1;
  // key: larger is better
  const key = (r: number) => (col && col.label[r] ? sign * col.score[r]! : -Infinity);
  const better = (a: number, b: number) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka > kb;
    if (time[a] !== time[b]) return time[a]! > time[b]!;
    return a > b;
  };
  // A min-heap of the best `want` rows seen so far: its root is the worst of them.
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && better(heap[w]!, heap[l]!)) w = l;
      if (r < heap.length && better(heap[w]!, heap[r]!)) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w]!, heap[i]!];
      i = w;
    }
  };
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!better(heap[p]!, heap[i]!)) return;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (heap.length < want) {
      heap.push(r);
      up(heap.length - 1);
    } else if (want > 0 && better(r, heap[0]!)) {
      heap[0] = r;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : 1));
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

const META_VALUE_CHARS = 200;

/** The stored metadata JSON as an object of strings, each value cut for a table cell. */
function shortMetadata(json: string): Record<string, string> {
  let o: unknown;
  try {
    o = JSON.parse(json);
  } catch {
    return {};
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    if (typeof v !== 'string') continue;
    out[k] = v.length > META_VALUE_CHARS ? `${v.slice(0, META_VALUE_CHARS - 1)}…` : v;
  }
  return out;
}

/** One page of the filtered transcripts for the drill-down table, with every model's top prediction. */
export async function findTranscripts(db: Db, filters: TDashboardFilters, params: TTranscriptListParams): Promise<TranscriptPage> {
  const index = await getFactIndex(db);
  const { rows, notSearchable } = await index.selectSearched(filters);
  const models = dashboardModels(index);
  const offset = (params.page - 1) * params.size;
  const want = offset + params.size;
  let picked: number[] = [];
  if (offset < rows.length) {
    const sortModel = listSortModel(index, filters, params) ?? 0;
    picked = (params.sort === 'score' ? byScoreRows(index, rows, sortModel, want, params.dir) : byTimeRows(index, rows, want, params.dir)).slice(offset);
  }
  const ids = picked.map((r) => index.ids[r]!);
  const stored = new Map((await index.readTranscripts(ids, EXCERPT_CHARS * 2)).map((t) => [t.id, t]));
  const out: TranscriptRow[] = [];
  for (const r of picked) {
    const t = stored.get(index.ids[r]!);
    if (!t) continue; // deleted since the index was read
    const predictions: Record<number, TopPrediction> = {};
    for (const m of models) {
      const col = index.models.get(m.id);
      const l = col?.label[r];
      if (!col || !l) continue;
      const score = col.score[r]!;
      const corrected = score === CORRECTED_SCORE;
      const state = FactIndex.stateOf(col, r, index.thresholdOf(m.id, filters.minScore));
      predictions[m.id] = {
        label: col.dict.values[l - 1] ?? '',
        score: corrected ? 1 : score,
        uncertain: state === 2,
        outOfScope: state === 3,
        corrected,
      };
    }
    const excerpt = collapse(t.text);
    out.push({
      id: t.id,
      externalId: t.externalId,
      occurredAt: t.occurredAt,
      channel: t.channel,
      agent: t.agent,
      queue: t.queue,
      language: t.language,
      excerpt: excerpt.length > EXCERPT_CHARS ? `${excerpt.slice(0, EXCERPT_CHARS - 1)}…` : excerpt,
      metadata: shortMetadata(t.metadata),
      importJobId: t.importJobId,
      predictions,
    });
  }
  const thresholds = Object.fromEntries(models.map((m) => [m.id, index.thresholdOf(m.id, filters.minScore)]));
  return { total: rows.length, page: params.page, pageSize: params.size, rows: out, models, thresholds, notSearchable };
}
