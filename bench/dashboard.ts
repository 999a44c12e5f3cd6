// npm run bench -- dashboard: the dashboard's queries at 1,000,000 transcripts
// × 5 models on SQLite and on PostgreSQL, the same data in the same run, side
// by side (p50/p95, cold and warm), the same questions asked in SQL for
// comparison, and a CSV export of every row.
//
// The SQLite database (about 3 GB) is generated once into data/bench/ and
// reused; BENCH_DASHBOARD_FRESH=1 regenerates it, BENCH_DASHBOARD_ROWS changes
// the size (another size is another file: a small trial run leaves the
// 1,000,000-row file alone). Each run copies it into a throw-away PostgreSQL
// cluster (scripts/pg-cluster.sh): same rows, same ids.
import Database from 'better-sqlite3';
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { startCluster } from './pg-cluster';
import { loadAverage } from './proc';
import { machine, percentile, removeSection, writeSection } from './stats';

const ROWS = Number(process.env.BENCH_DASHBOARD_ROWS ?? 1_000_000);
const DB_PATH = resolve(`data/bench/dashboard-${ROWS}.db`);
const DB_URL = `file:${DB_PATH}`;
const NOW = new Date('2026-11-28T12:00:00Z');
const SELF = ['--conditions=react-server', '--import', 'tsx', 'bench/dashboard.ts'];
const mode = process.argv[2];
// A child measures the database its parent hands it in DATABASE_URL (SQLite
// or PostgreSQL); only the parent starts from the SQLite file.
if (!mode?.startsWith('--')) process.env.DATABASE_URL = DB_URL;

const log = (s: string) => console.error(`[bench dashboard] ${s}`);
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d }) : '–');

/** The filter sets a morning's clicking goes through, from the default view to narrow ones. */
const SCENARIOS: { name: string; query: string }[] = [
  { name: 'default (last 30 days)', query: '' },
  { name: 'all time', query: 'range=all' },
  { name: 'one sentiment, 90 days', query: 'range=90d&label=201:Angry' },
  { name: 'product + issue + channel', query: 'range=365d&label=42:Fiber&label=87:Billing&channel=call' },
  { name: 'min confidence + queue', query: 'range=90d&min=0.7&queue=Billing' },
  { name: 'custom range + 2 sentiments', query: 'from=2026-09-01&to=2026-09-30&label=201:Frustrated&label=201:Angry' },
  { name: 'text search', query: 'range=all&q=invoice' },
];

const QUERIES = ['kpis', 'breakdown (×4 models)', 'trend (by day)', 'cross-tab', 'filter options', 'drill-down page 1', 'drill-down page 1 by score'] as const;
type QueryName = (typeof QUERIES)[number];

async function runQuery(name: QueryName, query: string): Promise<void> {
  const { db } = await import('@/lib/db');
  const { parseDashboardFilters } = await import('@/lib/schemas/dashboard-filters');
  const { parseTranscriptListParams } = await import('@/lib/schemas/transcript-list');
  const f = parseDashboardFilters(query, NOW);
  switch (name) {
    case 'kpis':
      await (await import('@/lib/server/analytics/get-kpis')).getKpis(db, f);
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
      await (await import('@/lib/server/analytics/get-cross-tab')).getCrossTab(db, f, { rowModelId: 42, colModelId: 87 });
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

// ---------------------------------------------------------------- child modes
if (mode === '--cold') {
  // A fresh process: the first query pays for building (or reading) the index.
  const name = process.argv[3] as QueryName;
  // A running server has its code loaded: load every module first, time only the query.
  await Promise.all(
    ['get-kpis', 'get-breakdown', 'get-trend', 'get-cross-tab', 'get-filter-options', 'find-transcripts'].map((m) => import(`@/lib/server/analytics/${m}`)),
  );
  await Promise.all([import('@/lib/db'), import('@/lib/schemas/dashboard-filters'), import('@/lib/schemas/transcript-list')]);
  const t = performance.now();
  await runQuery(name, '');
  const ms = performance.now() - t;
  // How many transcripts the index holds: a cold number over an empty index would be meaningless.
  const { db } = await import('@/lib/db');
  const { getFactIndex } = await import('@/lib/server/analytics/fact-index');
  const index = await getFactIndex(db);
  // …and predictions: every generated transcript has a Product prediction.
  const { getBreakdown } = await import('@/lib/server/analytics/get-breakdown');
  const { parseDashboardFilters } = await import('@/lib/schemas/dashboard-filters');
  const products = (await getBreakdown(db, parseDashboardFilters('range=all'), { modelId: 42 })).total;
  console.log(JSON.stringify({ ms, rss: peakRssMiB(), rows: index.n, products, dialect: await dialect() }));
  process.exit(0);
}
if (mode === '--warm') {
  const { db } = await import('@/lib/db');
  const { getFactIndex } = await import('@/lib/server/analytics/fact-index');
  await getFactIndex(db);
  const reps = Number(process.argv[3] ?? 15);
  const times: Record<string, number[]> = {};
  const first: Record<string, number> = {};
  for (const s of SCENARIOS) {
    for (const q of QUERIES) {
      for (let i = 0; i < reps; i++) {
        const t = performance.now();
        await runQuery(q, s.query);
        const dt = performance.now() - t;
        (times[q] ??= []).push(dt);
        (times[`${s.name}`] ??= []).push(dt);
        if (i === 0) first[`${s.name}|${q}`] = dt;
      }
    }
  }
  console.log(JSON.stringify({ times, first, rss: peakRssMiB(), dialect: await dialect() }));
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
  const models = [
    { id: 42, name: 'Product', labels: [...T.PRODUCTS], pick: (l: DemoLabels) => l.product },
    { id: 87, name: 'Issue Type', labels: [...T.ISSUE_TYPES], pick: (l: DemoLabels) => l.issueTypes[0] ?? 'Billing', multi: true },
    { id: 156, name: 'Root Cause', labels: [...T.ROOT_CAUSES], pick: (l: DemoLabels) => l.rootCauses[0] ?? 'System error', multi: true },
    { id: 201, name: 'Sentiment', labels: [...T.SENTIMENTS], pick: (l: DemoLabels) => l.sentiment },
    { id: 244, name: 'Churn Risk', labels: [...T.CHURN_RISKS], pick: (l: DemoLabels) => l.churnRisk },
  ];
  type DemoLabels = ReturnType<typeof generateTranscripts>[number]['labels'];
  const now = new Date().toISOString();
  for (const m of models) {
    conn.prepare(`INSERT INTO "Model" ("id", "name", "multiLabel", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`).run(m.id, m.name, m.multi ? 1 : 0, now, now);
    m.labels.forEach((l, i) => conn.prepare(`INSERT INTO "Label" ("modelId", "name", "position") VALUES (?, ?, ?)`).run(m.id, l, i));
  }
  // 50,000 distinct generated transcripts, each used 20 times with its own time, agent and number.
  const POOL = Math.min(ROWS, 50_000);
  log(`generating a pool of ${fmt(POOL)} transcripts…`);
  const pool = generateTranscripts(POOL, 777, { startDate: NOW, days: 365 });
  const insertT = conn.prepare(
    `INSERT INTO "Transcript" ("externalId", "contentHash", "text", "channel", "agent", "queue", "customerId", "language", "metadata", "occurredAt", "day", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertP = conn.prepare(`INSERT INTO "Prediction" ("transcriptId", "modelId", "modelVersionId", "label", "score", "scores", "day", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const LANGS = ['English', 'English', 'English', 'English', 'English', 'English', 'Swedish', 'Swedish', 'Norwegian', 'Danish'];
  const t0 = performance.now();
  const batch = conn.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const src = pool[i % POOL]!;
      const when = new Date(NOW.getTime() - Math.floor(rnd() * 365 * 86_400_000));
      const iso = when.toISOString();
      const day = iso.slice(0, 10);
      const r = insertT.run(`bench-${i}`, `bench-hash-${i}`, `${src.text}\n#${i}`, src.channel, `Agent ${1 + Math.floor(rnd() * 120)}`, src.queue, src.customerId, LANGS[Math.floor(rnd() * LANGS.length)]!, '{}', iso, day, iso);
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
    ['Transcript', ['id', 'externalId', 'contentHash', 'text', 'channel', 'agent', 'queue', 'customerId', 'language', 'metadata', 'occurredAt', 'day', 'createdAt']],
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

interface Measured {
  dialect: Dialect;
  loadBefore: number;
  rebuild: { ms: number; rss: number; rows: number; products: number };
  cold: Record<string, number[]>;
  warm: { times: Record<string, number[]>; first: Record<string, number>; rss: number };
  sql: { q: string; ms: number }[];
  exp: { ms: number; rows: number; bytes: number; rssBefore: number; rss: number };
}

/** The same questions in SQL, for comparison (why the index exists): warm-up, then the median of 3. */
const SQL_QUESTIONS = (() => {
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
  ];
})();

function sqliteSql(question: (typeof SQL_QUESTIONS)[number]): Promise<number[]> {
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

async function postgresSql(url: string, question: (typeof SQL_QUESTIONS)[number]): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    let n = 0;
    const text = question.sql.replace(/\?/g, () => `$${++n}`);
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

async function measure(dialect: Dialect, url: string, extraEnv: Record<string, string>, dropSnapshot: () => void, sql: (q: (typeof SQL_QUESTIONS)[number]) => Promise<number[]>): Promise<Measured> {
  const name = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
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
  dropSnapshot();
  log('  cold start without a snapshot (index built from the database)…');
  const rebuild = child<Measured['rebuild']>(['--cold', 'kpis']);
  log(`    ${fmt(rebuild.ms)} ms, ${fmt(rebuild.rows)} transcripts and ${fmt(rebuild.products)} Product predictions in the index`);
  if (rebuild.rows !== ROWS || rebuild.products !== ROWS) throw new Error(`${name}: the index holds ${rebuild.rows} transcripts and ${rebuild.products} predictions of model 42, not ${ROWS}: the numbers would mean nothing`);
  // Cold with the snapshot the first run wrote: every query first in a new process, 3 times.
  const cold: Record<string, number[]> = {};
  for (const q of QUERIES) {
    for (let i = 0; i < 3; i++) (cold[q] ??= []).push(child<{ ms: number }>(['--cold', q]).ms);
    log(`  cold ${q}: ${cold[q]!.map((x) => fmt(x)).join(', ')} ms`);
  }
  log('  warm: every query × every scenario × 15…');
  const warm = child<Measured['warm']>(['--warm', '15']);
  log(`    all: p50 ${fmt(percentile(QUERIES.flatMap((q) => warm.times[q] ?? []), 50), 1)} ms, p95 ${fmt(percentile(QUERIES.flatMap((q) => warm.times[q] ?? []), 95), 1)} ms`);
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
  return { dialect, loadBefore, rebuild, cold, warm, sql: sqlRows, exp };
}

// ---------------------------------------------------------------- report
async function report(r: { sqlite: Measured; postgres: Measured; copy: Awaited<ReturnType<typeof copyIntoPostgres>>; sqliteBytes: number; pgBytes: number; version: string; searchIndex: string }) {
  const { sqlite: S, postgres: P } = r;
  const p = (xs: number[] | undefined, q: number) => (xs?.length ? fmt(percentile(xs, q), 1) : '–');
  const ratio = (pgValue: number, sqliteValue: number) => (sqliteValue > 0 && Number.isFinite(pgValue) ? `${fmt(pgValue / sqliteValue, 2)}×` : '–');
  const ratioOf = (a: number[] | undefined, b: number[] | undefined, q: number) => (a?.length && b?.length ? ratio(percentile(a, q), percentile(b, q)) : '–');
  const met = (xs: number[] | undefined) => xs?.length !== undefined && xs.length > 0 && percentile(xs, 95) < 300;
  const target = (a: number[] | undefined, b: number[] | undefined) => (met(a) && met(b) ? 'met on both' : met(a) ? 'met on SQLite only' : met(b) ? 'met on PostgreSQL only' : 'missed on both');
  const allWarm = (m: Measured) => QUERIES.flatMap((q) => m.warm.times[q] ?? []);
  const searchFirst = (m: Measured) => QUERIES.map((q) => m.warm.first[`text search|${q}`] ?? 0);

  const body = `
Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; PostgreSQL ${r.version} (a throw-away cluster on the same machine: scripts/pg-cluster.sh, default memory settings, durability off). 1-min load average before each half: SQLite ${fmt(S.loadBefore, 2)}, PostgreSQL ${fmt(P.loadBefore, 2)}.

Command: \`npm run bench -- dashboard\` (\`BENCH_DASHBOARD_ROWS\` to change the size; the SQLite database is generated once into \`data/bench/\` and reused, \`BENCH_DASHBOARD_FRESH=1\` regenerates it).

What is measured: ${fmt(ROWS)} transcripts × 5 models (Product, Issue Type, Root Cause, Sentiment, Churn Risk: ${fmt(ROWS * 5)} prediction rows) over 365 days (texts from the demo generator, ~1,000 characters), in SQLite (${fmt(r.sqliteBytes / 2 ** 30, 2)} GiB with the full-text index) and the same rows with the same ids in PostgreSQL (${fmt(r.pgBytes / 2 ** 30, 2)} GiB; copied in this run with sqlite3 and psql \`\\copy\`, secondary indexes built after the rows and \`VACUUM ANALYZE\`: ${fmt(r.copy.seconds)} s, of which copying ${fmt(r.copy.copySeconds)} s, indexes ${fmt(r.copy.indexSeconds)} s, vacuum ${fmt(r.copy.vacuumSeconds)} s).${generatedIn !== null ? ` Generating the SQLite database took ${fmt(generatedIn)} s.` : ''} Each overview query and the first drill-down page is called as the API routes call them (\`lib/server/analytics\`), through the same code on both databases, over ${SCENARIOS.length} filter sets: ${SCENARIOS.map((s) => `${s.name} (\`${s.query || '—'}\`)`).join(', ')}. Every measuring process reports which database it talked to, and the bench checks that the index of each holds every transcript and every Product prediction before it keeps a number.

How it answers: an in-process analytics index (\`lib/server/analytics/fact-index.ts\`): one row per transcript in typed arrays (day, time, channel/agent/queue/language codes, each model's top label and score); every filter combination is one linear pass. It is built from the database (\`SqliteIndexReader\` or \`PostgresIndexReader\`), follows new transcripts by id, and is kept as a snapshot file (next to a SQLite database; in \`ANALYTICS_CACHE_DIR\` for PostgreSQL) so a restarted server starts warm. Text search uses SQLite FTS5 (external content, kept by triggers) or PostgreSQL's GIN index (\`${r.searchIndex}\`). Warm queries are the same typed-array passes on either database; what the database changes is the first load, the catch-up with new rows, the rows of a drill-down page or an export, and full-text search.

| query | SQLite warm p50 | SQLite warm p95 | PostgreSQL warm p50 | PostgreSQL warm p95 | PostgreSQL ÷ SQLite, warm p95 | SQLite cold p50 | PostgreSQL cold p50 | PostgreSQL ÷ SQLite, cold p50 | target p95 < 300 ms (warm) |
|---|---|---|---|---|---|---|---|---|---|
${QUERIES.map(
  (q) =>
    `| ${q} | ${p(S.warm.times[q], 50)} ms | ${p(S.warm.times[q], 95)} ms | ${p(P.warm.times[q], 50)} ms | ${p(P.warm.times[q], 95)} ms | ${ratioOf(P.warm.times[q], S.warm.times[q], 95)} | ${p(S.cold[q], 50)} ms | ${p(P.cold[q], 50)} ms | ${ratioOf(P.cold[q], S.cold[q], 50)} | ${target(S.warm.times[q], P.warm.times[q])} |`,
).join('\n')}
| **all of the above** | ${p(allWarm(S), 50)} ms | ${p(allWarm(S), 95)} ms | ${p(allWarm(P), 50)} ms | ${p(allWarm(P), 95)} ms | ${ratioOf(allWarm(P), allWarm(S), 95)} | | | | ${target(allWarm(S), allWarm(P))} |

Warm = the same server process, 15 calls per query and filter set. Cold = the first query of a new process (3 processes per query), which first reads the index snapshot (${fmt(ROWS)} rows) and catches up with the database.

| start-up and memory | SQLite | PostgreSQL | PostgreSQL ÷ SQLite |
|---|---|---|---|
| first query with no snapshot (index built from the database) | ${fmt(S.rebuild.ms / 1000, 1)} s | ${fmt(P.rebuild.ms / 1000, 1)} s | ${ratio(P.rebuild.ms, S.rebuild.ms)} |
| peak RSS of that process | ${fmt(S.rebuild.rss)} MiB | ${fmt(P.rebuild.rss)} MiB | ${ratio(P.rebuild.rss, S.rebuild.rss)} |
| peak RSS of the warm server process | ${fmt(S.warm.rss)} MiB | ${fmt(P.warm.rss)} MiB | ${ratio(P.warm.rss, S.warm.rss)} |

Without a snapshot (first start after an upgrade, or a deleted file) the first query builds the index from the database; later starts read the snapshot.

The first text search for a word pays for the full-text lookup once (then cached per search until new transcripts arrive): SQLite ${QUERIES.map((q, i) => `${q} ${fmt(searchFirst(S)[i] ?? 0)} ms`).join(', ')}; PostgreSQL ${QUERIES.map((q, i) => `${q} ${fmt(searchFirst(P)[i] ?? 0)} ms`).join(', ')}.

Per filter set, all queries (warm):

| filter set | SQLite p50 | SQLite p95 | PostgreSQL p50 | PostgreSQL p95 | PostgreSQL ÷ SQLite, p95 |
|---|---|---|---|---|---|
${SCENARIOS.map((s) => `| ${s.name} | ${p(S.warm.times[s.name], 50)} ms | ${p(S.warm.times[s.name], 95)} ms | ${p(P.warm.times[s.name], 50)} ms | ${p(P.warm.times[s.name], 95)} ms | ${ratioOf(P.warm.times[s.name], S.warm.times[s.name], 95)} |`).join('\n')}

The same questions in SQL on the same data (SQLite: better-sqlite3 with a 256 MiB page cache; PostgreSQL: \`pg\`, default settings; caches warm, median of 3), for comparison — why the index exists:

| SQL | SQLite | PostgreSQL | PostgreSQL ÷ SQLite |
|---|---|---|---|
${SQL_QUESTIONS.map((q) => {
  const a = S.sql.find((x) => x.q === q.q)?.ms ?? NaN;
  const b = P.sql.find((x) => x.q === q.q)?.ms ?? NaN;
  return `| ${q.q} | ${fmt(a, a < 10 ? 1 : 0)} ms | ${fmt(b, b < 10 ? 1 : 0)} ms | ${ratio(b, a)} |`;
}).join('\n')}

Export of every row (\`range=all\`, CSV streamed through \`exportCsvStream\` as the export route does, read to the end; the rows are read 1,000 at a time, so memory stays flat):

| export | SQLite | PostgreSQL | PostgreSQL ÷ SQLite |
|---|---|---|---|
| rows | ${fmt(S.exp.rows)} | ${fmt(P.exp.rows)} | |
| size | ${fmt(S.exp.bytes / 2 ** 20)} MiB | ${fmt(P.exp.bytes / 2 ** 20)} MiB | |
| time | ${fmt(S.exp.ms / 1000, 1)} s | ${fmt(P.exp.ms / 1000, 1)} s | ${ratio(P.exp.ms, S.exp.ms)} |
| rows/s | ${fmt(S.exp.rows / (S.exp.ms / 1000))} | ${fmt(P.exp.rows / (P.exp.ms / 1000))} | |
| peak RSS (before the export: the loaded index) | ${fmt(S.exp.rss)} MiB (${fmt(S.exp.rssBefore)} MiB) | ${fmt(P.exp.rss)} MiB (${fmt(P.exp.rssBefore)} MiB) | |
`;
  await writeSection('Dashboard queries', body);
  // The PostgreSQL numbers used to be a section of their own (bench/dashboard-postgres.ts): now they are columns above.
  await removeSection('Dashboard queries on PostgreSQL');
  log(`wrote the "Dashboard queries" section of ${process.env.BENCH_DOCS_PATH || 'docs/benchmarks.md'}`);
}

// ---------------------------------------------------------------- main: the SQLite database
let generatedIn: number | null = null;
if (process.env.BENCH_DASHBOARD_FRESH || rowCount() !== ROWS) {
  log(`building ${DB_PATH} with ${fmt(ROWS)} transcripts × 5 models (once; reused by later runs)…`);
  generatedIn = await generate();
  log(`generated in ${fmt(generatedIn, 1)} s`);
} else {
  log(`reusing ${DB_PATH}`);
  const { migrate } = await import('@/lib/migrate');
  await migrate(DB_URL); // a database from an earlier run may predate the newest migrations
}
const sqliteBytes = ['', '-wal'].reduce((a, s) => a + (existsSync(DB_PATH + s) ? Number(spawnSync('stat', ['-c', '%s', DB_PATH + s]).stdout.toString()) : 0), 0);

// ---------------------------------------------------------------- the same rows in PostgreSQL
const cluster = await startCluster(log);
const cacheDir = mkdtempSync(join(tmpdir(), 'callsight-bench-pg-cache-'));
try {
  const pgUrl = await cluster.createDatabase('dashboard');
  const { migrate } = await import('@/lib/migrate');
  await migrate(pgUrl);
  const copy = await copyIntoPostgres(pgUrl);
  const pgBytes = Number((await pgQuery(pgUrl, `SELECT pg_database_size(current_database())::text AS b`))[0]!.b);
  const searchIndex = (await pgQuery<{ def: string }>(pgUrl, `SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'Transcript_text_search_idx'`))[0]?.def.replace(/^CREATE INDEX "?\w+"? ON (\S+\.)?/, '') ?? 'none';

  // ---------------------------------------------------------------- measure both, same code
  const sqlite = await measure('sqlite', DB_URL, {}, () => rmSync(`${DB_PATH}.analytics`, { force: true }), (sql) => sqliteSql(sql));
  const postgres = await measure(
    'postgresql',
    pgUrl,
    { ANALYTICS_CACHE_DIR: cacheDir },
    () => {
      rmSync(cacheDir, { recursive: true, force: true });
      mkdirSync(cacheDir, { recursive: true });
    },
    (sql) => postgresSql(pgUrl, sql),
  );
  await report({ sqlite, postgres, copy, sqliteBytes, pgBytes, version: cluster.version, searchIndex });
} finally {
  cluster.stop();
  rmSync(cacheDir, { recursive: true, force: true });
}
