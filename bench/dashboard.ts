// npm run bench -- dashboard: the dashboard's queries at 1,000,000 transcripts
// × 6 models (the demo's five and a custom one) with five metadata keys and
// an import on most rows, on SQLite and on PostgreSQL, the same data in the
// same run, side by side (p50/p95, cold and warm): the built-in filters and
// queries next to the metadata ones, the same questions asked in SQL for
// comparison, and a CSV export of every row.
//
// The SQLite database (about 3 GB) is generated once into data/bench/ and
// reused; BENCH_DASHBOARD_FRESH=1 regenerates it, BENCH_DASHBOARD_ROWS changes
// the size (another size is another file: a small trial run leaves the
// 1,000,000-row file alone). Each run copies it into a throw-away PostgreSQL
// cluster (scripts/pg-cluster.sh): same rows, same ids;
// BENCH_DASHBOARD_POSTGRES=0 measures SQLite only.
import Database from 'better-sqlite3';
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { BEFORE_METADATA, CUSTOM_MODEL, customLabel, IMPORTS, importCreatedAt, importId, importOf, metadataOf, PICKS } from './dashboard-data';
import { startCluster } from './pg-cluster';
import { loadAverage } from './proc';
import { machine, percentile, removeSection, writeSection } from './stats';

const ROWS = Number(process.env.BENCH_DASHBOARD_ROWS ?? 1_000_000);
// v2: a custom model, five metadata keys and imports (issue 12); a v1 file lacks them.
const DB_PATH = resolve(`data/bench/dashboard-v2-${ROWS}.db`);
const DB_URL = `file:${DB_PATH}`;
const WITH_POSTGRES = process.env.BENCH_DASHBOARD_POSTGRES !== '0';
const NOW = new Date('2026-11-28T12:00:00Z');
const DAYS = 365;
const SELF = ['--conditions=react-server', '--import', 'tsx', 'bench/dashboard.ts'];
const WARM_REPS = 15;
const COLD_PROCESSES = 3;
const mode = process.argv[2];
// A child measures the database its parent hands it in DATABASE_URL (SQLite
// or PostgreSQL); only the parent starts from the SQLite file.
if (!mode?.startsWith('--')) process.env.DATABASE_URL = DB_URL;

const log = (s: string) => console.error(`[bench dashboard] ${s}`);
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d }) : '–');

interface Scenario {
  name: string;
  query: string;
  meta: boolean;
}

/**
 * The filter sets a morning's clicking goes through, from the default view to
 * narrow ones: the built-in ones (unchanged since before metadata, so their
 * figures stay comparable), then the same kind of narrowing by metadata keys,
 * a custom model's label and an import.
 */
const SCENARIOS: Scenario[] = [
  { name: 'default (last 30 days)', query: '', meta: false },
  { name: 'all time', query: 'range=all', meta: false },
  { name: 'one sentiment, 90 days', query: 'range=90d&label=201:Angry', meta: false },
  { name: 'product + issue + channel', query: 'range=365d&label=42:Fiber&label=87:Billing&channel=call', meta: false },
  { name: 'min confidence + queue', query: 'range=90d&min=0.7&queue=Billing', meta: false },
  { name: 'custom range + 2 sentiments', query: 'from=2026-09-01&to=2026-09-30&label=201:Frustrated&label=201:Angry', meta: false },
  { name: 'text search', query: 'range=all&q=invoice', meta: false },
  { name: 'one metadata value, 90 days', query: `range=90d&meta.flow=${PICKS.flow}`, meta: true },
  { name: 'two metadata keys (2 regions + tier)', query: `range=365d&meta.region=${PICKS.regions[0]}&meta.region=${PICKS.regions[1]}&meta.tier=${PICKS.tier}`, meta: true },
  { name: 'metadata + custom model label', query: `range=90d&meta.flow=${PICKS.flow}&label=${CUSTOM_MODEL.id}:${encodeURIComponent(PICKS.custom)}`, meta: true },
  { name: 'one import', query: `range=all&import=${PICKS.import}`, meta: true },
];
const BUILT_IN_SCENARIOS = SCENARIOS.filter((s) => !s.meta);
const META_SCENARIOS = SCENARIOS.filter((s) => s.meta);

const BUILT_IN_QUERIES = ['kpis', 'breakdown (×4 models)', 'trend (by day)', 'cross-tab', 'filter options', 'drill-down page 1', 'drill-down page 1 by score'] as const;
const META_QUERIES = ['breakdown by meta.subflow', `breakdown of the custom model`, 'cross-tab custom model × meta.flow'] as const;
const QUERIES = [...BUILT_IN_QUERIES, ...META_QUERIES] as const;
type QueryName = (typeof QUERIES)[number];

/** The demo layout's four KPI cards, over the generated models. */
const layoutOnce = (async () => {
  const { ZDashboardLayout } = await import('@/lib/schemas/dashboard-layout');
  return ZDashboardLayout.parse({
    kpis: [
      { kind: 'volume', title: 'Transcripts' },
      { kind: 'share', title: 'Negative sentiment', model_id: 201, labels: ['Frustrated', 'Angry'], up_is: 'bad' },
      { kind: 'top', title: 'Top issue', model_id: 87 },
      { kind: 'share', title: 'High churn risk', model_id: 244, labels: ['High'], up_is: 'bad' },
    ],
  });
})();

async function runQuery(name: QueryName, query: string): Promise<void> {
  const { db } = await import('@/lib/db');
  const { parseDashboardFilters } = await import('@/lib/schemas/dashboard-filters');
  const { parseTranscriptListParams } = await import('@/lib/schemas/transcript-list');
  const f = parseDashboardFilters(query, NOW);
  switch (name) {
    case 'kpis':
      await (await import('@/lib/server/analytics/get-kpis')).getKpis(db, f, await layoutOnce);
      return;
    case 'breakdown (×4 models)': {
      const { getBreakdown } = await import('@/lib/server/analytics/get-breakdown');
      await Promise.all([42, 87, 156, 201].map((modelId) => getBreakdown(db, f, { modelId })));
      return;
    }
    case 'trend (by day)':
      await (await import('@/lib/server/analytics/get-trend')).getTrend(db, f, { modelId: 201, interval: 'day' });
      return;
    case 'cross-tab':
      await (await import('@/lib/server/analytics/get-cross-tab')).getCrossTab(db, f, { rows: '42', cols: '87' });
      return;
    case 'filter options':
      await (await import('@/lib/server/analytics/get-filter-options')).getFilterOptions(db);
      return;
    case 'drill-down page 1':
      await (await import('@/lib/server/analytics/find-transcripts')).findTranscripts(db, f, parseTranscriptListParams(new URLSearchParams('')));
      return;
    case 'drill-down page 1 by score':
      await (await import('@/lib/server/analytics/find-transcripts')).findTranscripts(db, f, parseTranscriptListParams(new URLSearchParams('sort=score&model=201')));
      return;
    case 'breakdown by meta.subflow':
      await (await import('@/lib/server/analytics/get-breakdown')).getBreakdown(db, f, { dimension: 'meta.subflow' });
      return;
    case 'breakdown of the custom model':
      await (await import('@/lib/server/analytics/get-breakdown')).getBreakdown(db, f, { modelId: CUSTOM_MODEL.id });
      return;
    case 'cross-tab custom model × meta.flow':
      await (await import('@/lib/server/analytics/get-cross-tab')).getCrossTab(db, f, { rows: String(CUSTOM_MODEL.id), cols: 'meta.flow' });
      return;
  }
}

const peakRssMiB = () => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

/** The database the process's lib/db actually talks to: a child reports it, the parent checks it. */
async function dialect(): Promise<'sqlite' | 'postgresql'> {
  const { env, isPostgresUrl } = await import('@/lib/env');
  return isPostgresUrl(env.DATABASE_URL) ? 'postgresql' : 'sqlite';
}

type FactIndexT = Awaited<ReturnType<typeof import('@/lib/server/analytics/fact-index').getFactIndex>>;

/** Bytes of the index's arrays (as allocated), split so a reader sees what the metadata costs. */
function indexBytes(index: FactIndexT): { total: number; core: number; meta: number; imports: number; models: number; custom: number } {
  const core = index.ids.byteLength + index.time.byteLength + index.day.byteLength + Object.values(index.dims).reduce((a, d) => a + d.codes.byteLength, 0) + index.byTime().byteLength;
  const meta = [...index.metaDims.values()].reduce((a, d) => a + d.codes.byteLength, 0);
  const imports = index.imports.codes.byteLength;
  const models = [...index.models.values()].reduce((a, m) => a + m.label.byteLength + m.score.byteLength, 0);
  const c = index.models.get(CUSTOM_MODEL.id);
  return { total: core + meta + imports + models, core, meta, imports, models, custom: c ? c.label.byteLength + c.score.byteLength : 0 };
}

// ---------------------------------------------------------------- child modes
if (mode === '--cold') {
  // A fresh process: the first query pays for building (or reading) the index.
  const name = process.argv[3] as QueryName;
  // A running server has its code loaded: load every module first, time only the query.
  await Promise.all(
    ['get-kpis', 'get-breakdown', 'get-trend', 'get-cross-tab', 'get-filter-options', 'find-transcripts'].map((m) => import(`@/lib/server/analytics/${m}`)),
  );
  await Promise.all([import('@/lib/db'), import('@/lib/schemas/dashboard-filters'), import('@/lib/schemas/transcript-list'), layoutOnce]);
  const t = performance.now();
  await runQuery(name, '');
  const ms = performance.now() - t;
  const rss = peakRssMiB();
  // What the index holds: a cold number over an empty index would be meaningless.
  const { db } = await import('@/lib/db');
  const { getFactIndex } = await import('@/lib/server/analytics/fact-index');
  const index = await getFactIndex(db);
  // …every generated transcript has a Product and a custom-model prediction, five metadata keys are indexed.
  const { getBreakdown } = await import('@/lib/server/analytics/get-breakdown');
  const { parseDashboardFilters } = await import('@/lib/schemas/dashboard-filters');
  const all = parseDashboardFilters('range=all');
  const products = (await getBreakdown(db, all, { modelId: 42 })).total;
  const custom = (await getBreakdown(db, all, { modelId: CUSTOM_MODEL.id })).total;
  const metaKeys = [...index.metaDims.keys()].sort();
  console.log(JSON.stringify({ ms, rss, rows: index.n, products, custom, metaKeys, imports: index.imports.dict.values.length, bytes: indexBytes(index), dialect: await dialect() }));
  process.exit(0);
}
if (mode === '--warm') {
  const { db } = await import('@/lib/db');
  const { getFactIndex } = await import('@/lib/server/analytics/fact-index');
  await getFactIndex(db);
  await layoutOnce;
  const reps = Number(process.argv[3] ?? WARM_REPS);
  /** `${scenario}|${query}` → the times of its calls */
  const times: Record<string, number[]> = {};
  for (const s of SCENARIOS) {
    for (const q of QUERIES) {
      const list: number[] = (times[`${s.name}|${q}`] = []);
      for (let i = 0; i < reps; i++) {
        const t = performance.now();
        await runQuery(q, s.query);
        list.push(performance.now() - t);
      }
    }
  }
  console.log(JSON.stringify({ times, rss: peakRssMiB(), dialect: await dialect() }));
  process.exit(0);
}
if (mode === '--export') {
  const { db } = await import('@/lib/db');
  const { parseDashboardFilters } = await import('@/lib/schemas/dashboard-filters');
  const { prepareExport } = await import('@/lib/server/analytics/prepare-export');
  const { exportCsvStream } = await import('@/lib/server/analytics/export-csv');
  const { getFactIndex } = await import('@/lib/server/analytics/fact-index');
  await getFactIndex(db);
  const rssBefore = peakRssMiB();
  const t = performance.now();
  const prepared = await prepareExport(db, parseDashboardFilters('range=all', NOW));
  const reader = exportCsvStream(prepared).getReader();
  let bytes = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  console.log(JSON.stringify({ ms: performance.now() - t, rows: prepared.total, bytes, rssBefore, rss: peakRssMiB(), dialect: await dialect() }));
  process.exit(0);
}

// ---------------------------------------------------------------- the database
function rowCount(): number {
  if (!existsSync(DB_PATH)) return 0;
  const conn = new Database(DB_PATH, { readonly: true });
  try {
    return (conn.prepare(`SELECT count(*) AS c FROM "Transcript"`).get() as { c: number }).c;
  } catch {
    return 0;
  } finally {
    conn.close();
  }
}

async function generate(): Promise<number> {
  const { migrate } = await import('@/lib/migrate');
  const { generateTranscripts } = await import('@/prisma/seed/demo/generate');
  const T = await import('@/prisma/seed/demo/taxonomy');
  for (const suffix of ['', '-wal', '-shm', '.analytics']) rmSync(DB_PATH + suffix, { force: true });
  mkdirSync(dirname(DB_PATH), { recursive: true });
  await migrate(DB_URL);
  const conn = new Database(DB_PATH);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = OFF');
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  type DemoLabels = ReturnType<typeof generateTranscripts>[number]['labels'];
  const models: { id: number; name: string; labels: readonly string[]; pick: (l: DemoLabels) => string; multi?: boolean }[] = [
    { id: 42, name: 'Product', labels: [...T.PRODUCTS], pick: (l) => l.product },
    { id: 87, name: 'Issue Type', labels: [...T.ISSUE_TYPES], pick: (l) => l.issueTypes[0] ?? 'Billing', multi: true },
    { id: 156, name: 'Root Cause', labels: [...T.ROOT_CAUSES], pick: (l) => l.rootCauses[0] ?? 'System error', multi: true },
    { id: 201, name: 'Sentiment', labels: [...T.SENTIMENTS], pick: (l) => l.sentiment },
    { id: 244, name: 'Churn Risk', labels: [...T.CHURN_RISKS], pick: (l) => l.churnRisk },
    // A customer's own model: its label does not come from the demo generator but from its own skewed distribution.
    { id: CUSTOM_MODEL.id, name: CUSTOM_MODEL.name, labels: CUSTOM_MODEL.labels, pick: () => customLabel(rnd) },
  ];
  const now = new Date().toISOString();
  for (const m of models) {
    conn.prepare(`INSERT INTO "Model" ("id", "name", "multiLabel", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`).run(m.id, m.name, m.multi ? 1 : 0, now, now);
    m.labels.forEach((l, i) => conn.prepare(`INSERT INTO "Label" ("modelId", "name", "position") VALUES (?, ?, ?)`).run(m.id, l, i));
  }
  // The imports the rows came from, as the ingest pipeline leaves them (the filter bar lists them by file name).
  const insertJob = conn.prepare(
    `INSERT INTO "IngestJob" ("id", "status", "source", "fileName", "filePath", "fileSize", "fileHash", "format", "parseDone", "createdAt", "updatedAt", "startedAt", "finishedAt") VALUES (?, 'done', ?, ?, ?, ?, ?, 'csv', 1, ?, ?, ?, ?)`,
  );
  for (let k = 0; k < IMPORTS; k++) {
    const at = importCreatedAt(k, NOW, DAYS).toISOString();
    const id = importId(k);
    insertJob.run(id, ['ui', 'api', 'cli'][k % 3]!, `contacts-${at.slice(0, 10)}.csv`, `data/uploads/${id}.csv`, 3_000_000 + k * 1_000, `bench-${k}`, at, at, at, at);
  }
  // 50,000 distinct generated transcripts, each used 20 times with its own time, agent, number, metadata and import.
  const POOL = Math.min(ROWS, 50_000);
  log(`generating a pool of ${fmt(POOL)} transcripts…`);
  const pool = generateTranscripts(POOL, 777, { startDate: NOW, days: DAYS });
  const insertT = conn.prepare(
    `INSERT INTO "Transcript" ("externalId", "contentHash", "text", "channel", "agent", "queue", "customerId", "language", "metadata", "importJobId", "occurredAt", "day", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertP = conn.prepare(`INSERT INTO "Prediction" ("transcriptId", "modelId", "modelVersionId", "label", "score", "scores", "day", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const LANGS = ['English', 'English', 'English', 'English', 'English', 'English', 'Swedish', 'Swedish', 'Norwegian', 'Danish'];
  const t0 = performance.now();
  const batch = conn.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const src = pool[i % POOL]!;
      const ago = Math.floor(rnd() * DAYS * 86_400_000);
      const when = new Date(NOW.getTime() - ago);
      const iso = when.toISOString();
      const day = iso.slice(0, 10);
      const metadata = JSON.stringify(metadataOf(rnd));
      const importJobId = importOf(Math.floor(ago / 86_400_000), DAYS, rnd);
      const r = insertT.run(`bench-${i}`, `bench-hash-${i}`, `${src.text}\n#${i}`, src.channel, `Agent ${1 + Math.floor(rnd() * 120)}`, src.queue, src.customerId, LANGS[Math.floor(rnd() * LANGS.length)]!, metadata, importJobId, iso, day, iso);
      for (const m of models) {
        const label = m.pick(src.labels);
        // Right most of the time, like a real model: 85 % the generator's label, else another one.
        const chosen = rnd() < 0.85 ? label : m.labels[Math.floor(rnd() * m.labels.length)]!;
        const score = 0.35 + 0.65 * Math.sqrt(rnd());
        const scores = m.labels.map((l) => (l === chosen ? Math.round(score * 1e4) / 1e4 : Math.round(((1 - score) / (m.labels.length - 1)) * 1e4) / 1e4));
        insertP.run(r.lastInsertRowid, m.id, 1, chosen, score, JSON.stringify(scores), day, iso);
      }
    }
  });
  for (let i = 0; i < ROWS; i += 10_000) {
    batch(i, Math.min(ROWS, i + 10_000));
    if (i % 100_000 === 0) log(`${fmt(i)} rows, ${fmt((performance.now() - t0) / 1000, 1)} s`);
  }
  conn.pragma('wal_checkpoint(TRUNCATE)');
  conn.exec('ANALYZE');
  conn.close();
  return (performance.now() - t0) / 1000;
}

// ---------------------------------------------------------------- helpers
async function pgQuery<R extends Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(text, values)).rows;
  } finally {
    await c.end();
  }
}

/**
 * Same rows, same ids: sqlite3 writes CSV, psql \copy reads it. As a restore
 * does it: the secondary indexes (full-text GIN included) are dropped first
 * and built again from their own definitions afterwards, foreign keys are not
 * checked row by row (the rows come from a database that enforced them), and
 * a VACUUM ANALYZE leaves the tables as autovacuum would.
 */
async function copyIntoPostgres(url: string): Promise<{ seconds: number; copySeconds: number; indexSeconds: number; vacuumSeconds: number }> {
  const TABLES: [string, string[]][] = [
    ['Model', ['id', 'name', 'question', 'kind', 'multiLabel', 'threshold', 'parentModelId', 'activeVersionId', 'createdAt', 'updatedAt']],
    ['Label', ['id', 'modelId', 'name', 'description', 'parentLabel', 'position']],
    ['IngestJob', ['id', 'status', 'source', 'fileName', 'filePath', 'fileSize', 'fileHash', 'format', 'parseDone', 'createdAt', 'updatedAt', 'startedAt', 'finishedAt']],
    ['Transcript', ['id', 'externalId', 'contentHash', 'text', 'channel', 'agent', 'queue', 'customerId', 'language', 'metadata', 'importJobId', 'occurredAt', 'day', 'createdAt']],
    ['Prediction', ['id', 'transcriptId', 'modelId', 'modelVersionId', 'label', 'score', 'scores', 'day', 'createdAt']],
  ];
  const t0 = performance.now();
  const indexes = await pgQuery<{ name: string; def: string }>(
    url,
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename IN ('Transcript', 'Prediction')
        AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))`,
  );
  await pgQuery(url, indexes.map((i) => `DROP INDEX "${i.name}";`).join('\n'));
  for (const [table, cols] of TABLES) {
    const list = cols.map((c) => `"${c}"`).join(', ');
    const t = performance.now();
    execSync(
      `set -o pipefail; sqlite3 -csv ${JSON.stringify(DB_PATH)} 'SELECT ${list.replace(/'/g, "''")} FROM "${table}"' | psql ${JSON.stringify(url)} -q -v ON_ERROR_STOP=1 -c 'SET session_replication_role = replica' -c '\\copy "${table}" (${list}) FROM STDIN WITH (FORMAT csv)'`,
      { stdio: ['ignore', 'inherit', 'inherit'], shell: '/bin/bash' },
    );
    log(`copied ${table} in ${fmt((performance.now() - t) / 1000, 1)} s`);
  }
  const copySeconds = (performance.now() - t0) / 1000;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET maintenance_work_mem = '1GB'`);
    const ti = performance.now();
    for (const i of indexes) {
      const t = performance.now();
      await c.query(i.def);
      log(`built ${i.name} in ${fmt((performance.now() - t) / 1000, 1)} s`);
    }
    const indexSeconds = (performance.now() - ti) / 1000;
    await c.query(`SELECT setval(pg_get_serial_sequence('"Transcript"', 'id'), (SELECT max(id) FROM "Transcript")), setval(pg_get_serial_sequence('"Prediction"', 'id'), (SELECT max(id) FROM "Prediction"))`);
    const tv = performance.now();
    await c.query('VACUUM (ANALYZE)');
    const vacuumSeconds = (performance.now() - tv) / 1000;
    log(`indexes built in ${fmt(indexSeconds, 1)} s, VACUUM ANALYZE ${fmt(vacuumSeconds, 1)} s`);
    return { seconds: (performance.now() - t0) / 1000, copySeconds, indexSeconds, vacuumSeconds };
  } finally {
    await c.end();
  }
}

type Dialect = 'sqlite' | 'postgresql';
const DIALECT_NAME: Record<Dialect, string> = { sqlite: 'SQLite', postgresql: 'PostgreSQL' };

type IndexBytes = ReturnType<typeof indexBytes>;

interface Measured {
  dialect: Dialect;
  loadBefore: number;
  loadAfter: number;
  rebuild: { ms: number; rss: number; rows: number; products: number; custom: number; metaKeys: string[]; imports: number; bytes: IndexBytes };
  /** the first cold process that read the snapshot */
  fromSnapshot: { rss: number; bytes: IndexBytes };
  snapshotBytes: number;
  cold: Record<string, number[]>;
  warm: { times: Record<string, number[]>; rss: number };
  sql: { q: string; ms: number }[];
  exp: { ms: number; rows: number; bytes: number; rssBefore: number; rss: number };
}

interface SqlQuestion {
  q: string;
  sql: string;
  /** PostgreSQL's own text where the dialects differ (JSON) */
  pgSql?: string;
  args: unknown[];
}

/** The same questions in SQL, for comparison (why the index exists): warm-up, then the median of 3. */
const SQL_QUESTIONS: SqlQuestion[] = (() => {
  const day30 = new Date(NOW.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
  const today = NOW.toISOString().slice(0, 10);
  return [
    { q: 'breakdown, last 30 days (covering index)', sql: `SELECT label, count(*) FROM "Prediction" WHERE "modelId" = 42 AND "day" BETWEEN ? AND ? GROUP BY label`, args: [day30, today] },
    { q: 'breakdown, all time', sql: `SELECT label, count(*) FROM "Prediction" WHERE "modelId" = 42 GROUP BY label`, args: [] },
    {
      q: 'breakdown, all time, one sentiment (join)',
      sql: `SELECT p.label, count(*) FROM "Prediction" p JOIN "Prediction" s ON s."transcriptId" = p."transcriptId" AND s."modelId" = 201 AND s.label = 'Angry' WHERE p."modelId" = 42 GROUP BY p.label`,
      args: [],
    },
    {
      q: 'breakdown, all time, channel = call (join)',
      sql: `SELECT p.label, count(*) FROM "Prediction" p JOIN "Transcript" t ON t.id = p."transcriptId" WHERE p."modelId" = 42 AND t.channel = 'call' GROUP BY p.label`,
      args: [],
    },
    {
      q: 'cross-tab product × issue, all time (join)',
      sql: `SELECT a.label, b.label, count(*) FROM "Prediction" a JOIN "Prediction" b ON b."transcriptId" = a."transcriptId" AND b."modelId" = 87 WHERE a."modelId" = 42 GROUP BY 1, 2`,
      args: [],
    },
    { q: 'drill-down page 1, all time', sql: `SELECT id FROM "Transcript" ORDER BY "occurredAt" DESC, id DESC LIMIT 25`, args: [] },
    {
      q: 'breakdown by meta.subflow, all time (JSON per row)',
      sql: `SELECT json_extract("metadata", '$.subflow') AS v, count(*) FROM "Transcript" GROUP BY v`,
      pgSql: `SELECT ("metadata"::jsonb) ->> 'subflow' AS v, count(*) FROM "Transcript" GROUP BY v`,
      args: [],
    },
    {
      q: `breakdown of the custom model, all time, meta.flow = ${PICKS.flow} (join, JSON per row)`,
      sql: `SELECT p.label, count(*) FROM "Prediction" p JOIN "Transcript" t ON t.id = p."transcriptId" WHERE p."modelId" = ${CUSTOM_MODEL.id} AND json_extract(t."metadata", '$.flow') = ? GROUP BY p.label`,
      pgSql: `SELECT p.label, count(*) FROM "Prediction" p JOIN "Transcript" t ON t.id = p."transcriptId" WHERE p."modelId" = ${CUSTOM_MODEL.id} AND (t."metadata"::jsonb) ->> 'flow' = ? GROUP BY p.label`,
      args: [PICKS.flow],
    },
    {
      q: 'breakdown, one import (indexed importJobId, join)',
      sql: `SELECT p.label, count(*) FROM "Prediction" p JOIN "Transcript" t ON t.id = p."transcriptId" WHERE p."modelId" = 42 AND t."importJobId" = ? GROUP BY p.label`,
      args: [PICKS.import],
    },
  ];
})();

function sqliteSql(question: SqlQuestion): Promise<number[]> {
  const conn = new Database(DB_PATH, { readonly: true });
  try {
    conn.pragma('cache_size = -262144');
    const st = conn.prepare(question.sql);
    st.all(...question.args); // warm the page cache
    return Promise.resolve(
      [0, 1, 2].map(() => {
        const t = performance.now();
        st.all(...question.args);
        return performance.now() - t;
      }),
    );
  } finally {
    conn.close();
  }
}

async function postgresSql(url: string, question: SqlQuestion): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    let n = 0;
    const text = (question.pgSql ?? question.sql).replace(/\?/g, () => `$${++n}`);
    await c.query(text, question.args); // warm the buffer cache
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await c.query(text, question.args);
      times.push(performance.now() - t);
    }
    return times;
  } finally {
    await c.end();
  }
}

const EXPECTED_META_KEYS = ['campaign', 'flow', 'region', 'subflow', 'tier'];

async function measure(
  dialect: Dialect,
  url: string,
  extraEnv: Record<string, string>,
  snapshot: { drop: () => void; bytes: () => number },
  sql: (q: SqlQuestion) => Promise<number[]>,
): Promise<Measured> {
  const name = DIALECT_NAME[dialect];
  const loadBefore = loadAverage();
  log(`${name} (1-min load average ${fmt(loadBefore, 2)})`);
  const env = { ...process.env, ...extraEnv, DATABASE_URL: url };
  const child = <T,>(args: string[]): T => {
    const r = spawnSync(process.execPath, [...SELF, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    if (r.status !== 0) throw new Error(`${name} child ${args.join(' ')} failed:\n${r.stderr}`);
    const lines = r.stdout.trim().split('\n');
    const out = JSON.parse(lines[lines.length - 1]!) as T & { dialect: Dialect };
    // A child that measured the other database would make every number here a lie.
    if (out.dialect !== dialect) throw new Error(`${name} child ${args.join(' ')} measured ${out.dialect}`);
    return out;
  };

  // Cold without a snapshot: the index is rebuilt from the database.
  snapshot.drop();
  log('  cold start without a snapshot (index built from the database)…');
  const rebuild = child<Measured['rebuild']>(['--cold', 'kpis']);
  log(
    `    ${fmt(rebuild.ms)} ms, peak RSS ${fmt(rebuild.rss)} MiB: ${fmt(rebuild.rows)} transcripts, ${fmt(rebuild.products)} Product and ${fmt(rebuild.custom)} ${CUSTOM_MODEL.name} predictions, metadata keys ${rebuild.metaKeys.join(', ')}, ${fmt(rebuild.imports)} imports in the index`,
  );
  if (rebuild.rows !== ROWS || rebuild.products !== ROWS || rebuild.custom !== ROWS) {
    throw new Error(`${name}: the index holds ${rebuild.rows} transcripts, ${rebuild.products} predictions of model 42 and ${rebuild.custom} of model ${CUSTOM_MODEL.id}, not ${ROWS}: the numbers would mean nothing`);
  }
  if (rebuild.metaKeys.join() !== EXPECTED_META_KEYS.join() || rebuild.imports !== IMPORTS) {
    throw new Error(`${name}: the index has metadata keys [${rebuild.metaKeys.join(', ')}] and ${rebuild.imports} imports, not [${EXPECTED_META_KEYS.join(', ')}] and ${IMPORTS}`);
  }
  const snapshotBytes = snapshot.bytes();
  // Cold with the snapshot the first run wrote: every query first in a new process, 3 times.
  const cold: Record<string, number[]> = {};
  let fromSnapshot: Measured['fromSnapshot'] | null = null;
  for (const q of QUERIES) {
    for (let i = 0; i < COLD_PROCESSES; i++) {
      const r = child<{ ms: number; rss: number; bytes: IndexBytes }>(['--cold', q]);
      (cold[q] ??= []).push(r.ms);
      fromSnapshot ??= { rss: r.rss, bytes: r.bytes };
    }
    log(`  cold ${q}: ${cold[q]!.map((x) => fmt(x)).join(', ')} ms`);
  }
  log(`  warm: every query × every filter set × ${WARM_REPS}…`);
  const warm = child<Measured['warm']>(['--warm', String(WARM_REPS)]);
  const all = Object.values(warm.times).flat();
  log(`    all: p50 ${fmt(percentile(all, 50), 1)} ms, p95 ${fmt(percentile(all, 95), 1)} ms, peak RSS ${fmt(warm.rss)} MiB`);
  log('  the same questions in SQL…');
  const sqlRows: Measured['sql'] = [];
  for (const s of SQL_QUESTIONS) {
    const ms = percentile(await sql(s), 50);
    sqlRows.push({ q: s.q, ms });
    log(`    ${s.q}: ${fmt(ms)} ms`);
  }
  log('  export of every row…');
  const exp = child<Measured['exp']>(['--export']);
  log(`    ${fmt(exp.rows)} rows in ${fmt(exp.ms / 1000, 1)} s, peak RSS ${fmt(exp.rss)} MiB`);
  if (exp.rows !== ROWS) throw new Error(`${name}: the export held ${exp.rows} rows, not ${ROWS}`);
  const loadAfter = loadAverage();
  return { dialect, loadBefore, loadAfter, rebuild, fromSnapshot: fromSnapshot!, snapshotBytes, cold, warm, sql: sqlRows, exp };
}

// ---------------------------------------------------------------- report
interface ReportInput {
  /** when the numbers were measured (a re-rendered report keeps it) */
  measuredAt: string;
  command: string;
  machine: string;
  generatedIn: number | null;
  sqlite: Measured;
  postgres: { m: Measured; copy: Awaited<ReturnType<typeof copyIntoPostgres>>; pgBytes: number; version: string; searchIndex: string } | null;
  sqliteBytes: number;
}

/** The command that reproduces this run, with the environment it was given. */
function commandLine(): string {
  const vars = ['BENCH_DASHBOARD_ROWS', 'BENCH_DASHBOARD_POSTGRES', 'BENCH_DASHBOARD_FRESH'].filter((k) => process.env[k] !== undefined).map((k) => `${k}=${process.env[k]}`);
  return [...vars, 'npm run bench -- dashboard'].join(' ');
}

async function report(r: ReportInput) {
  const S = r.sqlite;
  const P = r.postgres?.m ?? null;
  const Ms = P ? [S, P] : [S];
  const p = (xs: number[] | undefined, q: number) => (xs?.length ? fmt(percentile(xs, q), 1) : '–');
  const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${fmt(a / b, 2)}×` : '–');
  const ratioOf = (a: number[] | undefined, b: number[] | undefined, q: number) => (a?.length && b?.length ? ratio(percentile(a, q), percentile(b, q)) : '–');
  /** PostgreSQL ÷ SQLite of a figure, as a cell; no cell at all on a SQLite-only run. */
  const vs = (f: (m: Measured) => number[] | undefined, q: number) => (P ? [ratioOf(f(P), f(S), q)] : []);
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const head = (cells: string[]) => `${row(cells)}\n|${cells.map(() => '---').join('|')}|`;
  const each = (label: (name: string) => string) => Ms.map((m) => label(DIALECT_NAME[m.dialect]));
  const vsHead = (what: string) => (P ? [`PostgreSQL ÷ SQLite, ${what}`] : []);

  const met = (xs: number[] | undefined) => xs !== undefined && xs.length > 0 && percentile(xs, 95) < 300;
  const target = (f: (m: Measured) => number[] | undefined) => {
    const ok = Ms.map((m) => met(f(m)));
    if (ok.every(Boolean)) return P ? 'met on both' : 'met';
    if (!P) return 'missed';
    return ok[0] ? 'met on SQLite only' : ok[1] ? 'met on PostgreSQL only' : 'missed on both';
  };
  /** Warm times of some queries over some filter sets. */
  const over = (m: Measured, queries: readonly string[], scenarios: readonly Scenario[]) => scenarios.flatMap((s) => queries.flatMap((q) => m.warm.times[`${s.name}|${q}`] ?? []));

  const queryRow = (label: string, queries: readonly string[], scenarios: readonly Scenario[], cold: string | null) => {
    const f = (m: Measured) => over(m, queries, scenarios);
    return row([
      label,
      ...Ms.flatMap((m) => [`${p(f(m), 50)} ms`, `${p(f(m), 95)} ms`]),
      ...vs(f, 95),
      ...(cold ? Ms.map((m) => `${p(m.cold[cold], 50)} ms`) : Ms.map(() => '')),
      ...(cold ? vs((m) => m.cold[cold], 50) : P ? [''] : []),
      target(f),
    ]);
  };
  const queryTable = [
    head(['query', ...each((n) => `${n} warm p50`).flatMap((x, i) => [x, each((n) => `${n} warm p95`)[i]!]), ...vsHead('warm p95'), ...each((n) => `${n} cold p50`), ...vsHead('cold p50'), 'target p95 < 300 ms (warm)']),
    ...BUILT_IN_QUERIES.map((q) => queryRow(q, [q], BUILT_IN_SCENARIOS, q)),
    queryRow('**all built-in queries**', BUILT_IN_QUERIES, BUILT_IN_SCENARIOS, null),
    ...META_QUERIES.map((q) => queryRow(q, [q], BUILT_IN_SCENARIOS, q)),
    queryRow('**all metadata queries**', META_QUERIES, BUILT_IN_SCENARIOS, null),
    queryRow(`**built-in queries, the ${META_SCENARIOS.length} metadata filter sets**`, BUILT_IN_QUERIES, META_SCENARIOS, null),
    queryRow(`**metadata queries, the ${META_SCENARIOS.length} metadata filter sets**`, META_QUERIES, META_SCENARIOS, null),
  ].join('\n');

  const p95 = (m: Measured, queries: readonly string[], scenarios: readonly Scenario[]) => percentile(over(m, queries, scenarios), 95);
  const metaRatio = (m: Measured) =>
    `${DIALECT_NAME[m.dialect]} ${ratio(p95(m, META_QUERIES, BUILT_IN_SCENARIOS), p95(m, BUILT_IN_QUERIES, BUILT_IN_SCENARIOS))} (metadata queries ÷ built-in queries), ${ratio(p95(m, BUILT_IN_QUERIES, META_SCENARIOS), p95(m, BUILT_IN_QUERIES, BUILT_IN_SCENARIOS))} (built-in queries over metadata filter sets ÷ over built-in ones)`;

  const before = ROWS === 1_000_000 ? BEFORE_METADATA : null;
  // Both databases' earlier figures, also on a SQLite-only run (then PostgreSQL's "now" is not measured).
  const DIALECTS: Dialect[] = ['sqlite', 'postgresql'];
  const mOf = (d: Dialect) => Ms.find((m) => m.dialect === d) ?? null;
  const thenNow = (then: (d: Dialect) => number, now: (m: Measured) => number, show: (x: number) => string) =>
    DIALECTS.flatMap((d) => {
      const m = mOf(d);
      const t = then(d);
      if (!m) return [show(t), 'not measured', ''];
      const n = now(m);
      return [show(t), show(n), ratio(n, t)];
    });
  const ms1 = (x: number) => `${fmt(x, 1)} ms`;
  /** "p50 / p95" then, now, and both ratios, per dialect */
  const warmThenNow = (key: string, queries: readonly string[]) =>
    DIALECTS.flatMap((d) => {
      const t50 = before?.warmP50[key]?.[d] ?? NaN;
      const t95 = before?.warmP95[key]?.[d] ?? NaN;
      const then = `${fmt(t50, 1)} / ${fmt(t95, 1)} ms`;
      const m = mOf(d);
      if (!m) return [then, 'not measured', ''];
      const xs = over(m, queries, BUILT_IN_SCENARIOS);
      const n50 = percentile(xs, 50);
      const n95 = percentile(xs, 95);
      return [then, `${fmt(n50, 1)} / ${fmt(n95, 1)} ms`, `${ratio(n50, t50)} / ${ratio(n95, t95)}`];
    });
  const beforeTable = before
    ? [
        head(['figure', ...DIALECTS.flatMap((d) => [`${DIALECT_NAME[d]} ${before.date}`, `${DIALECT_NAME[d]} now`, 'now ÷ then'])]),
        ...BUILT_IN_QUERIES.map((q) => row([`${q}, warm p50 / p95`, ...warmThenNow(q, [q])])),
        row(['**all built-in queries, warm p50 / p95**', ...warmThenNow('all', BUILT_IN_QUERIES)]),
        row(['kpis, cold p50 (index read from its snapshot)', ...thenNow((d) => before.coldP50.kpis?.[d] ?? NaN, (m) => percentile(m.cold.kpis ?? [], 50), ms1)]),
        row(['first query with no snapshot (index built from the database)', ...thenNow((d) => before.rebuildSeconds[d], (m) => m.rebuild.ms / 1000, (x) => `${fmt(x, 1)} s`)]),
        row(['peak RSS of that process', ...thenNow((d) => before.rebuildRss[d], (m) => m.rebuild.rss, (x) => `${fmt(x)} MiB`)]),
        row(['peak RSS of the warm server process', ...thenNow((d) => before.warmRss[d], (m) => m.warm.rss, (x) => `${fmt(x)} MiB`)]),
      ].join('\n')
    : null;

  const mib = (b: number) => `${fmt(b / 2 ** 20, 1)} MiB`;
  const startRow = (label: string, f: (m: Measured) => number, show: (x: number) => string) => row([label, ...Ms.map((m) => show(f(m))), ...(P ? [ratio(f(P), f(S))] : [])]);
  const startTable = [
    head(['start-up and memory', ...each((n) => n), ...(P ? ['PostgreSQL ÷ SQLite'] : [])]),
    startRow('first query with no snapshot (index built from the database)', (m) => m.rebuild.ms / 1000, (x) => `${fmt(x, 1)} s`),
    startRow('peak RSS of that process', (m) => m.rebuild.rss, (x) => `${fmt(x)} MiB`),
    startRow('first query reading the snapshot (kpis, cold p50)', (m) => percentile(m.cold.kpis ?? [], 50), (x) => `${fmt(x, 1)} ms`),
    startRow('peak RSS of a process that read the snapshot (after its first query)', (m) => m.fromSnapshot.rss, (x) => `${fmt(x)} MiB`),
    startRow('peak RSS of the warm server process', (m) => m.warm.rss, (x) => `${fmt(x)} MiB`),
    startRow('snapshot file', (m) => m.snapshotBytes, mib),
    startRow('index arrays, all (as read from the snapshot)', (m) => m.fromSnapshot.bytes.total, mib),
    startRow('… of which the 5 metadata keys', (m) => m.fromSnapshot.bytes.meta, mib),
    startRow('… of which the import column', (m) => m.fromSnapshot.bytes.imports, mib),
    startRow(`… of which the custom model (${CUSTOM_MODEL.id})`, (m) => m.fromSnapshot.bytes.custom, mib),
  ].join('\n');

  const scenarioTable = [
    head(['filter set', ...each((n) => `${n} p50`).flatMap((x, i) => [x, each((n) => `${n} p95`)[i]!]), ...vsHead('p95')]),
    ...SCENARIOS.map((s) => {
      const f = (m: Measured) => over(m, BUILT_IN_QUERIES, [s]);
      return row([s.meta ? `${s.name} (metadata)` : s.name, ...Ms.flatMap((m) => [`${p(f(m), 50)} ms`, `${p(f(m), 95)} ms`]), ...vs(f, 95)]);
    }),
  ].join('\n');

  const sqlTable = [
    head(['SQL', ...each((n) => n), ...(P ? ['PostgreSQL ÷ SQLite'] : [])]),
    ...SQL_QUESTIONS.map((q) => {
      const v = Ms.map((m) => m.sql.find((x) => x.q === q.q)?.ms ?? NaN);
      return row([q.q, ...v.map((x) => `${fmt(x, x < 10 ? 1 : 0)} ms`), ...(P ? [ratio(v[1]!, v[0]!)] : [])]);
    }),
  ].join('\n');

  const expRow = (label: string, f: (m: Measured) => string, withRatio?: (m: Measured) => number) => row([label, ...Ms.map(f), ...(P ? [withRatio ? ratio(withRatio(P), withRatio(S)) : ''] : [])]);
  const exportTable = [
    head(['export', ...each((n) => n), ...(P ? ['PostgreSQL ÷ SQLite'] : [])]),
    expRow('rows', (m) => fmt(m.exp.rows)),
    expRow('size', (m) => `${fmt(m.exp.bytes / 2 ** 20)} MiB`),
    expRow('time', (m) => `${fmt(m.exp.ms / 1000, 1)} s`, (m) => m.exp.ms),
    expRow('rows/s', (m) => fmt(m.exp.rows / (m.exp.ms / 1000))),
    expRow('peak RSS (before the export: the loaded index)', (m) => `${fmt(m.exp.rss)} MiB (${fmt(m.exp.rssBefore)} MiB)`),
  ].join('\n');

  const searchFirst = (m: Measured) => `${DIALECT_NAME[m.dialect]} ${QUERIES.map((q) => `${q} ${fmt(m.warm.times[`text search|${q}`]?.[0] ?? NaN)} ms`).join(', ')}`;
  const loads = Ms.map((m) => `${DIALECT_NAME[m.dialect]} ${fmt(m.loadBefore, 2)} before, ${fmt(m.loadAfter, 2)} after`).join('; ');
  const cores = Number(/^(\d+) ×/.exec(r.machine)?.[1] ?? NaN);
  const busiest = Math.max(...Ms.flatMap((m) => [m.loadBefore, m.loadAfter]));
  // Past one runnable process per core, a query waits for a core now and then: that lands in the tail.
  const loadNote =
    busiest > cores
      ? ` The load average was above the ${cores} cores during this run: other processes held them, so the p95 columns include time spent waiting for a core (they move with the load from run to run); the p50 columns, and ratios between rows of this run, are the steadier comparison.`
      : '';
  const pgNote = r.postgres
    ? ` PostgreSQL ${r.postgres.version} (a throw-away cluster on the same machine: scripts/pg-cluster.sh, default memory settings, durability off).`
    : ' SQLite only (`BENCH_DASHBOARD_POSTGRES=0`): PostgreSQL was not measured in this run.';
  const sizes = r.postgres
    ? `in SQLite (${fmt(r.sqliteBytes / 2 ** 30, 2)} GiB with the full-text index) and the same rows with the same ids in PostgreSQL (${fmt(r.postgres.pgBytes / 2 ** 30, 2)} GiB; copied in this run with sqlite3 and psql \`\\copy\`, secondary indexes built after the rows and \`VACUUM ANALYZE\`: ${fmt(r.postgres.copy.seconds)} s, of which copying ${fmt(r.postgres.copy.copySeconds)} s, indexes ${fmt(r.postgres.copy.indexSeconds)} s, vacuum ${fmt(r.postgres.copy.vacuumSeconds)} s)`
    : `in SQLite (${fmt(r.sqliteBytes / 2 ** 30, 2)} GiB with the full-text index)`;
  const scenarioList = (list: Scenario[]) => list.map((s) => `${s.name} (\`${s.query || '—'}\`)`).join(', ');

  const body = `
Measured ${r.measuredAt.slice(0, 10)} on ${r.machine};${pgNote} Other work shared the machine: 1-min load average ${loads}.${loadNote}

Command: \`${r.command}\` (\`BENCH_DASHBOARD_ROWS\` to change the size; the SQLite database is generated once into \`data/bench/\` and reused, \`BENCH_DASHBOARD_FRESH=1\` regenerates it; \`BENCH_DASHBOARD_POSTGRES=0\` measures SQLite only).

What is measured: ${fmt(ROWS)} transcripts × 6 models (the demo's Product, Issue Type, Root Cause, Sentiment, Churn Risk, and a custom model, ${CUSTOM_MODEL.id} "${CUSTOM_MODEL.name}", ${CUSTOM_MODEL.labels.length} labels, skewed: its top label on about a third of the transcripts; ${fmt(ROWS * 6)} prediction rows) over 365 days (texts from the demo generator, ~1,000 characters), each with metadata as an upload's extra columns carry it (\`Transcript.metadata\`): five keys, not on every transcript — flow (20 values, 97 % of transcripts), subflow (200, 90 %), region (8, 99 %), tier (3, 80 %), campaign (50, 35 %), Zipf-like so a few values carry most transcripts — and ${fmt(IMPORTS)} imports (\`importJobId\` on 92 % of transcripts, each import a slice of the year), ${sizes}.${r.generatedIn !== null ? ` Generating the SQLite database took ${fmt(r.generatedIn)} s.` : ''} Each overview query and the first drill-down page is called as the API routes call them (\`lib/server/analytics\`; the KPIs with the demo layout's four cards: volume, share of Sentiment Frustrated/Angry, top Issue Type, share of Churn Risk High), through the same code on ${P ? 'both databases' : 'the database'}, over ${BUILT_IN_SCENARIOS.length} built-in filter sets, the same as before metadata: ${scenarioList(BUILT_IN_SCENARIOS)}; and ${META_SCENARIOS.length} metadata filter sets: ${scenarioList(META_SCENARIOS)}. The metadata queries: a breakdown by \`meta.subflow\`, a breakdown of the custom model, a cross-tab custom model × \`meta.flow\`. Every measuring process reports which database it talked to, and the bench checks that the index of each holds every transcript, every Product and custom-model prediction, the five metadata keys and the ${fmt(IMPORTS)} imports before it keeps a number.

How it answers: an in-process analytics index (\`lib/server/analytics/fact-index.ts\`): one row per transcript in typed arrays (day, time, channel/agent/queue/language codes, each metadata key's and the import's codes, each model's top label and score); every filter combination is one linear pass, and a metadata key is a dictionary-encoded column like channel. It is built from the database (\`SqliteIndexReader\` or \`PostgresIndexReader\`, the metadata JSON parsed once per transcript), follows new transcripts by id, and is kept as a snapshot file (next to a SQLite database; in \`ANALYTICS_CACHE_DIR\` for PostgreSQL) so a restarted server starts warm. Text search uses SQLite FTS5 (external content, kept by triggers)${r.postgres ? ` or PostgreSQL's GIN index (\`${r.postgres.searchIndex}\`)` : ''}. Warm queries are the same typed-array passes on either database; what the database changes is the first load, the catch-up with new rows, the rows of a drill-down page or an export, and full-text search.

Built-in queries, then the metadata ones, each over the ${BUILT_IN_SCENARIOS.length} built-in filter sets (the same basis, so the rows compare directly); the last two rows run the queries over the ${META_SCENARIOS.length} metadata filter sets:

${queryTable}

Warm = the same server process, ${WARM_REPS} calls per query and filter set. Cold = the first query of a new process (${COLD_PROCESSES} processes per query, default filters), which first reads the index snapshot (${fmt(ROWS)} rows) and catches up with the database. Warm p95, metadata ÷ built-in: ${Ms.map(metaRatio).join('; ')}.
${
  beforeTable
    ? `
The built-in figures beside those of the last run before metadata (${before!.date}: the same ${fmt(ROWS)} transcripts × 5 models, no metadata, no imports, no custom model; same command, on ${before!.machine}, 1-min load average ${fmt(before!.load.sqlite, 2)} before its SQLite half and ${fmt(before!.load.postgresql, 2)} before its PostgreSQL half), to show what five metadata keys, a sixth model and the imports cost the queries that do not use them:

${beforeTable}
`
    : ''
}
${startTable}

Without a snapshot (first start after an upgrade, or a deleted file) the first query builds the index from the database; later starts read the snapshot. The index arrays are counted as allocated (a rebuilt index has room to grow; one read from a snapshot is exact).

The first text search for a word pays for the full-text lookup once (then cached per search until new transcripts arrive): ${Ms.map(searchFirst).join('; ')}.

Per filter set, the ${BUILT_IN_QUERIES.length} built-in queries (warm), the metadata filter sets after the built-in ones:

${scenarioTable}

The same questions in SQL on the same data (SQLite: better-sqlite3 with a 256 MiB page cache${P ? '; PostgreSQL: `pg`, default settings' : ''}; caches warm, median of 3), for comparison — why the index exists:

${sqlTable}

Export of every row (\`range=all\`, CSV streamed through \`exportCsvStream\` as the export route does, read to the end; the rows are read 1,000 at a time, so memory stays flat):

${exportTable}
`;
  await writeSection('Dashboard queries', body);
  // The PostgreSQL numbers used to be a section of their own (bench/dashboard-postgres.ts): now they are columns above.
  await removeSection('Dashboard queries on PostgreSQL');
  log(`wrote the "Dashboard queries" section of ${process.env.BENCH_DOCS_PATH || 'docs/benchmarks.md'}`);
}

// ---------------------------------------------------------------- main: the SQLite database
// The raw numbers of the last run, so the report can be written again without measuring again:
// BENCH_DASHBOARD_REPORT_ONLY=1 re-renders the section from them.
const RESULTS_PATH = resolve(`data/bench/dashboard-v2-${ROWS}.results.json`);
async function finish(input: Omit<ReportInput, 'measuredAt' | 'command' | 'machine' | 'generatedIn'>): Promise<void> {
  const full: ReportInput = { ...input, measuredAt: new Date().toISOString(), command: commandLine(), machine: machine(), generatedIn };
  writeFileSync(RESULTS_PATH, JSON.stringify(full));
  log(`raw numbers in ${RESULTS_PATH}`);
  await report(full);
}
if (process.env.BENCH_DASHBOARD_REPORT_ONLY === '1') {
  await report(JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as ReportInput);
  process.exit(0);
}
let generatedIn: number | null = null;
if (process.env.BENCH_DASHBOARD_FRESH || rowCount() !== ROWS) {
  log(`building ${DB_PATH} with ${fmt(ROWS)} transcripts × 6 models, metadata and imports (once; reused by later runs)…`);
  generatedIn = await generate();
  log(`generated in ${fmt(generatedIn, 1)} s`);
} else {
  log(`reusing ${DB_PATH}`);
  const { migrate } = await import('@/lib/migrate');
  await migrate(DB_URL); // a database from an earlier run may predate the newest migrations
}
const sqliteBytes = ['', '-wal'].reduce((a, s) => a + (existsSync(DB_PATH + s) ? statSync(DB_PATH + s).size : 0), 0);
const sqliteSnapshot = `${DB_PATH}.analytics`;
const sqlite = await measure(
  'sqlite',
  DB_URL,
  {},
  { drop: () => rmSync(sqliteSnapshot, { force: true }), bytes: () => (existsSync(sqliteSnapshot) ? statSync(sqliteSnapshot).size : NaN) },
  (sql) => sqliteSql(sql),
);

// ---------------------------------------------------------------- the same rows in PostgreSQL
if (!WITH_POSTGRES) {
  log('BENCH_DASHBOARD_POSTGRES=0: SQLite only');
  await finish({ sqlite, postgres: null, sqliteBytes });
} else {
  const cluster = await startCluster(log);
  const cacheDir = mkdtempSync(join(tmpdir(), 'callsight-bench-pg-cache-'));
  try {
    const pgUrl = await cluster.createDatabase('dashboard');
    const { migrate } = await import('@/lib/migrate');
    await migrate(pgUrl);
    const copy = await copyIntoPostgres(pgUrl);
    const pgBytes = Number((await pgQuery(pgUrl, `SELECT pg_database_size(current_database())::text AS b`))[0]!.b);
    const searchIndex = (await pgQuery<{ def: string }>(pgUrl, `SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'Transcript_text_search_idx'`))[0]?.def.replace(/^CREATE INDEX "?\w+"? ON (\S+\.)?/, '') ?? 'none';
    const postgres = await measure(
      'postgresql',
      pgUrl,
      { ANALYTICS_CACHE_DIR: cacheDir },
      {
        drop: () => {
          rmSync(cacheDir, { recursive: true, force: true });
          mkdirSync(cacheDir, { recursive: true });
        },
        bytes: () => readdirSync(cacheDir).filter((f) => f.endsWith('.analytics')).reduce((a, f) => a + statSync(join(cacheDir, f)).size, 0),
      },
      (sql) => postgresSql(pgUrl, sql),
    );
    await finish({ sqlite, postgres: { m: postgres, copy, pgBytes, version: cluster.version, searchIndex }, sqliteBytes });
  } finally {
    cluster.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
