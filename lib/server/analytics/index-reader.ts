import 'server-only';
import { effectiveThreshold, thresholdSource, type ThresholdSource } from '@/lib/server/models/threshold';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { postgresConfig, sqlitePath } from '@/lib/db';
import { env, isPostgresUrl } from '@/lib/env';
import { catchUpForSearch, PostgresSearchIndexer, SEARCH_CATCH_UP_ROWS, SqliteSearchIndexer } from '@/lib/server/search/search-indexer';

/**
 * Everything the analytics index (fact-index.ts) reads from the database, once
 * per dialect, side by side: SQLite through a read-only better-sqlite3
 * connection, PostgreSQL through a small `pg` pool. The index itself speaks
 * neither; a query added here gets both versions and a test on each
 * (analytics.test.ts and analytics.postgres.test.ts run the same suite).
 */

/** A transcript as the index keeps it: id, occurredAt in epoch ms, channel, agent, queue, language. */
export type TranscriptFact = [
  id: number,
  occurredAtMs: number,
  channel: string | null,
  agent: string | null,
  queue: string | null,
  language: string | null,
  /** the metadata JSON object as stored */
  metadata: string | null,
  importJobId: string | null,
];
/** A stored top prediction: transcriptId, modelId, label, score. */
/** A stored top prediction: transcriptId, modelId, label, score, and whether the text was unlike the training data (null: not judged). */
export type PredictionFact = [transcriptId: number, modelId: number, label: string, score: number, outOfScope: number | boolean | null];

/** Ids lo through hi, both included. */
export interface IdRange {
  lo: number;
  hi: number;
}

export interface IndexState {
  instance: string;
  epoch: number;
  /**
   * PostgreSQL: the read's snapshot as xid8 (`pg_current_snapshot()`): every
   * transaction below `xmin` had ended when the read began; `xmax` is the
   * first transaction id not yet handed out. Absent on SQLite.
   */
  xmin?: bigint;
  xmax?: bigint;
}

export interface ModelFact {
  id: number;
  name: string;
  multiLabel: boolean;
  threshold: number;
  thresholdSource: Exclude<ThresholdSource, 'filter'>;
  labels: string[];
}

export interface CorrectionRead {
  /** Ids of the corrections found (after the watermark or in a pending range), ascending. */
  ids: number[];
  /** For every transcript × model those corrections touch, the newest correction's label (by id, over all of them). */
  latest: [transcriptId: number, modelId: number, label: string][];
}

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
  importJobId: string | null;
  text: string;
}

export type StoredPredictions = Map<number, Record<number, { label: string; score: number; corrected?: boolean; outOfScope?: boolean }>>;

/** What a full-text search found, and what it could not look at. */
export interface SearchHits {
  /** Ids of the transcripts whose text has every word, ascending. */
  ids: number[];
  /** Stored transcripts not yet indexed for search (lib/server/search/search-indexer.ts): the search cannot find them yet. */
  notSearchable: number;
}

/** One consistent read of the database (one transaction, one snapshot). */
export interface IndexRead {
  state(): Promise<IndexState>;
  models(): Promise<ModelFact[]>;
  maxTranscriptId(): Promise<number>;
  /**
   * The transcripts in `ranges` (ascending, disjoint) and their predictions,
   * a page at a time in ascending id order: `onPage` gets a page's
   * transcripts (ascending) and then its predictions (ascending by
   * transcriptId), each iterable to be consumed once, in that order.
   */
  facts(ranges: readonly IdRange[], onPage: (transcripts: Iterable<TranscriptFact>, predictions: Iterable<PredictionFact>) => void): Promise<void>;
  /** Corrections with id above `afterId` or inside `pending`. */
  corrections(afterId: number, pending: readonly IdRange[]): Promise<CorrectionRead>;
}

export interface IndexReader {
  readonly dialect: 'sqlite' | 'postgresql';
  /**
   * Whether ids become visible in increasing order. True on SQLite (one
   * writer at a time, ids taken inside the write lock); false on PostgreSQL
   * (a sequence hands ids out before commit): see fact-index.ts, "pending ids".
   */
  readonly idsInCommitOrder: boolean;
  read<T>(fn: (read: IndexRead) => Promise<T>): Promise<T>;
  /**
   * The transcripts whose text has every word of `q` (the last one as a
   * prefix unless `q` ends in a space); null when `q` has no words. With at
   * most `catchUpRows` transcripts waiting to be indexed (default
   * SEARCH_CATCH_UP_ROWS), they are indexed first; with more, the search
   * answers from the index and counts them in `notSearchable`.
   */
  search(q: string, options?: { catchUpRows?: number }): Promise<SearchHits | null>;
  /** Transcript rows by id (the text cut to `textChars` characters when given), in no particular order. */
  readTranscripts(ids: readonly number[], textChars?: number): Promise<StoredTranscript[]>;
  /** Stored top predictions of transcripts by id, corrections applied (newest wins). */
  readPredictions(ids: readonly number[]): Promise<StoredPredictions>;
  /** One model's stored score vectors (model label order) of transcripts by id. */
  readScores(ids: readonly number[], modelId: number): Promise<Map<number, number[]>>;
  /** Where the index snapshot of this database lives. */
  snapshotPath(instance: string): string;
  close(): Promise<void>;
}

export function openIndexReader(url: string): IndexReader {
  return isPostgresUrl(url) ? new PostgresIndexReader(url) : new SqliteIndexReader(sqlitePath(url));
}

/**
 * The search on SQLite: FTS5 (unicode61, accents folded), $1 an ftsQuery. It
 * finds the transcripts indexed so far (lib/server/search/search-indexer.ts).
 */
export const SQLITE_SEARCH_SQL = `SELECT rowid FROM "TranscriptSearch" WHERE "TranscriptSearch" MATCH ? ORDER BY rowid`;
/**
 * The same search on PostgreSQL, $1 a tsQuery: the stored vectors
 * ("TranscriptSearch", GIN-indexed; migration 20261208000000_search_indexer)
 * of the transcripts indexed so far, made with the same configuration
 * ('callsight_search': 'simple' with unaccent, 20261129000000_search_accents).
 */
export const POSTGRES_SEARCH_SQL = `SELECT "id" FROM "TranscriptSearch" WHERE "vector" @@ to_tsquery('callsight_search', $1) ORDER BY "id"`;
/** work_mem for a search on PostgreSQL: an exact bitmap of every row needs ~10 MB a million transcripts. */
const SEARCH_WORK_MEM = '256MB';
/** How long a search on SQLite waits for another process's write lock before it answers without indexing what waits. */
const SEARCH_CATCH_UP_BUSY_MS = 1_000;

/** The words of a search: letters and digits only (no operator a user types survives), at most 12. */
function searchWords(q: string): { words: string[]; prefixLast: boolean } {
  const words = q.match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  return { words, prefixLast: !/\s$/.test(q) };
}

/** A search as an FTS5 query: every word quoted and required, the last one a prefix. */
export function ftsQuery(q: string): string | null {
  const { words, prefixLast } = searchWords(q);
  if (!words.length) return null;
  return words.map((w, i) => `"${w.replace(/"/g, '""')}"${prefixLast && i === words.length - 1 ? '*' : ''}`).join(' ');
}

/**
 * The same search as a PostgreSQL tsquery (for `to_tsquery('callsight_search', …)`):
 * every word quoted and required (`&`), the last one a prefix (`:*`). Words
 * are letters and digits only, so nothing in them is tsquery syntax; the
 * quoting is belt and braces.
 */
export function tsQuery(q: string): string | null {
  const { words, prefixLast } = searchWords(q);
  if (!words.length) return null;
  return words.map((w, i) => `'${w.replace(/['\\]/g, '')}'${prefixLast && i === words.length - 1 ? ':*' : ''}`).join(' & ');
}

function parseTime(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string') {
    const t = Date.parse(v.includes('T') || v.includes('Z') ? v : `${v.replace(' ', 'T')}Z`);
    if (!Number.isNaN(t)) return t;
  }
  return 0;
}

/** A stored score vector (JSON array in label order); anything else (the language model's top five) is empty. */
function parseScoreVector(json: string): number[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : [];
  } catch {
    return [];
  }
}

function addPredictions(out: StoredPredictions, rows: Iterable<[number, number, string, number, number | boolean | null]>, corrections: Iterable<[number, number, string]>): void {
  for (const [tid, modelId, label, score, outOfScope] of rows) {
    let rec = out.get(tid);
    if (!rec) out.set(tid, (rec = {}));
    rec[modelId] = outOfScope ? { label, score, outOfScope: true } : { label, score };
  }
  // In id order: the newest correction of a transcript × model wins.
  for (const [tid, modelId, label] of corrections) {
    let rec = out.get(tid);
    if (!rec) out.set(tid, (rec = {}));
    rec[modelId] = { label, score: 1, corrected: true };
  }
}

/** The newest label per transcript × model of corrections given in ascending id order. */
function latestOf(rows: readonly [number, number, number, string][]): CorrectionRead {
  const latest = new Map<string, [number, number, string]>();
  for (const [, tid, modelId, label] of rows) latest.set(`${tid}:${modelId}`, [tid, modelId, label]);
  return { ids: rows.map((r) => r[0]), latest: [...latest.values()] };
}

// ---------------------------------------------------------------- SQLite

export class SqliteIndexReader implements IndexReader {
  readonly dialect = 'sqlite';
  readonly idsInCommitOrder = true;
  private conn: Database.Database | null = null;

  constructor(private readonly path: string) {
    if (!existsSync(path)) throw new Error(`No database at ${path}: run npx callsight migrate first.`);
  }

  private connection(): Database.Database {
    if (!this.conn) {
      this.conn = new Database(this.path, { readonly: true, fileMustExist: true, timeout: 10_000 });
      this.conn.pragma('cache_size = -65536');
    }
    return this.conn;
  }

  async read<T>(fn: (read: IndexRead) => Promise<T>): Promise<T> {
    const conn = this.connection();
    // A deferred read transaction: every statement below sees one snapshot (WAL).
    conn.exec('BEGIN DEFERRED');
    try {
      return await fn({
        state: async () => {
          const s = conn.prepare(`SELECT "instance", "epoch" FROM "AnalyticsState" WHERE "id" = 1`).get() as { instance: string; epoch: number } | undefined;
          return { instance: s?.instance ?? '', epoch: s?.epoch ?? 0 };
        },
        models: async () => {
          const models = conn.prepare(MODELS_SQL).all() as ModelRow[];
          const labels = conn.prepare(`SELECT "modelId", "name" FROM "Label" ORDER BY "modelId", "position"`).all() as { modelId: number; name: string }[];
          return withLabels(models, labels);
        },
        maxTranscriptId: async () => (conn.prepare(`SELECT max("id") AS m FROM "Transcript"`).get() as { m: number | null }).m ?? 0,
        facts: async (ranges, onPage) => {
          const transcripts = conn.prepare(`SELECT "id", "occurredAt", "channel", "agent", "queue", "language", "metadata", "importJobId" FROM "Transcript" WHERE "id" >= ? AND "id" <= ? ORDER BY "id"`).raw();
          // The unique (transcriptId, modelId) index gives predictions in transcript order.
          const predictions = conn.prepare(`SELECT "transcriptId", "modelId", "label", "score", "outOfScope" FROM "Prediction" WHERE "transcriptId" >= ? AND "transcriptId" <= ? ORDER BY "transcriptId"`).raw();
          for (const { lo, hi } of ranges) {
            // Lazy: one statement iterates at a time on a better-sqlite3 connection.
            const facts = (function* (): Generator<TranscriptFact> {
              for (const r of transcripts.iterate(lo, hi) as IterableIterator<[number, unknown, string | null, string | null, string | null, string | null, string | null, string | null]>) {
                yield [r[0], parseTime(r[1]), r[2], r[3], r[4], r[5], r[6], r[7]];
              }
            })();
            const preds = (function* () {
              yield* predictions.iterate(lo, hi) as IterableIterator<PredictionFact>;
            })();
            onPage(facts, preds);
          }
        },
        corrections: async (afterId) => {
          const rows = conn.prepare(`SELECT "id", "transcriptId", "modelId", "label" FROM "PredictionCorrection" WHERE "id" > ? ORDER BY "id"`).raw().all(afterId) as [number, number, number, string][];
          return latestOf(rows);
        },
      });
    } finally {
      conn.exec('COMMIT');
    }
  }

  /** Indexes what a search should find (its own connection: this reader's is read-only). */
  private searchIndexer: SqliteSearchIndexer | null = null;

  async search(q: string, options: { catchUpRows?: number } = {}): Promise<SearchHits | null> {
    const query = ftsQuery(q);
    if (!query) return null;
    const notSearchable = await catchUpForSearch((this.searchIndexer ??= SqliteSearchIndexer.open(this.path, SEARCH_CATCH_UP_BUSY_MS)), options.catchUpRows ?? SEARCH_CATCH_UP_ROWS);
    const rows = this.connection().prepare(SQLITE_SEARCH_SQL).raw().all(query) as [number][];
    return { ids: rows.map((r) => r[0]), notSearchable };
  }

  async readTranscripts(ids: readonly number[], textChars?: number): Promise<StoredTranscript[]> {
    if (!ids.length) return [];
    const text = textChars ? `substr("text", 1, ${Math.floor(textChars)})` : `"text"`;
    const out: StoredTranscript[] = [];
    const conn = this.connection();
    for (let i = 0; i < ids.length; i += 900) {
      const part = ids.slice(i, i + 900);
      const rows = conn
        .prepare(
          `SELECT "id", "externalId", "occurredAt", "channel", "agent", "queue", "customerId", "language", "metadata", "importJobId", ${text} AS "text" FROM "Transcript" WHERE "id" IN (${part.map(() => '?').join(',')})`,
        )
        .all(...part) as (Omit<StoredTranscript, 'occurredAt'> & { occurredAt: unknown })[];
      for (const r of rows) out.push({ ...r, occurredAt: new Date(parseTime(r.occurredAt)).toISOString() });
    }
    return out;
  }

  async readPredictions(ids: readonly number[]): Promise<StoredPredictions> {
    const out: StoredPredictions = new Map();
    const conn = this.connection();
    for (let i = 0; i < ids.length; i += 900) {
      const part = ids.slice(i, i + 900);
      const marks = part.map(() => '?').join(',');
      const rows = conn.prepare(`SELECT "transcriptId", "modelId", "label", "score", "outOfScope" FROM "Prediction" WHERE "transcriptId" IN (${marks})`).raw().all(...part) as [number, number, string, number, number | null][];
      const corrections = conn.prepare(`SELECT "transcriptId", "modelId", "label" FROM "PredictionCorrection" WHERE "transcriptId" IN (${marks}) ORDER BY "id"`).raw().all(...part) as [number, number, string][];
      addPredictions(out, rows, corrections);
    }
    return out;
  }

  async readScores(ids: readonly number[], modelId: number): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    const conn = this.connection();
    for (let i = 0; i < ids.length; i += 900) {
      const part = ids.slice(i, i + 900);
      const rows = conn.prepare(`SELECT "transcriptId", "scores" FROM "Prediction" WHERE "modelId" = ? AND "transcriptId" IN (${part.map(() => '?').join(',')})`).raw().all(modelId, ...part) as [number, string][];
      for (const [id, scores] of rows) out.set(id, parseScoreVector(scores));
    }
    return out;
  }

  snapshotPath(): string {
    // Next to the database file: it goes wherever the database goes.
    return `${this.path}.analytics`;
  }

  async close(): Promise<void> {
    this.conn?.close();
    this.conn = null;
    await this.searchIndexer?.close();
    this.searchIndexer = null;
  }
}

/** Models with what decides their threshold (a person's, else the active version's suggestion: lib/server/models/threshold.ts). */
const MODELS_SQL = `SELECT m."id", m."name", m."multiLabel", m."threshold", m."thresholdSet", v."suggestedThreshold"
  FROM "Model" m LEFT JOIN "ModelVersion" v ON v."id" = m."activeVersionId" ORDER BY m."id"`;
interface ModelRow {
  id: number;
  name: string;
  multiLabel: number | boolean;
  threshold: number;
  thresholdSet: number | boolean;
  suggestedThreshold: number | null;
}

function withLabels(models: ModelRow[], labels: { modelId: number; name: string }[]): ModelFact[] {
  const byModel = new Map<number, string[]>();
  for (const l of labels) {
    const list = byModel.get(l.modelId) ?? [];
    list.push(l.name);
    byModel.set(l.modelId, list);
  }
  return models.map((m) => {
    const multiLabel = Boolean(m.multiLabel);
    return {
      id: m.id,
      name: m.name,
      multiLabel,
      threshold: effectiveThreshold({ threshold: m.threshold, thresholdSet: Boolean(m.thresholdSet), multiLabel }, m.suggestedThreshold),
      thresholdSource: thresholdSource({ thresholdSet: Boolean(m.thresholdSet) }, m.suggestedThreshold),
      labels: byModel.get(m.id) ?? [],
    };
  });
}

// ---------------------------------------------------------------- PostgreSQL

/** Transcripts a page of a bulk read (keyset pagination on id); their predictions come with them. */
const PG_PAGE = 20_000;
/** Pending id ranges asked about in one query. */
const PG_RANGES_PER_QUERY = 5_000;

/**
 * occurredAt is `timestamp(3) without time zone` holding UTC (Prisma's
 * convention). Read as epoch milliseconds so that no client time zone can
 * shift it (`pg` would parse a zone-less timestamp as local time).
 */
const PG_TIME_MS = `(extract(epoch FROM "occurredAt") * 1000)::float8`;

export class PostgresIndexReader implements IndexReader {
  readonly dialect = 'postgresql';
  readonly idsInCommitOrder = false;
  private pool: Promise<Pool> | null = null;

  constructor(
    private readonly url: string,
    private readonly cacheDir: string = resolve(env.ANALYTICS_CACHE_DIR),
  ) {}

  private connect(): Promise<Pool> {
    // `pg` is loaded on first use, so SQLite processes never load it.
    return (this.pool ??= import('pg').then(({ default: pg }) => {
      const { schema: _schema, ...config } = postgresConfig(this.url);
      // allowExitOnIdle: idle connections do not keep a process alive (a CLI export ends when it is done, not 30 s later).
      const pool = new pg.Pool({ ...config, max: 3, idleTimeoutMillis: 30_000, allowExitOnIdle: true });
      // An idle connection dropped by the server is replaced on the next query; do not crash the process.
      pool.on('error', (e) => console.warn(`analytics: PostgreSQL connection lost (${e.message})`));
      return pool;
    }));
  }

  private async query<R extends unknown[]>(client: Pool | PoolClient, text: string, values: unknown[] = []): Promise<R[]> {
    return (await client.query<R>({ text, values, rowMode: 'array' })).rows;
  }

  async read<T>(fn: (read: IndexRead) => Promise<T>): Promise<T> {
    const client = await (await this.connect()).connect();
    let failed = false;
    try {
      // REPEATABLE READ: every statement sees the snapshot of the first, and
      // pg_current_snapshot() describes exactly that snapshot.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const q = <R extends unknown[]>(text: string, values: unknown[] = []) => this.query<R>(client, text, values);
      const result = await fn({
        state: async () => {
          const [s] = await q<[string, number, string, string]>(
            `SELECT s."instance", s."epoch", pg_snapshot_xmin(pg_current_snapshot())::text, pg_snapshot_xmax(pg_current_snapshot())::text
               FROM (SELECT 1) one LEFT JOIN "AnalyticsState" s ON s."id" = 1`,
          );
          return { instance: s?.[0] ?? '', epoch: s?.[1] ?? 0, xmin: BigInt(s?.[2] ?? 0), xmax: BigInt(s?.[3] ?? 0) };
        },
        models: async () => {
          const models = await q<[number, string, boolean, number, boolean, number | null]>(MODELS_SQL);
          const labels = await q<[number, string]>(`SELECT "modelId", "name" FROM "Label" ORDER BY "modelId", "position"`);
          return withLabels(
            models.map(([id, name, multiLabel, threshold, thresholdSet, suggestedThreshold]) => ({ id, name, multiLabel, threshold, thresholdSet, suggestedThreshold })),
            labels.map(([modelId, name]) => ({ modelId, name })),
          );
        },
        maxTranscriptId: async () => (await q<[number | null]>(`SELECT max("id") FROM "Transcript"`))[0]?.[0] ?? 0,
        facts: async (ranges, onPage) => {
          const columns = `"id", ${PG_TIME_MS}, "channel", "agent", "queue", "language", "metadata", "importJobId"`;
          const predictionColumns = `"transcriptId", "modelId", "label", "score", "outOfScope"`;
          let small: IdRange[] = [];
          // Short ranges (pending ids) are asked about together; long ones (new rows) page by id.
          const flushSmall = async () => {
            if (!small.length) return;
            const lo = small.map((r) => r.lo);
            const hi = small.map((r) => r.hi);
            small = [];
            const rows = await q<TranscriptFact>(
              `SELECT ${columns} FROM "Transcript" t JOIN unnest($1::int[], $2::int[]) g(lo, hi) ON t."id" BETWEEN g.lo AND g.hi ORDER BY t."id"`,
              [lo, hi],
            );
            if (!rows.length) return;
            const preds = await q<PredictionFact>(`SELECT ${predictionColumns} FROM "Prediction" WHERE "transcriptId" = ANY($1::int[]) ORDER BY "transcriptId"`, [rows.map((r) => r[0])]);
            onPage(rows, preds);
          };
          for (const range of ranges) {
            if (range.hi - range.lo < PG_PAGE) {
              small.push(range);
              if (small.length >= PG_RANGES_PER_QUERY) await flushSmall();
              continue;
            }
            await flushSmall();
            let after = range.lo - 1;
            for (;;) {
              const rows = await q<TranscriptFact>(`SELECT ${columns} FROM "Transcript" WHERE "id" > $1 AND "id" <= $2 ORDER BY "id" LIMIT ${PG_PAGE}`, [after, range.hi]);
              if (!rows.length) break;
              const last = rows[rows.length - 1]![0];
              const preds = await q<PredictionFact>(
                `SELECT ${predictionColumns} FROM "Prediction" WHERE "transcriptId" > $1 AND "transcriptId" <= $2 ORDER BY "transcriptId"`,
                [after, last],
              );
              onPage(rows, preds);
              after = last;
              if (rows.length < PG_PAGE) break;
            }
          }
          await flushSmall();
        },
        corrections: async (afterId, pending) => {
          // The corrections that are new to the index, and for every transcript × model they touch the
          // newest one overall: a correction that commits late must not override a newer one already applied.
          const rows = await q<[number[] | null, number[] | null, number[] | null, string[] | null]>(
            `WITH found AS (
               SELECT "id", "transcriptId", "modelId" FROM "PredictionCorrection" WHERE "id" > $1
               UNION
               SELECT c."id", c."transcriptId", c."modelId" FROM "PredictionCorrection" c JOIN unnest($2::int[], $3::int[]) g(lo, hi) ON c."id" BETWEEN g.lo AND g.hi
             ), latest AS (
               SELECT DISTINCT ON (c."transcriptId", c."modelId") c."transcriptId", c."modelId", c."label"
                 FROM "PredictionCorrection" c JOIN (SELECT DISTINCT "transcriptId", "modelId" FROM found) f USING ("transcriptId", "modelId")
                ORDER BY c."transcriptId", c."modelId", c."id" DESC
             )
             SELECT (SELECT array_agg("id" ORDER BY "id") FROM found),
                    array_agg(l."transcriptId"), array_agg(l."modelId"), array_agg(l."label")
               FROM latest l`,
            [afterId, pending.map((r) => r.lo), pending.map((r) => r.hi)],
          );
          const [ids, tids, mids, labels] = rows[0] ?? [null, null, null, null];
          return { ids: ids ?? [], latest: (tids ?? []).map((tid, i) => [tid, mids![i]!, labels![i]!]) };
        },
      });
      return result;
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      await client.query(failed ? 'ROLLBACK' : 'COMMIT').catch(() => undefined);
      client.release();
    }
  }

  async search(q: string, options: { catchUpRows?: number } = {}): Promise<SearchHits | null> {
    const query = tsQuery(q);
    if (!query) return null;
    const notSearchable = await catchUpForSearch(new PostgresSearchIndexer(await this.connect()), options.catchUpRows ?? SEARCH_CATCH_UP_ROWS);
    // The GIN index gives a bitmap of matching rows; past work_mem (4 MB by
    // default) PostgreSQL makes it lossy and rechecks every row of every lossy
    // page. Measured at 1M transcripts, "invoice" (334k matches), when the
    // recheck tokenized the text again (the index was on the expression): 74.8 s
    // with the default (21,681 lossy pages), 1.3 s with an exact bitmap. The
    // recheck now reads the stored vector, but a search still gets room enough
    // to stay exact (only what is used is allocated).
    const client = await (await this.connect()).connect();
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`SET LOCAL work_mem = '${SEARCH_WORK_MEM}'`);
      const rows = await this.query<[number]>(client, POSTGRES_SEARCH_SQL, [query]);
      await client.query('COMMIT');
      return { ids: rows.map((r) => r[0]), notSearchable };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async readTranscripts(ids: readonly number[], textChars?: number): Promise<StoredTranscript[]> {
    if (!ids.length) return [];
    const text = textChars ? `left("text", ${Math.floor(textChars)})` : `"text"`;
    const rows = await this.query<[number, string | null, number, string | null, string | null, string | null, string | null, string | null, string, string | null, string]>(
      await this.connect(),
      `SELECT "id", "externalId", ${PG_TIME_MS}, "channel", "agent", "queue", "customerId", "language", "metadata", "importJobId", ${text} FROM "Transcript" WHERE "id" = ANY($1::int[])`,
      [ids],
    );
    return rows.map(([id, externalId, t, channel, agent, queue, customerId, language, metadata, importJobId, text]) => ({
      id,
      externalId,
      occurredAt: new Date(t).toISOString(),
      channel,
      agent,
      queue,
      customerId,
      language,
      metadata,
      importJobId,
      text,
    }));
  }

  async readPredictions(ids: readonly number[]): Promise<StoredPredictions> {
    const out: StoredPredictions = new Map();
    if (!ids.length) return out;
    const pool = await this.connect();
    const [rows, corrections] = await Promise.all([
      this.query<[number, number, string, number, boolean | null]>(pool, `SELECT "transcriptId", "modelId", "label", "score", "outOfScope" FROM "Prediction" WHERE "transcriptId" = ANY($1::int[])`, [ids]),
      this.query<[number, number, string]>(pool, `SELECT "transcriptId", "modelId", "label" FROM "PredictionCorrection" WHERE "transcriptId" = ANY($1::int[]) ORDER BY "id"`, [ids]),
    ]);
    addPredictions(out, rows, corrections);
    return out;
  }

  async readScores(ids: readonly number[], modelId: number): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    if (!ids.length) return out;
    const rows = await this.query<[number, string]>(await this.connect(), `SELECT "transcriptId", "scores" FROM "Prediction" WHERE "modelId" = $1 AND "transcriptId" = ANY($2::int[])`, [modelId, ids]);
    for (const [id, scores] of rows) out.set(id, parseScoreVector(scores));
    return out;
  }

  snapshotPath(instance: string): string {
    // No database file to sit next to: a local cache folder, one file per database (AnalyticsState.instance).
    return join(this.cacheDir, `${instance.replace(/[^A-Za-z0-9_-]/g, '_') || 'unknown'}.analytics`);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool) await (await pool).end();
  }
}
