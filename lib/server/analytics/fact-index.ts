import 'server-only';
import Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { databaseUrlOf, sqlitePath, type Db } from '@/lib/db';
import { isPostgresUrl } from '@/lib/env';
import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';

/**
 * The dashboard's analytics index: one row per transcript, its day, time,
 * metadata codes and every model's top label and score, in typed arrays
 * (about 40 bytes a transcript with six models: 40 MB for a million).
 *
 * Why in memory: the dashboard filters on any combination of date range,
 * labels of several models, confidence, metadata and text, and every chart
 * and the drill-down must answer in well under 300 ms at a million
 * transcripts. In SQL each cross-model filter is a join over millions of
 * prediction rows (seconds on SQLite at that size, measured in
 * docs/benchmarks.md); over typed arrays it is one linear pass (milliseconds).
 * The database stays the source of truth: the index is rebuilt from it,
 * picks up new transcripts by id, and reloads entirely when
 * AnalyticsState.epoch changes (anything that changes or deletes stored
 * predictions must bump it: see bumpAnalyticsEpoch).
 *
 * Transcript and prediction rows of one transcript are always committed in
 * one transaction, and ids grow in commit order on SQLite, so "every id above
 * the last one loaded" is exactly what is new.
 */

const DAY_MS = 86_400_000;
const SNAPSHOT_FORMAT = 2;

class Dict {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  code(v: string): number {
    let c = this.index.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.index.set(v, c);
    }
    return c;
  }
  find(v: string): number | undefined {
    return this.index.get(v);
  }
}

/** A metadata field: code 0 is "no value", code k is dict.values[k - 1]. */
export interface DimColumn {
  codes: Uint32Array;
  dict: Dict;
}

/**
 * The score a corrected prediction carries in the index: above any model
 * score, so it always counts, and recognisable as a person's word.
 */
export const CORRECTED_SCORE = 2;

/** A model's predictions: label 0 is "no prediction", label k is dict.values[k - 1]; a score of CORRECTED_SCORE marks a correction. */
export interface ModelColumn {
  label: Uint16Array;
  score: Float32Array;
  dict: Dict;
}

export interface ModelMeta {
  id: number;
  name: string;
  multiLabel: boolean;
  threshold: number;
  labels: string[];
}

export const DIMENSIONS = ['channel', 'agent', 'queue', 'language'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface StoredTranscript {
  id: number;
  externalId: string | null;
  occurredAt: string;
  channel: string | null;
  agent: string | null;
  queue: string | null;
  customerId: string | null;
  language: string | null;
  metadata: string;
  text: string;
}

/** Rows that matched a selection, ascending. */
export type Selection = Int32Array;

export const dayNumber = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
export const dayString = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

function parseTime(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    const t = Date.parse(v.includes('T') || v.includes('Z') ? v : `${v.replace(' ', 'T')}Z`);
    if (!Number.isNaN(t)) return t;
  }
  return 0;
}

/** Words of a search, quoted for FTS5 (no operator a user types can change the query); the last one matches as a prefix. */
export function ftsQuery(q: string): string | null {
  const words = q.match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  if (!words.length) return null;
  const prefixLast = !/\s$/.test(q);
  return words.map((w, i) => `"${w.replace(/"/g, '""')}"${prefixLast && i === words.length - 1 ? '*' : ''}`).join(' ');
}

export class FactIndex {
  n = 0;
  private cap = 0;
  ids = new Int32Array(0);
  time = new Float64Array(0);
  day = new Int32Array(0);
  readonly dims = Object.fromEntries(DIMENSIONS.map((d) => [d, { codes: new Uint32Array(0), dict: new Dict() }])) as Record<Dimension, DimColumn>;
  readonly models = new Map<number, ModelColumn>();
  meta = new Map<number, ModelMeta>();

  maxId = 0;
  maxCorrectionId = 0;
  private instance = '';
  private epoch = -1;
  private checkedAt = 0;
  private byTimeCache: Int32Array | null = null;
  private searchCache = new Map<string, Uint8Array>();
  private selectionCache = new Map<string, Selection>();
  /** changes whenever model metadata (thresholds) is reloaded with a difference */
  private modelsVersion = 0;
  private thresholdSignature = '';
  private conn: Database.Database | null = null;
  /** how long the last (re)load took, for the benchmark */
  lastLoadMs = 0;
  private snapshotMaxId = -1;
  private snapshotRows = -1;

  constructor(
    private readonly path: string,
    private snapshots = true,
  ) {}

  private connection(): Database.Database {
    if (!this.conn) {
      this.conn = new Database(this.path, { readonly: true, fileMustExist: true, timeout: 10_000 });
      this.conn.pragma('cache_size = -65536');
    }
    return this.conn;
  }

  close(): void {
    this.conn?.close();
    this.conn = null;
  }

  /** Brings the index up to date with the database; checks at most every `maxAgeMs`. */
  refresh(maxAgeMs = 250): this {
    const now = Date.now();
    if (now - this.checkedAt < maxAgeMs) return this;
    const conn = this.connection();
    const state = conn.prepare(`SELECT "instance", "epoch" FROM "AnalyticsState" WHERE "id" = 1`).get() as { instance: string; epoch: number } | undefined;
    const instance = state?.instance ?? '';
    const epoch = state?.epoch ?? 0;
    const t0 = performance.now();
    if (instance !== this.instance || epoch !== this.epoch) {
      this.reset();
      this.instance = instance;
      this.epoch = epoch;
      if (this.snapshots) this.readSnapshot();
    }
    this.loadModels(conn);
    this.loadNew(conn);
    this.applyCorrections(conn);
    if (this.n && performance.now() - t0 > 50) this.lastLoadMs = performance.now() - t0;
    this.checkedAt = Date.now();
    // Keep the snapshot close behind, so the next process starts warm.
    if (this.snapshots && this.maxId !== this.snapshotMaxId && (this.n - this.snapshotRows >= Math.max(5_000, this.snapshotRows / 10) || this.snapshotRows === -1)) {
      this.writeSnapshot();
    }
    return this;
  }

  private snapshotPath(): string {
    return `${this.path}.analytics`;
  }

  /**
   * The index as a file next to the database (about 70 bytes a transcript),
   * so a restarted server answers its first query in a fraction of a second
   * instead of re-reading every transcript and prediction. Only used when it
   * was written from this database (`instance`) at this `epoch`; anything
   * newer than its `maxId` is loaded from the database as usual.
   */
  writeSnapshot(): void {
    const n = this.n;
    const parts: ArrayBufferView[] = [
      this.ids.subarray(0, n),
      this.time.subarray(0, n),
      this.day.subarray(0, n),
      ...DIMENSIONS.map((d) => this.dims[d].codes.subarray(0, n)),
    ];
    const models = [...this.models.entries()];
    for (const [, m] of models) parts.push(m.label.subarray(0, n), m.score.subarray(0, n));
    parts.push(this.byTime());
    const header = Buffer.from(
      JSON.stringify({
        format: SNAPSHOT_FORMAT,
        instance: this.instance,
        epoch: this.epoch,
        maxId: this.maxId,
        maxCorrectionId: this.maxCorrectionId,
        n,
        dims: Object.fromEntries(DIMENSIONS.map((d) => [d, this.dims[d].dict.values])),
        models: models.map(([id, m]) => ({ id, labels: m.dict.values })),
      }),
    );
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    // Each array starts on an 8-byte boundary so it can be viewed in place when read back.
    const chunks: Buffer[] = [len, header];
    let offset = 4 + header.length;
    for (const p of parts) {
      const pad = (8 - (offset % 8)) % 8;
      if (pad) chunks.push(Buffer.alloc(pad));
      offset += pad;
      chunks.push(Buffer.from(p.buffer, p.byteOffset, p.byteLength));
      offset += p.byteLength;
    }
    const tmp = `${this.snapshotPath()}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, Buffer.concat(chunks));
      renameSync(tmp, this.snapshotPath());
      this.snapshotMaxId = this.maxId;
      this.snapshotRows = n;
    } catch (e) {
      // A read-only data folder costs start-up time, not correctness.
      this.snapshots = false;
      console.warn(`analytics: could not write ${this.snapshotPath()} (${e instanceof Error ? e.message : String(e)}); starting cold next time`);
    }
  }

  private readSnapshot(): void {
    let buf: Buffer;
    try {
      buf = readFileSync(this.snapshotPath());
    } catch {
      return;
    }
    try {
      const headerLen = buf.readUInt32LE(0);
      const h = JSON.parse(buf.subarray(4, 4 + headerLen).toString('utf8')) as {
        format: number;
        instance: string;
        epoch: number;
        maxId: number;
        maxCorrectionId: number;
        n: number;
        dims: Record<Dimension, string[]>;
        models: { id: number; labels: string[] }[];
      };
      if (h.format !== SNAPSHOT_FORMAT || h.instance !== this.instance || h.epoch !== this.epoch) return;
      let offset = 4 + headerLen;
      const take = <T>(make: (b: ArrayBuffer) => T, bytes: number): T => {
        offset += (8 - (offset % 8)) % 8;
        if (offset + bytes > buf.length) throw new Error('truncated');
        const copy = new Uint8Array(bytes);
        copy.set(buf.subarray(offset, offset + bytes));
        offset += bytes;
        return make(copy.buffer);
      };
      const n = h.n;
      this.grow(n);
      this.ids.set(take((b) => new Int32Array(b), n * 4));
      this.time.set(take((b) => new Float64Array(b), n * 8));
      this.day.set(take((b) => new Int32Array(b), n * 4));
      for (const d of DIMENSIONS) {
        this.dims[d].codes.set(take((b) => new Uint32Array(b), n * 4));
        for (const v of h.dims[d] ?? []) this.dims[d].dict.code(v);
      }
      for (const m of h.models) {
        const col = this.column(m.id);
        col.label.set(take((b) => new Uint16Array(b), n * 2));
        col.score.set(take((b) => new Float32Array(b), n * 4));
        for (const l of m.labels) col.dict.code(l);
      }
      this.n = n;
      this.byTimeCache = take((b) => new Int32Array(b), n * 4);
      this.maxId = h.maxId;
      this.maxCorrectionId = h.maxCorrectionId ?? 0;
      this.snapshotMaxId = h.maxId;
      this.snapshotRows = n;
    } catch (e) {
      // A damaged snapshot is only a slower start: rebuild from the database.
      console.warn(`analytics: ignoring ${this.snapshotPath()} (${e instanceof Error ? e.message : String(e)})`);
      this.reset();
    }
  }

  private reset(): void {
    this.n = 0;
    this.cap = 0;
    this.ids = new Int32Array(0);
    this.time = new Float64Array(0);
    this.day = new Int32Array(0);
    for (const d of DIMENSIONS) this.dims[d] = { codes: new Uint32Array(0), dict: new Dict() };
    this.models.clear();
    this.maxId = 0;
    this.maxCorrectionId = 0;
    this.snapshotMaxId = -1;
    this.snapshotRows = -1;
    this.byTimeCache = null;
    this.searchCache.clear();
    this.selectionCache.clear();
  }

  private loadModels(conn: Database.Database): void {
    const models = conn.prepare(`SELECT "id", "name", "multiLabel", "threshold" FROM "Model" ORDER BY "id"`).all() as {
      id: number;
      name: string;
      multiLabel: number;
      threshold: number;
    }[];
    const labels = conn.prepare(`SELECT "modelId", "name" FROM "Label" ORDER BY "modelId", "position"`).all() as { modelId: number; name: string }[];
    const byModel = new Map<number, string[]>();
    for (const l of labels) {
      const list = byModel.get(l.modelId) ?? [];
      list.push(l.name);
      byModel.set(l.modelId, list);
    }
    this.meta = new Map(
      models.map((m) => [m.id, { id: m.id, name: m.name, multiLabel: Boolean(m.multiLabel), threshold: m.threshold, labels: byModel.get(m.id) ?? [] }]),
    );
    const signature = models.map((m) => `${m.id}:${m.threshold}`).join(',');
    if (signature !== this.thresholdSignature) {
      this.thresholdSignature = signature;
      this.modelsVersion++;
      this.selectionCache.clear();
    }
  }

  private grow(need: number): void {
    if (need <= this.cap) return;
    const cap = Math.max(need, this.cap * 2, 1024);
    const grow = <T extends Int32Array | Float64Array | Uint32Array | Uint16Array | Float32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.ids = grow(this.ids, (n) => new Int32Array(n));
    this.time = grow(this.time, (n) => new Float64Array(n));
    this.day = grow(this.day, (n) => new Int32Array(n));
    for (const d of DIMENSIONS) this.dims[d].codes = grow(this.dims[d].codes, (n) => new Uint32Array(n));
    for (const m of this.models.values()) {
      m.label = grow(m.label, (n) => new Uint16Array(n));
      m.score = grow(m.score, (n) => new Float32Array(n));
    }
    this.cap = cap;
  }

  private column(modelId: number): ModelColumn {
    let c = this.models.get(modelId);
    if (!c) {
      c = { label: new Uint16Array(this.cap), score: new Float32Array(this.cap), dict: new Dict() };
      this.models.set(modelId, c);
    }
    return c;
  }

  private loadNew(conn: Database.Database): void {
    const top = (conn.prepare(`SELECT max("id") AS m FROM "Transcript"`).get() as { m: number | null }).m ?? 0;
    if (top <= this.maxId) return;
    const from = this.maxId;
    const start = this.n;
    const read = conn.transaction(() => {
      const count = (conn.prepare(`SELECT count(*) AS c FROM "Transcript" WHERE "id" > ? AND "id" <= ?`).get(from, top) as { c: number }).c;
      this.grow(this.n + count);
      const dims = DIMENSIONS.map((d) => this.dims[d]);
      const rows = conn
        .prepare(`SELECT "id", "occurredAt", "channel", "agent", "queue", "language" FROM "Transcript" WHERE "id" > ? AND "id" <= ? ORDER BY "id"`)
        .raw()
        .iterate(from, top) as IterableIterator<[number, unknown, string | null, string | null, string | null, string | null]>;
      for (const r of rows) {
        const i = this.n++;
        this.ids[i] = r[0];
        const t = parseTime(r[1]);
        this.time[i] = t;
        this.day[i] = Math.floor(t / DAY_MS);
        for (let k = 0; k < dims.length; k++) {
          const v = r[k + 2];
          const dim = dims[k]!;
          dim.codes[i] = v === null || v === undefined || v === '' ? 0 : dim.dict.code(String(v)) + 1;
        }
      }
      // Predictions in transcript order (the unique (transcriptId, modelId) index), matched to rows with a moving pointer.
      const preds = conn
        .prepare(`SELECT "transcriptId", "modelId", "label", "score" FROM "Prediction" WHERE "transcriptId" > ? AND "transcriptId" <= ? ORDER BY "transcriptId"`)
        .raw()
        .iterate(from, top) as IterableIterator<[number, number, string, number]>;
      let row = start;
      let lastModel = -1;
      let col: ModelColumn | null = null;
      for (const [tid, modelId, label, score] of preds) {
        while (row < this.n && this.ids[row]! < tid) row++;
        if (row >= this.n || this.ids[row] !== tid) continue;
        if (modelId !== lastModel) {
          col = this.column(modelId);
          lastModel = modelId;
        }
        col!.label[row] = col!.dict.code(label) + 1;
        col!.score[row] = score;
      }
    });
    read.deferred();
    this.maxId = top;
    this.searchCache.clear();
    this.selectionCache.clear();
    if (this.byTimeCache) this.byTimeCache = this.mergeByTime(this.byTimeCache, start);
  }

  /** People's corrections, in the order they were made: the newest for a transcript × model wins. */
  private applyCorrections(conn: Database.Database): void {
    const rows = conn
      .prepare(`SELECT "id", "transcriptId", "modelId", "label" FROM "PredictionCorrection" WHERE "id" > ? ORDER BY "id"`)
      .raw()
      .all(this.maxCorrectionId) as [number, number, number, string][];
    if (rows.length) this.selectionCache.clear();
    for (const [id, transcriptId, modelId, label] of rows) {
      this.maxCorrectionId = id;
      const r = this.rowOf(transcriptId);
      if (r < 0) continue;
      const col = this.column(modelId);
      col.label[r] = col.dict.code(label) + 1;
      col.score[r] = CORRECTED_SCORE;
    }
  }

  /** Row indices newest first (ties: higher id first). Built once, then merged with new rows. */
  byTime(): Int32Array {
    if (!this.byTimeCache) this.byTimeCache = this.sortRows(0);
    return this.byTimeCache;
  }

  private sortRows(start: number): Int32Array {
    const time = this.time;
    const rows = new Int32Array(this.n - start);
    for (let i = 0; i < rows.length; i++) rows[i] = start + i;
    return rows.sort((a, b) => time[b]! - time[a]! || b - a);
  }

  private mergeByTime(old: Int32Array, start: number): Int32Array {
    const fresh = this.sortRows(start);
    const out = new Int32Array(old.length + fresh.length);
    const time = this.time;
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < old.length && j < fresh.length) {
      const a = old[i]!;
      const b = fresh[j]!;
      if (time[a]! > time[b]! || (time[a] === time[b] && a > b)) {
        out[k++] = a;
        i++;
      } else {
        out[k++] = b;
        j++;
      }
    }
    while (i < old.length) out[k++] = old[i++]!;
    while (j < fresh.length) out[k++] = fresh[j++]!;
    return out;
  }

  /** Row of a transcript id, or -1 (ids ascend with rows). */
  rowOf(id: number): number {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The confidence below which a model's prediction counts as Uncertain. */
  thresholdOf(modelId: number, minScore: number | null): number {
    return Math.max(this.meta.get(modelId)?.threshold ?? 0, minScore ?? 0);
  }

  private searchMask(q: string): Uint8Array {
    const cached = this.searchCache.get(q);
    if (cached) return cached;
    const mask = new Uint8Array(this.n);
    const query = ftsQuery(q);
    if (query) {
      const ids = this.connection()
        .prepare(`SELECT rowid FROM "TranscriptSearch" WHERE "TranscriptSearch" MATCH ?`)
        .raw()
        .iterate(query) as IterableIterator<[number]>;
      // FTS5 returns rowids in ascending order, like the rows: one moving pointer.
      let r = 0;
      for (const [id] of ids) {
        while (r < this.n && this.ids[r]! < id) r++;
        if (r >= this.n) break;
        if (this.ids[r] === id) mask[r] = 1;
      }
    } else mask.fill(1);
    if (this.searchCache.size > 16) this.searchCache.clear();
    this.searchCache.set(q, mask);
    return mask;
  }

  /**
   * The rows the filters keep. `period` overrides the filters' dates (the
   * previous period of the KPIs).
   */
  select(f: TDashboardFilters, period?: { from: string | null; to: string | null }): Selection {
    const from = period ? period.from : f.from;
    const to = period ? period.to : f.to;
    // The overview asks the same filters seven times at once (KPIs, four breakdowns, trend, cross-tab):
    // one pass serves them all until the index changes.
    const key = JSON.stringify([this.n, this.maxCorrectionId, this.modelsVersion, from, to, f.labels, f.minScore, f.language, f.channel, f.agent, f.queue, f.q]);
    const cached = this.selectionCache.get(key);
    if (cached) return cached;
    const rows = this.selectUncached(f, from, to);
    if (this.selectionCache.size >= 16) this.selectionCache.delete(this.selectionCache.keys().next().value!);
    this.selectionCache.set(key, rows);
    return rows;
  }

  private selectUncached(f: TDashboardFilters, from: string | null, to: string | null): Selection {
    const fromDay = from ? dayNumber(from) : -Infinity;
    const toDay = to ? dayNumber(to) : Infinity;

    const dimChecks: { codes: Uint32Array; allowed: Uint8Array }[] = [];
    for (const d of DIMENSIONS) {
      const values = f[d];
      if (!values.length) continue;
      const dim = this.dims[d];
      const allowed = new Uint8Array(dim.dict.values.length + 1);
      for (const v of values) {
        const c = dim.dict.find(v);
        if (c !== undefined) allowed[c + 1] = 1;
      }
      dimChecks.push({ codes: dim.codes, allowed });
    }
    const labelChecks: { label: Uint16Array; score: Float32Array; allowed: Uint8Array; min: number }[] = [];
    for (const [key, labels] of Object.entries(f.labels)) {
      const modelId = Number(key);
      const col = this.models.get(modelId);
      if (!col) return new Int32Array(0);
      const allowed = new Uint8Array(col.dict.values.length + 1);
      for (const l of labels) {
        const c = col.dict.find(l);
        if (c !== undefined) allowed[c + 1] = 1;
      }
      labelChecks.push({ label: col.label, score: col.score, allowed, min: this.thresholdOf(modelId, f.minScore) });
    }
    const search = f.q ? this.searchMask(f.q) : null;

    const out = new Int32Array(this.n);
    let k = 0;
    const day = this.day;
    const n = this.n;
    outer: for (let r = 0; r < n; r++) {
      const d = day[r]!;
      if (d < fromDay || d > toDay) continue;
      if (search && !search[r]) continue;
      for (const c of dimChecks) if (!c.allowed[c.codes[r]!]) continue outer;
      for (const c of labelChecks) if (!c.allowed[c.label[r]!] || c.score[r]! < c.min) continue outer;
      out[k++] = r;
    }
    return out.subarray(0, k);
  }

  /** A membership mask of a selection, for walking rows in another order. */
  maskOf(rows: Selection): Uint8Array {
    const mask = new Uint8Array(this.n);
    for (let i = 0; i < rows.length; i++) mask[rows[i]!] = 1;
    return mask;
  }

  /**
   * Transcript rows by id, straight from the database (the text cut to
   * `textChars` characters when given), in no particular order.
   */
  readTranscripts(ids: readonly number[], textChars?: number): StoredTranscript[] {
    if (!ids.length) return [];
    const text = textChars ? `substr("text", 1, ${Math.floor(textChars)})` : `"text"`;
    const out: StoredTranscript[] = [];
    const conn = this.connection();
    for (let i = 0; i < ids.length; i += 900) {
      const part = ids.slice(i, i + 900);
      const rows = conn
        .prepare(
          `SELECT "id", "externalId", "occurredAt", "channel", "agent", "queue", "customerId", "language", "metadata", ${text} AS "text" FROM "Transcript" WHERE "id" IN (${part.map(() => '?').join(',')})`,
        )
        .all(...part) as (Omit<StoredTranscript, 'occurredAt'> & { occurredAt: unknown })[];
      for (const r of rows) out.push({ ...r, occurredAt: new Date(parseTime(r.occurredAt)).toISOString() });
    }
    return out;
  }

  /** Stored top predictions of transcripts by id (from the database, not the index: an export must not mix two epochs). */
  readPredictions(ids: readonly number[]): Map<number, Record<number, { label: string; score: number; corrected?: boolean }>> {
    const out = new Map<number, Record<number, { label: string; score: number; corrected?: boolean }>>();
    const conn = this.connection();
    for (let i = 0; i < ids.length; i += 900) {
      const part = ids.slice(i, i + 900);
      const rows = conn
        .prepare(`SELECT "transcriptId", "modelId", "label", "score" FROM "Prediction" WHERE "transcriptId" IN (${part.map(() => '?').join(',')})`)
        .raw()
        .all(...part) as [number, number, string, number][];
      for (const [tid, modelId, label, score] of rows) {
        let rec = out.get(tid);
        if (!rec) out.set(tid, (rec = {}));
        rec[modelId] = { label, score };
      }
      const corrections = conn
        .prepare(`SELECT "transcriptId", "modelId", "label" FROM "PredictionCorrection" WHERE "transcriptId" IN (${part.map(() => '?').join(',')}) ORDER BY "id"`)
        .raw()
        .all(...part) as [number, number, string][];
      for (const [tid, modelId, label] of corrections) {
        let rec = out.get(tid);
        if (!rec) out.set(tid, (rec = {}));
        rec[modelId] = { label, score: 1, corrected: true };
      }
    }
    return out;
  }

  /** Per-label counts of a model over the selected rows. `counts[c]` is label code c (0: no prediction); `uncertain` are below the threshold. */
  countLabels(rows: Selection, modelId: number, threshold: number): { counts: Float64Array; uncertain: number; total: number; dict: Dict | null } {
    const col = this.models.get(modelId);
    if (!col) return { counts: new Float64Array(1), uncertain: 0, total: 0, dict: null };
    const counts = new Float64Array(col.dict.values.length + 1);
    let uncertain = 0;
    let total = 0;
    const { label, score } = col;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const l = label[r]!;
      if (!l) continue;
      total++;
      if (score[r]! < threshold) uncertain++;
      else counts[l]!++;
    }
    return { counts, uncertain, total, dict: col.dict };
  }
}

const globalForIndex = globalThis as unknown as { callsightFactIndexes?: Map<string, FactIndex> };

/** The process's analytics index for a database, up to date (within a quarter of a second). */
export function getFactIndex(db: Db): FactIndex {
  const url = databaseUrlOf(db);
  if (isPostgresUrl(url)) throw new Error('The analytics index reads SQLite only so far (PostgreSQL is on the way).');
  const path = sqlitePath(url);
  const indexes = (globalForIndex.callsightFactIndexes ??= new Map());
  let index = indexes.get(path);
  if (!index) {
    if (!existsSync(path)) throw new Error(`No database at ${path}: run npx callsight migrate first.`);
    index = new FactIndex(path);
    indexes.set(path, index);
  }
  return index.refresh();
}

/** Tells every process's analytics index to reload: call after changing or deleting stored predictions or transcripts. */
export async function bumpAnalyticsEpoch(db: Db): Promise<void> {
  await db.analyticsState.update({ where: { id: 1 }, data: { epoch: { increment: 1 } } });
}
