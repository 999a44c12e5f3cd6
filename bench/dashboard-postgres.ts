// npm run bench -- dashboard-postgres: the dashboard's queries on PostgreSQL
// over the same 1,000,000 transcripts × 5 models as `npm run bench -- dashboard`
// (run that first: it generates data/bench/dashboard-1000000.db), copied into
// a throw-away cluster (scripts/pg-cluster.sh) with sqlite3 and psql \copy,
// then measured the same way, side by side with the SQLite numbers of the same run.
import { execFileSync, execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { machine, percentile, writeSection } from './stats';

const ROWS = Number(process.env.BENCH_DASHBOARD_ROWS ?? 1_000_000);
const SQLITE = resolve(`data/bench/dashboard-${ROWS}.db`);
if (!existsSync(SQLITE)) throw new Error(`${SQLITE} is missing: run npm run bench -- dashboard first`);
const log = (s: string) => console.error(`[bench dashboard-postgres] ${s}`);
const fmt = (n: number, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

const clusterDir = mkdtempSync(join(tmpdir(), 'callsight-bench-pg-'));
rmSync(clusterDir, { recursive: true, force: true });
const url = execFileSync('bash', ['scripts/pg-cluster.sh', 'start', clusterDir], { encoding: 'utf8' }).trim();
const cacheDir = mkdtempSync(join(tmpdir(), 'callsight-bench-pg-cache-'));
try {
  const { migrate } = await import('@/lib/migrate');
  await migrate(url);
  // Same rows, same ids: sqlite3 writes CSV, psql \copy reads it.
  const TABLES: [string, string[]][] = [
    ['Model', ['id', 'name', 'question', 'kind', 'multiLabel', 'threshold', 'parentModelId', 'activeVersionId', 'createdAt', 'updatedAt']],
    ['Label', ['id', 'modelId', 'name', 'description', 'parentLabel', 'position']],
    ['Transcript', ['id', 'externalId', 'contentHash', 'text', 'channel', 'agent', 'queue', 'customerId', 'language', 'metadata', 'occurredAt', 'day', 'createdAt']],
    ['Prediction', ['id', 'transcriptId', 'modelId', 'modelVersionId', 'label', 'score', 'scores', 'day', 'createdAt']],
  ];
  const t0 = performance.now();
  for (const [table, cols] of TABLES) {
    const list = cols.map((c) => `"${c}"`).join(', ');
    const t = performance.now();
    execSync(
      `sqlite3 -csv ${JSON.stringify(SQLITE)} 'SELECT ${list.replace(/'/g, "''")} FROM "${table}"' | psql ${JSON.stringify(url)} -q -v ON_ERROR_STOP=1 -c '\\copy "${table}" (${list}) FROM STDIN WITH (FORMAT csv)'`,
      { stdio: ['ignore', 'inherit', 'inherit'], shell: '/bin/bash', maxBuffer: 1 << 20 },
    );
    log(`copied ${table} in ${fmt((performance.now() - t) / 1000, 1)} s`);
  }
  execFileSync('psql', [
    url,
    '-q',
    '-c',
    `SELECT setval(pg_get_serial_sequence('"${'Transcript'}"', 'id'), (SELECT max(id) FROM "Transcript")); SELECT setval(pg_get_serial_sequence('"Prediction"', 'id'), (SELECT max(id) FROM "Prediction")); ANALYZE;`,
  ]);
  const copySeconds = (performance.now() - t0) / 1000;
  log(`copied everything in ${fmt(copySeconds, 1)} s`);

  const env = { ...process.env, DATABASE_URL: url, ANALYTICS_CACHE_DIR: cacheDir };
  const child = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'bench/dashboard.ts', ...args], { env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    if (r.status !== 0) throw new Error(`child ${args.join(' ')} failed:\n${r.stderr}`);
    const lines = r.stdout.trim().split('\n');
    return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
  };
  log('cold start without a snapshot (index built from PostgreSQL)…');
  const rebuild = child(['--cold', 'kpis']) as { ms: number; rss: number; rows: number; products: number };
  log(`  ${fmt(rebuild.ms)} ms, ${fmt(rebuild.rows)} transcripts and ${fmt(rebuild.products)} Product predictions in the index`);
  if (rebuild.rows !== ROWS || rebuild.products !== ROWS) throw new Error(`the index holds ${rebuild.rows} transcripts and ${rebuild.products} predictions of model 42, not ${ROWS}: the numbers would mean nothing`);
  const cold = child(['--cold', 'kpis']) as { ms: number };
  log(`  with the snapshot: ${fmt(cold.ms)} ms`);
  log('warm…');
  const warm = child(['--warm', '15']) as { times: Record<string, number[]>; rss: number };
  const queries = ['kpis', 'breakdown (×4 models)', 'trend (by day)', 'cross-tab', 'filter options', 'drill-down page 1', 'drill-down page 1 by score'];
  const all = queries.flatMap((q) => warm.times[q] ?? []);
  const p = (xs: number[] | undefined, q: number) => (xs?.length ? fmt(percentile(xs, q), 1) : '–');

  await writeSection(
    'Dashboard queries on PostgreSQL',
    `
Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, PostgreSQL ${execFileSync('psql', [url, '-At', '-c', 'SHOW server_version']).toString().trim()} (a throw-away cluster on the same machine, durability off).

Command: \`npm run bench -- dashboard-postgres\` (after \`npm run bench -- dashboard\`, whose database it copies: the same ${fmt(ROWS)} transcripts × 5 models, same ids; copying took ${fmt(copySeconds)} s).

The same queries as "Dashboard queries", through the same code: the analytics index reads PostgreSQL instead of SQLite (\`PostgresIndexReader\`), and text search uses the GIN index on \`to_tsvector('simple', text)\`.

| query | warm p50 | warm p95 |
|---|---|---|
${queries.map((q) => `| ${q} | ${p(warm.times[q], 50)} ms | ${p(warm.times[q], 95)} ms |`).join('\n')}
| **all of the above** | ${p(all, 50)} ms | ${p(all, 95)} ms |

Building the index from PostgreSQL with no snapshot: **${fmt(rebuild.ms / 1000, 1)} s** for all ${fmt(rebuild.rows)} transcripts (the bench checks the index holds every transcript and every Product prediction), peak RSS ${fmt(rebuild.rss)} MiB (SQLite: see "Dashboard queries"); a new process with the snapshot (kept in \`ANALYTICS_CACHE_DIR\`) answers its first query in ${fmt(cold.ms)} ms. Warm queries are the same typed-array passes on either database, so they cost the same; what the database changes is the first load, the catch-up with new rows, the rows of a drill-down page or an export, and full-text search.
`,
  );
  log('wrote docs/benchmarks.md "Dashboard queries on PostgreSQL"');
} finally {
  execFileSync('bash', ['scripts/pg-cluster.sh', 'stop', clusterDir], { stdio: 'inherit' });
  rmSync(cacheDir, { recursive: true, force: true });
}
