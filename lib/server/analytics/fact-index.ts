import 'server-only';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { databaseUrlOf, type Db } from '@/lib/db';
import { ApiError } from '@/lib/errors';
import type { TDashboardFilters } from '@/lib/schemas/dashboard-filters';
import { openIndexReader, type CorrectionRead, type IndexRead, type IndexReader, type IndexState, type ModelFact, type PredictionFact, type StoredPredictions, type StoredTranscript, type TranscriptFact } from './index-reader';
import { compact, missingRanges, settle, withoutFound, type PendingRange } from './pending-ids';

export { ftsQuery, tsQuery, type StoredTranscript } from './index-reader';

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
 * predictions must bump it: see bumpAnalyticsEpoch). What it reads, it reads
 * through an IndexReader (index-reader.ts: SQLite and PostgreSQL side by
 * side), in one transaction per refresh, so transcripts, predictions and
 * corrections come from one snapshot.
 *
 * Transcript and prediction rows of one transcript are always committed in
 * one transaction. On SQLite ids grow in commit order (one writer at a time),
 * so "every id above the last one loaded" is exactly what is new.
 *
 * Pending ids (PostgreSQL). A sequence hands ids out before commit: the
 * ingest chunk holding id 100 can commit after the one holding 101 is
 * visible, and `id > maxId` alone would skip 100 forever. Ids can also be
 * lost for good (a rolled-back chunk, an insert that conflicted), so "wait
 * for the hole to fill" would stall the dashboard. Instead, every id at or
 * below the watermark that a read did not see is kept as pending and asked
 * for again at each refresh (one indexed query over a few ranges); when it
 * turns up it is merged into its place (a new FactIndex with the rows in id
 * order, so callers holding the old one are not disturbed). A pending range
 * is given up only when its fate is decided, by transaction ids rather than
 * a guess at how long a transaction takes: once it has been missing for
 * `settleMs` (10 s: covers the instant between a transaction taking a
 * sequence value and getting its transaction id), the read's
 * pg_snapshot_xmax becomes its horizon; once a later read's
 * pg_snapshot_xmin has passed that horizon, every transaction that could
 * have held those ids has ended, and ids still not visible never will be. A
 * long transaction therefore delays nothing but its own rows, and is never
 * lost however long it runs. Corrections (PredictionCorrection ids) are
 * followed the same way; a late correction only wins if it is the newest for
 * its transcript × model (the reader returns the newest per pair). This
 * assumes the id sequences hand out one value at a time (CACHE 1, what
 * SERIAL creates).
 */

const DAY_MS = 86_400_000;
const SNAPSHOT_FORMAT = 6;
/** How long an id must have been missing before its horizon is taken (see "pending ids" above). */
export const PENDING_SETTLE_MS = 10_000;
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
  /** 4 bytes for the fields (any number of agents), 2 for metadata keys (at most MAX_META_DISTINCT values) */
  codes: Uint32Array | Uint16Array;
  dict: Dict;
}

/**
 * The score a corrected prediction carries in the index: above any model
 * score, so it always counts, and recognisable as a person's word.
 */
export const CORRECTED_SCORE = 2;

/** A model's predictions: label 0 is "no prediction", label k is dict.values[k - 1]; a score of CORRECTED_SCORE marks a correction; oos 1: the text was unlike the training data. */
export interface ModelColumn {
  label: Uint16Array;
  score: Float32Array;
  oos: Uint8Array;
  dict: Dict;
}

export interface ModelMeta {
  id: number;
  name: string;
  multiLabel: boolean;
  threshold: number;
  /** where the threshold comes from (lib/server/models/threshold.ts) */
  thresholdSource?: 'set' | 'evaluation' | 'default';
  labels: string[];
}

export const DIMENSIONS = ['channel', 'agent', 'queue', 'language'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Metadata keys (the upload's other columns) are dimensions too, each a
 * dictionary-encoded column like channel's. Bounds, so one odd upload cannot
 * take the server's memory: at most MAX_META_KEYS keys, and a key with more
 * than MAX_META_DISTINCT distinct values (a free-text note, a ticket id) is
 * not indexed at all: filtering or breaking down by it is refused with a
 * message saying why (MetaKeyNotIndexedError).
 */
export const MAX_META_KEYS = 64;
export const MAX_META_DISTINCT = 20_000;

/** A 400: the key cannot be a filter or a breakdown. */
export class MetaKeyNotIndexedError extends ApiError {
  constructor(readonly key: string) {
    const message = `The metadata key "${key}" has more than ${MAX_META_DISTINCT.toLocaleString('en-US')} different values (or came after the first ${MAX_META_KEYS} keys), so it is not a dimension; it is kept with each transcript and exported. Search its text with q= instead.`;
    super(400, 'invalid_request', message, [{ path: `meta.${key}`, message: 'not a dimension: too many different values' }]);
    this.name = 'MetaKeyNotIndexedError';
  }
}


/** Rows that matched a selection, ascending. */
export type Selection = Int32Array;

export const dayNumber = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
export const dayString = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

interface Staged {
  /** the highest transcript id the read saw (or the old watermark) */
  top: number;
}

/**
 * A database's index as it changes over time: the current FactIndex, one
 * refresh at a time, and the reader. A refresh that only appends rows
 * updates the current FactIndex in place (rows already there keep their
 * numbers); one that renumbers rows (a reload, or late rows merged into id
 * order) makes a new FactIndex, so a caller that selected rows from the old
 * one and awaits the database can still read them consistently.
 */
class IndexSource {
  current: FactIndex;
  settleMs = PENDING_SETTLE_MS;
  private checkedAt = 0;
  private running: Promise<FactIndex> | null = null;

  constructor(
    readonly reader: IndexReader,
    public snapshots: boolean,
  ) {
    this.current = new FactIndex(this, '\0', -1);
  }

  refresh(maxAgeMs: number): Promise<FactIndex> {
    // One refresh at a time; whoever asks meanwhile waits for it and then
    // decides whether it was recent enough (the overview asks seven times at once).
    if (this.running) return this.running.then(() => this.refresh(maxAgeMs));
    if (Date.now() - this.checkedAt < maxAgeMs) return Promise.resolve(this.current);
    this.running = this.update().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async update(): Promise<FactIndex> {
    const startedAt = Date.now();
    const t0 = performance.now();
    let next = this.current;
    await this.reader.read(async (read) => {
      const state = await read.state();
      if (state.instance !== next.instance || state.epoch !== next.epoch) {
        next = new FactIndex(this, state.instance, state.epoch);
        if (this.snapshots) next.readSnapshot(this.reader.snapshotPath(state.instance));
      }
      const models = await read.models();
      const staged = await next.stage(read);
      const corrections = await read.corrections(next.maxCorrectionId, next.pendingCorrectionIds);
      // From here on synchronous: no caller sees half an update.
      next.setModels(models);
      next = next.commit(staged, state, startedAt);
      next.applyCorrections(corrections, state, startedAt);
    });
    if (next.n && performance.now() - t0 > 50) next.lastLoadMs = performance.now() - t0;
    this.current = next;
    this.checkedAt = startedAt;
    // Keep the snapshot close behind, so the next process starts warm.
    if (this.snapshots && next.snapshotDue()) {
      if (!next.writeSnapshot(this.reader.snapshotPath(next.instance))) this.snapshots = false;
    }
    return next;
  }

  /** Only ids missing from the database for `settleMs` get a horizon (tests shorten it). */
  settle(pending: readonly PendingRange[], state: IndexState, now: number): PendingRange[] {
    if (this.reader.idsInCommitOrder || state.xmin === undefined || state.xmax === undefined) return [];
    return compact(settle(pending, now, state.xmin, state.xmax, this.settleMs));
  }
}

export class FactIndex {
  n = 0;
  /** rows written, `n` of them visible (a refresh stages rows past `n` before it shows them) */
  private filled = 0;
  private cap = 0;
  ids = new Int32Array(0);
  time = new Float64Array(0);
  day = new Int32Array(0);
  dims = Object.fromEntries(DIMENSIONS.map((d) => [d, { codes: new Uint32Array(0), dict: new Dict() }])) as Record<Dimension, DimColumn>;
  /** metadata key → its column (see MAX_META_KEYS) */
  metaDims = new Map<string, { codes: Uint16Array; dict: Dict }>();
  /** keys seen but not indexed (too many values, or past MAX_META_KEYS) */
  unindexedMeta = new Set<string>();
  /** the import (IngestJob id) of each row */
  imports: DimColumn = { codes: new Uint32Array(0), dict: new Dict() };
  models = new Map<number, ModelColumn>();
  meta = new Map<number, ModelMeta>();

  maxId = 0;
  maxCorrectionId = 0;
  /** transcript ids at or below maxId not seen yet (PostgreSQL; see "pending ids") */
  pendingIds: PendingRange[] = [];
  /** the same for PredictionCorrection ids */
  pendingCorrectionIds: PendingRange[] = [];
  private byTimeCache: Int32Array | null = null;
  private searchCache = new Map<string, Uint8Array>();
  private selectionCache = new Map<string, Selection>();
  /** bumped by anything that changes which rows a search or selection returns */
  private version = 0;
  /** changes whenever model metadata (thresholds) is reloaded with a difference */
  private modelsVersion = 0;
  private thresholdSignature = '';
  /** how long the last (re)load took, for the benchmark */
  lastLoadMs = 0;
  private snapshotMaxId = -1;
  private snapshotRows = -1;

  constructor(
    private readonly source: IndexSource,
    readonly instance: string,
    readonly epoch: number,
  ) {}

  /** Brings the index up to date with the database (checks at most every `maxAgeMs`); resolves to the current index, which may be a new one. */
  refresh(maxAgeMs = 250): Promise<FactIndex> {
    return this.source.refresh(maxAgeMs);
  }

  /** How long a missing id waits before its horizon is taken (see "pending ids"); tests shorten it. */
  set pendingSettleMs(ms: number) {
    this.source.settleMs = ms;
  }

  /** Closes the index's database connection (it reopens on the next refresh). */
  close(): Promise<void> {
    return this.source.reader.close();
  }

  snapshotDue(): boolean {
    return this.maxId !== this.snapshotMaxId && (this.n - this.snapshotRows >= Math.max(5_000, this.snapshotRows / 10) || this.snapshotRows === -1);
  }

  /**
   * The index as a file (about 70 bytes a transcript): next to a SQLite
   * database, in ANALYTICS_CACHE_DIR named by AnalyticsState.instance for
   * PostgreSQL. A restarted server answers its first query in a fraction of
   * a second instead of re-reading every transcript and prediction. Only
   * used when it was written from this database (`instance`) at this
   * `epoch`; anything newer than its `maxId` (and its pending ids) is loaded
   * from the database as usual. False when it could not be written.
   */
  writeSnapshot(path: string): boolean {
    const n = this.n;
    const parts: ArrayBufferView[] = [
      this.ids.subarray(0, n),
      this.time.subarray(0, n),
      this.day.subarray(0, n),
      ...DIMENSIONS.map((d) => this.dims[d].codes.subarray(0, n)),
      this.imports.codes.subarray(0, n),
    ];
    const metaKeys = [...this.metaDims.keys()];
    for (const k of metaKeys) parts.push(this.metaDims.get(k)!.codes.subarray(0, n));
    const models = [...this.models.entries()];
    for (const [, m] of models) parts.push(m.label.subarray(0, n), m.score.subarray(0, n), m.oos.subarray(0, n));
    parts.push(this.byTime());
    const header = Buffer.from(
      JSON.stringify({
        format: SNAPSHOT_FORMAT,
        instance: this.instance,
        epoch: this.epoch,
        maxId: this.maxId,
        maxCorrectionId: this.maxCorrectionId,
        pendingIds: this.pendingIds,
        pendingCorrectionIds: this.pendingCorrectionIds,
        n,
        dims: Object.fromEntries(DIMENSIONS.map((d) => [d, this.dims[d].dict.values])),
        imports: this.imports.dict.values,
        meta: metaKeys.map((key) => ({ key, values: this.metaDims.get(key)!.dict.values })),
        unindexedMeta: [...this.unindexedMeta],
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
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(tmp, Buffer.concat(chunks));
      renameSync(tmp, path);
      this.snapshotMaxId = this.maxId;
      this.snapshotRows = n;
      return true;
    } catch (e) {
      // A read-only data folder costs start-up time, not correctness.
      console.warn(`analytics: could not write ${path} (${e instanceof Error ? e.message : String(e)}); starting cold next time`);
      return false;
    }
  }

  /** Fills a new, empty index from a snapshot file, if there is a valid one for its instance and epoch. */
  readSnapshot(path: string): void {
    let buf: Buffer;
    try {
      buf = readFileSync(path);
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
        pendingIds: PendingRange[];
        pendingCorrectionIds: PendingRange[];
        n: number;
        dims: Record<Dimension, string[]>;
        imports: string[];
        meta: { key: string; values: string[] }[];
        unindexedMeta: string[];
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
      this.imports.codes.set(take((b) => new Uint32Array(b), n * 4));
      for (const v of h.imports) this.imports.dict.code(v);
      for (const m of h.meta) {
        const col = this.metaColumn(m.key)!;
        col.codes.set(take((b) => new Uint16Array(b), n * 2));
        for (const v of m.values) col.dict.code(v);
      }
      for (const k of h.unindexedMeta) this.unindexedMeta.add(k);
      for (const m of h.models) {
        const col = this.column(m.id);
        col.label.set(take((b) => new Uint16Array(b), n * 2));
        col.score.set(take((b) => new Float32Array(b), n * 4));
        col.oos.set(take((b) => new Uint8Array(b), n));
        for (const l of m.labels) col.dict.code(l);
      }
      this.n = n;
      this.filled = n;
      this.byTimeCache = take((b) => new Int32Array(b), n * 4);
      this.maxId = h.maxId;
      this.maxCorrectionId = h.maxCorrectionId ?? 0;
      this.pendingIds = h.pendingIds ?? [];
      this.pendingCorrectionIds = h.pendingCorrectionIds ?? [];
      this.snapshotMaxId = h.maxId;
      this.snapshotRows = n;
    } catch (e) {
      // A damaged snapshot is only a slower start: rebuild from the database.
      console.warn(`analytics: ignoring ${path} (${e instanceof Error ? e.message : String(e)})`);
      this.clear();
    }
  }

  private clear(): void {
    this.n = 0;
    this.filled = 0;
    this.cap = 0;
    this.ids = new Int32Array(0);
    this.time = new Float64Array(0);
    this.day = new Int32Array(0);
    for (const d of DIMENSIONS) this.dims[d] = { codes: new Uint32Array(0), dict: new Dict() };
    this.imports = { codes: new Uint32Array(0), dict: new Dict() };
    this.metaDims.clear();
    this.unindexedMeta.clear();
    this.models.clear();
    this.maxId = 0;
    this.maxCorrectionId = 0;
    this.pendingIds = [];
    this.pendingCorrectionIds = [];
    this.snapshotMaxId = -1;
    this.snapshotRows = -1;
    this.byTimeCache = null;
  }

  setModels(models: ModelFact[]): void {
    this.meta = new Map(models.map((m) => [m.id, m]));
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
    const filled = this.filled;
    const grow = <T extends Int32Array | Float64Array | Uint32Array | Uint16Array | Float32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a.subarray(0, filled));
      return b;
    };
    this.ids = grow(this.ids, (n) => new Int32Array(n));
    this.time = grow(this.time, (n) => new Float64Array(n));
    this.day = grow(this.day, (n) => new Int32Array(n));
    for (const d of DIMENSIONS) this.dims[d].codes = grow(this.dims[d].codes, (n) => new Uint32Array(n));
    this.imports.codes = grow(this.imports.codes, (n) => new Uint32Array(n));
    for (const m of this.metaDims.values()) m.codes = grow(m.codes, (n) => new Uint16Array(n));
    for (const m of this.models.values()) {
      m.label = grow(m.label, (n) => new Uint16Array(n));
      m.score = grow(m.score, (n) => new Float32Array(n));
      m.oos = grow(m.oos, (n) => new Uint8Array(n));
    }
    this.cap = cap;
  }

  /** A metadata key's column, made on first sight; null when the key is not indexed (see MAX_META_KEYS). */
  private metaColumn(key: string): { codes: Uint16Array; dict: Dict } | null {
    let c = this.metaDims.get(key);
    if (c) return c;
    if (this.unindexedMeta.has(key)) return null;
    if (this.metaDims.size >= MAX_META_KEYS) {
      this.unindexedMeta.add(key);
      return null;
    }
    c = { codes: new Uint16Array(this.cap), dict: new Dict() };
    this.metaDims.set(key, c);
    return c;
  }

  private column(modelId: number): ModelColumn {
    let c = this.models.get(modelId);
    if (!c) {
      c = { label: new Uint16Array(this.cap), score: new Float32Array(this.cap), oos: new Uint8Array(this.cap), dict: new Dict() };
      this.models.set(modelId, c);
    }
    return c;
  }

  /**
   * Reads the new transcripts (above maxId) and the pending ones into rows
   * past `n`, where no caller looks yet; `commit` shows them.
   */
  async stage(read: IndexRead): Promise<Staged> {
    this.filled = this.n;
    const top = await read.maxTranscriptId();
    const ranges = this.pendingIds.map(({ lo, hi }) => ({ lo, hi }));
    if (top > this.maxId) ranges.push({ lo: this.maxId + 1, hi: top });
    if (ranges.length) await read.facts(ranges, (transcripts, predictions) => this.stagePage(transcripts, predictions));
    return { top: Math.max(top, this.maxId) };
  }

  private stagePage(transcripts: Iterable<TranscriptFact>, predictions: Iterable<PredictionFact>): void {
    const start = this.filled;
    const dims = DIMENSIONS.map((d) => this.dims[d]);
    for (const r of transcripts) {
      if (this.filled >= this.cap) this.grow(this.filled + 1);
      const i = this.filled++;
      this.ids[i] = r[0];
      const t = r[1];
      this.time[i] = t;
      this.day[i] = Math.floor(t / DAY_MS);
      for (let k = 0; k < dims.length; k++) {
        const v = r[k + 2];
        const dim = dims[k]!;
        dim.codes[i] = v === null || v === undefined || v === '' ? 0 : dim.dict.code(String(v)) + 1;
      }
      const importJobId = r[7];
      this.imports.codes[i] = importJobId ? this.imports.dict.code(importJobId) + 1 : 0;
      const metadata = r[6];
      if (metadata && metadata !== '{}') this.stageMeta(i, metadata);
    }
    // Predictions in transcript order, matched to the page's rows with a moving pointer.
    let row = start;
    let lastModel = -1;
    let col: ModelColumn | null = null;
    for (const [tid, modelId, label, score, outOfScope] of predictions) {
      while (row < this.filled && this.ids[row]! < tid) row++;
      if (row >= this.filled || this.ids[row] !== tid) continue;
      if (modelId !== lastModel) {
        col = this.column(modelId);
        lastModel = modelId;
      }
      col!.label[row] = col!.dict.code(label) + 1;
      col!.score[row] = score;
      col!.oos[row] = outOfScope ? 1 : 0;
    }
  }

  private stageMeta(row: number, json: string): void {
    let object: unknown;
    try {
      object = JSON.parse(json);
    } catch {
      return;
    }
    if (typeof object !== 'object' || object === null || Array.isArray(object)) return;
    for (const [key, value] of Object.entries(object as Record<string, unknown>)) {
      if (typeof value !== 'string' || value === '') continue;
      const col = this.metaColumn(key);
      if (!col) continue;
      const c = col.dict.code(value);
      if (col.dict.values.length > MAX_META_DISTINCT) {
        // Too many values to be a dimension: forget the column (its codes are never read again).
        this.metaDims.delete(key);
        this.unindexedMeta.add(key);
        continue;
      }
      col.codes[row] = c + 1;
    }
  }

  /** Shows the staged rows; returns the index that now holds them (a new one when late rows had to be merged into id order). */
  commit(staged: Staged, state: IndexState, now: number): FactIndex {
    const start = this.n;
    const end = this.filled;
    const found = this.ids.subarray(start, end);
    // Staged ids ascend (pending ranges lie below the watermark, new ids above it).
    let firstNew = 0;
    while (firstNew < found.length && found[firstNew]! <= this.maxId) firstNew++;
    const pending = withoutFound(this.pendingIds, found.subarray(0, firstNew));
    if (staged.top > this.maxId) pending.push(...missingRanges(this.maxId + 1, staged.top, found.subarray(firstNew), now));
    const late = firstNew > 0 && start > 0;
    const index = late ? this.reordered() : this;
    if (!late && end > start) {
      this.n = end;
      if (this.byTimeCache) this.byTimeCache = mergeByTime(this.time, this.byTimeCache, this.sortRows(start));
    }
    index.maxId = staged.top;
    index.pendingIds = this.source.settle(pending, state, now);
    if (end > start) index.changed();
    return index;
  }

  private changed(): void {
    this.version++;
    this.searchCache.clear();
    this.selectionCache.clear();
  }

  /** A new index with the staged rows merged into id order (the rows of late transcripts renumber those after them). */
  private reordered(): FactIndex {
    const start = this.n;
    const n = this.filled;
    const ids = this.ids;
    const order = new Int32Array(n);
    let i = 0;
    let j = start;
    let k = 0;
    while (i < start && j < n) order[k++] = ids[i]! < ids[j]! ? i++ : j++;
    while (i < start) order[k++] = i++;
    while (j < n) order[k++] = j++;

    const next = new FactIndex(this.source, this.instance, this.epoch);
    const permute = <T extends Int32Array | Float64Array | Uint32Array | Uint16Array | Float32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      for (let r = 0; r < n; r++) b[r] = a[order[r]!]!;
      return b;
    };
    next.ids = permute(ids, (c) => new Int32Array(c));
    next.time = permute(this.time, (c) => new Float64Array(c));
    next.day = permute(this.day, (c) => new Int32Array(c));
    for (const d of DIMENSIONS) next.dims[d] = { codes: permute(this.dims[d].codes, (c) => new Uint32Array(c)), dict: this.dims[d].dict };
    next.imports = { codes: permute(this.imports.codes, (c) => new Uint32Array(c)), dict: this.imports.dict };
    for (const [key, m] of this.metaDims) next.metaDims.set(key, { codes: permute(m.codes, (c) => new Uint16Array(c)), dict: m.dict });
    for (const k of this.unindexedMeta) next.unindexedMeta.add(k);
    for (const [id, m] of this.models) next.models.set(id, { label: permute(m.label, (c) => new Uint16Array(c)), score: permute(m.score, (c) => new Float32Array(c)), oos: permute(m.oos, (c) => new Uint8Array(c)), dict: m.dict });
    next.n = n;
    next.filled = n;
    next.cap = n;
    next.meta = this.meta;
    next.thresholdSignature = this.thresholdSignature;
    next.modelsVersion = this.modelsVersion;
    next.maxCorrectionId = this.maxCorrectionId;
    next.pendingCorrectionIds = this.pendingCorrectionIds;
    next.snapshotMaxId = this.snapshotMaxId;
    next.snapshotRows = this.snapshotRows;
    next.lastLoadMs = this.lastLoadMs;
    if (this.byTimeCache) {
      const position = new Int32Array(n);
      for (let r = 0; r < n; r++) position[order[r]!] = r;
      const old = this.byTimeCache.map((r) => position[r]!);
      const fresh = new Int32Array(n - start);
      for (let r = start; r < n; r++) fresh[r - start] = position[r]!;
      fresh.sort((a, b) => next.time[b]! - next.time[a]! || b - a);
      next.byTimeCache = mergeByTime(next.time, old, fresh);
    }
    // This index stays as it was for whoever still holds it.
    this.filled = this.n;
    return next;
  }

  /** People's corrections: for every transcript × model touched, the newest one. */
  applyCorrections(c: CorrectionRead, state: IndexState, now: number): void {
    if (!c.ids.length) return;
    this.selectionCache.clear();
    for (const [transcriptId, modelId, label] of c.latest) {
      const r = this.rowOf(transcriptId);
      if (r < 0) continue;
      const col = this.column(modelId);
      col.label[r] = col.dict.code(label) + 1;
      col.score[r] = CORRECTED_SCORE;
      col.oos[r] = 0;
    }
    const top = Math.max(this.maxCorrectionId, c.ids[c.ids.length - 1]!);
    let firstNew = 0;
    while (firstNew < c.ids.length && c.ids[firstNew]! <= this.maxCorrectionId) firstNew++;
    const pending = withoutFound(this.pendingCorrectionIds, c.ids.slice(0, firstNew));
    pending.push(...missingRanges(this.maxCorrectionId + 1, top, c.ids.slice(firstNew), now));
    this.pendingCorrectionIds = this.source.settle(pending, state, now);
    this.maxCorrectionId = top;
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

  /** The confidence below which a model's prediction counts as Uncertain: the filters' `min` when given (lower or higher), else the model's own threshold. */
  thresholdOf(modelId: number, minScore: number | null): number {
    return minScore ?? this.meta.get(modelId)?.threshold ?? 0;
  }

  /**
   * What a row's prediction of a model counts as: 0 no prediction, 1 a label
   * (its code is label[r]), 2 uncertain (below the threshold), 3 out of scope
   * (unlike the training data). A person's correction always counts.
   */
  static stateOf(col: ModelColumn, r: number, threshold: number): 0 | 1 | 2 | 3 {
    if (!col.label[r]) return 0;
    const score = col.score[r]!;
    if (score === CORRECTED_SCORE) return 1;
    if (col.oos[r]) return 3;
    return score < threshold ? 2 : 1;
  }

  /** The rows a text search keeps, and how many stored transcripts it could not look at yet (not indexed for search). */
  private async searchMask(q: string): Promise<{ mask: Uint8Array; notSearchable: number }> {
    const cached = this.searchCache.get(q);
    if (cached) return { mask: cached, notSearchable: 0 };
    const version = this.version;
    const hits = await this.source.reader.search(q);
    const mask = new Uint8Array(this.n);
    if (hits) {
      // Ids come ascending, like the rows: one moving pointer.
      let r = 0;
      for (const id of hits.ids) {
        while (r < this.n && this.ids[r]! < id) r++;
        if (r >= this.n) break;
        if (this.ids[r] === id) mask[r] = 1;
      }
    } else mask.fill(1);
    const notSearchable = hits?.notSearchable ?? 0;
    // Rows that arrived during the search are not in it, and transcripts still waiting to be indexed are
    // not in any search yet: use such a mask once, do not keep it.
    if (version !== this.version || notSearchable) return { mask, notSearchable };
    if (this.searchCache.size > 16) this.searchCache.clear();
    this.searchCache.set(q, mask);
    return { mask, notSearchable: 0 };
  }

  /**
   * The rows the filters keep. `period` overrides the filters' dates (the
   * previous period of the KPIs).
   */
  async select(f: TDashboardFilters, period?: { from: string | null; to: string | null }): Promise<Selection> {
    return (await this.selectSearched(f, period)).rows;
  }

  /**
   * select(), and how many stored transcripts the filters' text search (`q`)
   * could not look at yet because they are not indexed for search (0 without
   * `q`): the drill-down says so next to its results.
   */
  async selectSearched(f: TDashboardFilters, period?: { from: string | null; to: string | null }): Promise<{ rows: Selection; notSearchable: number }> {
    const from = period ? period.from : f.from;
    const to = period ? period.to : f.to;
    // The overview asks the same filters seven times at once (KPIs, four breakdowns, trend, cross-tab):
    // one pass serves them all until the index changes.
    const key = JSON.stringify([this.n, this.maxCorrectionId, this.modelsVersion, from, to, f.labels, f.buckets, f.minScore, f.language, f.channel, f.agent, f.queue, f.meta, f.imports, f.q]);
    const cached = this.selectionCache.get(key);
    if (cached) return { rows: cached, notSearchable: 0 };
    // The search first: everything after it is synchronous, so the rows cannot change under the pass.
    const search = f.q ? await this.searchMask(f.q) : null;
    const cachedNow = this.selectionCache.get(key);
    if (cachedNow) return { rows: cachedNow, notSearchable: 0 };
    const rows = this.selectUncached(f, from, to, search?.mask ?? null);
    const notSearchable = search?.notSearchable ?? 0;
    // A search that could not see every transcript is asked again next time, when more may be indexed.
    if (notSearchable) return { rows, notSearchable };
    if (this.selectionCache.size >= 16) this.selectionCache.delete(this.selectionCache.keys().next().value!);
    this.selectionCache.set(key, rows);
    return { rows, notSearchable: 0 };
  }

  private selectUncached(f: TDashboardFilters, from: string | null, to: string | null, search: Uint8Array | null): Selection {
    const fromDay = from ? dayNumber(from) : -Infinity;
    const toDay = to ? dayNumber(to) : Infinity;

    const dimChecks: { codes: Uint32Array | Uint16Array; allowed: Uint8Array }[] = [];
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
    for (const [key, values] of Object.entries(f.meta)) {
      if (!values.length) continue;
      const dim = this.metaDims.get(key);
      if (!dim) {
        if (this.unindexedMeta.has(key)) throw new MetaKeyNotIndexedError(key);
        return new Int32Array(0); // a key no transcript has
      }
      const allowed = new Uint8Array(dim.dict.values.length + 1);
      for (const v of values) {
        const c = dim.dict.find(v);
        if (c !== undefined) allowed[c + 1] = 1;
      }
      dimChecks.push({ codes: dim.codes, allowed });
    }
    if (f.imports.length) {
      const allowed = new Uint8Array(this.imports.dict.values.length + 1);
      for (const v of f.imports) {
        const c = this.imports.dict.find(v);
        if (c !== undefined) allowed[c + 1] = 1;
      }
      dimChecks.push({ codes: this.imports.codes, allowed });
    }
    // A model's label and bucket filters: a row passes when its prediction counts as one of the labels, or falls in one of the buckets.
    const labelChecks: { col: ModelColumn; allowed: Uint8Array; uncertain: boolean; outOfScope: boolean; min: number }[] = [];
    for (const key of new Set([...Object.keys(f.labels), ...Object.keys(f.buckets)])) {
      const modelId = Number(key);
      const col = this.models.get(modelId);
      if (!col) return new Int32Array(0);
      const allowed = new Uint8Array(col.dict.values.length + 1);
      for (const l of f.labels[modelId] ?? []) {
        const c = col.dict.find(l);
        if (c !== undefined) allowed[c + 1] = 1;
      }
      const buckets = f.buckets[modelId] ?? [];
      labelChecks.push({ col, allowed, uncertain: buckets.includes('uncertain'), outOfScope: buckets.includes('out_of_scope'), min: this.thresholdOf(modelId, f.minScore) });
    }
    const out = new Int32Array(this.n);
    let k = 0;
    const day = this.day;
    const n = this.n;
    outer: for (let r = 0; r < n; r++) {
      const d = day[r]!;
      if (d < fromDay || d > toDay) continue;
      if (search && !search[r]) continue;
      for (const c of dimChecks) if (!c.allowed[c.codes[r]!]) continue outer;
      for (const c of labelChecks) {
        const state = FactIndex.stateOf(c.col, r, c.min);
        if (state === 1 ? !c.allowed[c.col.label[r]!] : state === 2 ? !c.uncertain : state === 3 ? !c.outOfScope : true) continue outer;
      }
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
  readTranscripts(ids: readonly number[], textChars?: number): Promise<StoredTranscript[]> {
    return this.source.reader.readTranscripts(ids, textChars);
  }

  /** One model's stored score vectors of transcripts by id (for estimated shares). */
  readScores(ids: readonly number[], modelId: number): Promise<Map<number, number[]>> {
    return this.source.reader.readScores(ids, modelId);
  }

  /** Stored top predictions of transcripts by id (from the database, not the index: an export must not mix two epochs). */
  readPredictions(ids: readonly number[]): Promise<StoredPredictions> {
    return this.source.reader.readPredictions(ids);
  }

  /**
   * The column of a dimension string's field or metadata key (null: no
   * transcript has that key). Throws MetaKeyNotIndexedError for a key with
   * too many values to index.
   */
  dimColumn(d: { kind: 'meta'; key: string } | { kind: 'field'; field: Dimension }): DimColumn | null {
    if (d.kind === 'field') return this.dims[d.field];
    const col = this.metaDims.get(d.key);
    if (!col && this.unindexedMeta.has(d.key)) throw new MetaKeyNotIndexedError(d.key);
    return col ?? null;
  }

  /** Per-value counts of a field or metadata column over the selected rows; `counts[c]` is code c (0: no value). */
  countCodes(rows: Selection, col: DimColumn): Float64Array {
    const counts = new Float64Array(col.dict.values.length + 1);
    const codes = col.codes;
    for (let i = 0; i < rows.length; i++) counts[codes[rows[i]!]!]!++;
    return counts;
  }

  /**
   * Per-label counts of a model over the selected rows. `counts[c]` is label
   * code c (0: no prediction); `uncertain` are below the threshold,
   * `outOfScope` unlike the training data (neither counts under a label).
   */
  countLabels(rows: Selection, modelId: number, threshold: number): { counts: Float64Array; uncertain: number; outOfScope: number; total: number; dict: Dict | null } {
    const col = this.models.get(modelId);
    if (!col) return { counts: new Float64Array(1), uncertain: 0, outOfScope: 0, total: 0, dict: null };
    const counts = new Float64Array(col.dict.values.length + 1);
    let uncertain = 0;
    let outOfScope = 0;
    let total = 0;
    const { label, score, oos } = col;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const l = label[r]!;
      if (!l) continue;
      total++;
      const s = score[r]!;
      if (s === CORRECTED_SCORE) counts[l]!++;
      else if (oos[r]) outOfScope++;
      else if (s < threshold) uncertain++;
      else counts[l]!++;
    }
    return { counts, uncertain, outOfScope, total, dict: col.dict };
  }
}

function mergeByTime(time: Float64Array, old: Int32Array, fresh: Int32Array): Int32Array {
  const out = new Int32Array(old.length + fresh.length);
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

const globalForIndex = globalThis as unknown as { callsightFactIndexes?: Map<string, IndexSource> };

/**
 * The process's analytics index for a database, up to date (within a
 * quarter of a second). Keep the returned index for one request: a later
 * call may return a newer one.
 */
export function getFactIndex(db: Db): Promise<FactIndex> {
  return processSource(databaseUrlOf(db)).refresh(250);
}

/**
 * Loads the process's index of the database at `url` (its snapshot when
 * there is one, then whatever is newer) before any request asks for it: the
 * server calls it once as it boots (warm-analytics.ts), so the first overview
 * finds the index in memory. Requests arriving meanwhile wait for the same load.
 */
export function warmFactIndex(url: string): Promise<FactIndex> {
  return processSource(url).refresh(0);
}

/** The process's one IndexSource per database, on globalThis: the server's boot code (instrumentation.ts) and its routes are bundled apart but share it. */
function processSource(url: string): IndexSource {
  const sources = (globalForIndex.callsightFactIndexes ??= new Map());
  let source = sources.get(url);
  if (!source) {
    source = new IndexSource(openIndexReader(url), true);
    sources.set(url, source);
  }
  return source;
}

/** A private index of a database, not shared with the process's (benchmarks, tests of start-up). Close it when done. */
export function openFactIndex(url: string, options: { snapshots?: boolean } = {}): Promise<FactIndex> {
  return new IndexSource(openIndexReader(url), options.snapshots ?? true).refresh(0);
}

/** Tells every process's analytics index to reload: call after changing or deleting stored predictions or transcripts. */
export async function bumpAnalyticsEpoch(db: Db): Promise<void> {
  await db.analyticsState.update({ where: { id: 1 }, data: { epoch: { increment: 1 } } });
}
