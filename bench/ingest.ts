// npm run bench -- ingest: the ingest pipeline end to end (file → parse → classify → store)
// with 1, 2 and 4 worker processes on PostgreSQL and 1 and 2 on SQLite, the same file
// in the same run, with where each run's time went; and the write path measured on its own.
//
// BENCH_INGEST_ROWS (default 100,000) sets the size; BENCH_INGEST_POSTGRES_WORKERS and
// BENCH_INGEST_SQLITE_WORKERS (comma-separated counts, empty to skip) the runs;
// BENCH_INGEST_ONLY=write-path measures the write path alone (a few minutes).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { databaseUrl, startCluster, type BenchCluster } from './pg-cluster';
import { loadAverage, machineTimes, peakRssMiB, processTimes, treeCpuSeconds, type ProcessTimes } from './proc';
import { machine, percentile, writeSection } from './stats';
import type { TStagedRow } from '@/lib/schemas/ingest';

const ROWS = Number(process.env.BENCH_INGEST_ROWS ?? 100_000);
function workerCounts(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const counts = raw.split(',').filter((s) => s.trim()).map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${name}="${raw}": comma-separated worker counts (1, 2, …), or empty to skip`);
  return counts;
}
const SQLITE_WORKERS = workerCounts('BENCH_INGEST_SQLITE_WORKERS', [1, 2]);
const POSTGRES_WORKERS = workerCounts('BENCH_INGEST_POSTGRES_WORKERS', [1, 2, 4]);
/** write-path: only the write path (on PostgreSQL too unless BENCH_INGEST_POSTGRES_WORKERS is empty), not the pipeline runs. */
const ONLY = process.env.BENCH_INGEST_ONLY ?? '';
if (ONLY !== '' && ONLY !== 'write-path') throw new Error(`BENCH_INGEST_ONLY="${ONLY}": write-path, or unset for everything`);
const WRITE_ONLY = ONLY === 'write-path';
/** The bench's own connections carry this name, so sampling PostgreSQL's sessions sees only the workers'. */
const BENCH_APP = 'callsight-bench';

const dir = mkdtempSync(join(tmpdir(), 'callsight-bench-ingest-'));
const baseDb = join(dir, 'base.db');
process.env.DATABASE_URL = `file:${baseDb}`;
process.env.INGEST_UPLOAD_DIR = join(dir, 'uploads');

const { createDb } = await import('@/lib/db');
const { migrate } = await import('@/lib/migrate');
const { seedDemo } = await import('@/prisma/seed/seed-demo');
const { generateTranscripts } = await import('@/prisma/seed/demo/generate');
const { getServingModels } = await import('@/lib/server/models/serving-models');
const { classifyForStorage } = await import('@/lib/server/transcripts/classify-for-storage');
const { contentHash } = await import('@/lib/server/transcripts/insert-classified-transcripts');
const { PostgresIngestQueue, SqliteIngestQueue } = await import('@/lib/jobs/ingest-queue');
const { PostgresSearchIndexer, SqliteSearchIndexer } = await import('@/lib/server/search/search-indexer');
const { saveUpload } = await import('@/lib/server/ingest/save-upload');
const { createIngestJob, defaultModelIds } = await import('@/lib/server/ingest/create-ingest-job');
const { ingestConfig } = await import('@/lib/ingest/config');

const log = (s: string) => console.log(`[bench ingest] ${s}`);
const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d }) : '–');
const pct = (part: number, whole: number) => `${fmt((100 * part) / whole)} %`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CORES = cpus().length;

// ---- setup: trained demo models in a base database --------------------------
await migrate(`file:${baseDb}`);
{
  const db = createDb(`file:${baseDb}`);
  log('training the demo models for SQLite (not timed)…');
  await seedDemo(db, () => {}, { sampleCount: 0 });
  await db.$disconnect();
}
// ---- the file ----------------------------------------------------------------
const csvPath = join(dir, 'transcripts.csv');
const CORPUS_ROWS = WRITE_ONLY ? Math.min(ROWS, 10_000) : ROWS;
log(`generating ${fmt(CORPUS_ROWS)} transcripts…`);
const corpus = generateTranscripts(CORPUS_ROWS, 424242, { startDate: new Date('2026-06-01T00:00:00Z'), days: 180 });
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
if (!WRITE_ONLY) writeFileSync(csvPath, `id,text,channel,agent,queue,customer_id,occurred_at\n${corpus.map((r, i) => [`bench-${i}`, q(`${r.text} #${i}`), r.channel, q(r.agent), q(r.queue), r.customerId, r.occurredAt].join(',')).join('\n')}\n`);
const avgChars = corpus.reduce((a, r) => a + r.text.length, 0) / corpus.length;
const fileBytes = WRITE_ONLY ? 0 : statSync(csvPath).size;
log(`${WRITE_ONLY ? '' : `file: ${fmt(fileBytes / 2 ** 20, 1)} MiB, `}${fmt(avgChars)} characters a transcript on average`);

// ---- the write path on its own -----------------------------------------------
/**
 * The full-text index as it was kept before issue 15, inside every chunk's
 * write transaction: SQLite's FTS5 insert trigger (20261128020000_analytics),
 * PostgreSQL's GIN index on to_tsvector of the text (20261129000000_search_accents,
 * fastupdate on, the default). Put back on a copy of a migrated database.
 */
const SEARCH_INSIDE_THE_TRANSACTION: Record<Dialect, string[]> = {
  SQLite: [
    `CREATE TRIGGER "Transcript_search_insert" AFTER INSERT ON "Transcript" BEGIN
       INSERT INTO "TranscriptSearch" (rowid, text) VALUES (new."id", new."text");
     END`,
  ],
  PostgreSQL: [
    `DROP TRIGGER "Transcript_search_insert" ON "Transcript"`,
    `CREATE INDEX "Transcript_text_search_idx" ON "Transcript" USING GIN (to_tsvector('callsight_search', "text"))`,
  ],
};
/** The same search ("invoice") each way, to check that before and after index the same transcripts. */
const SEARCH_CHECK: Record<Dialect, Record<'before' | 'after', string>> = {
  SQLite: {
    before: `SELECT count(*) AS n FROM "TranscriptSearch" WHERE "TranscriptSearch" MATCH 'invoice'`,
    after: `SELECT count(*) AS n FROM "TranscriptSearch" WHERE "TranscriptSearch" MATCH 'invoice'`,
  },
  PostgreSQL: {
    before: `SELECT count(*)::int AS n FROM "Transcript" WHERE to_tsvector('callsight_search', "text") @@ to_tsquery('callsight_search', 'invoice')`,
    after: `SELECT count(*)::int AS n FROM "TranscriptSearch" WHERE "vector" @@ to_tsquery('callsight_search', 'invoice')`,
  },
};
const WRITE_ROUNDS = Number(process.env.BENCH_WRITE_ROUNDS ?? 3);

interface WriteRun {
  dialect: Dialect;
  design: 'before' | 'after';
  /** seconds: the chunks' transactions (claim + completeChunk), then the indexer catching up (after only) */
  write: number;
  index: number;
  /** CPU seconds over the same spans: SQLite this process (better-sqlite3 runs in it), PostgreSQL the server's processes */
  cpuWrite: number;
  cpuIndex: number;
  hits: number;
}

async function writePathBench(cluster: BenchCluster | null) {
  const N = Math.min(10_000, ROWS);
  const db = createDb(`file:${baseDb}`);
  await db.$executeRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  const ids = await defaultModelIds(db);
  const served = await getServingModels(db, ids);
  await db.$disconnect();
  const models = ids.flatMap((id) => {
    const l = served.get(id);
    return l?.status === 'ok' ? [l.model] : [];
  });
  const sample = corpus.slice(0, N);
  const classified = await classifyForStorage(models, sample.map((r) => r.text));
  const hashes = sample.map((r) => contentHash(r.text));
  const staged: TStagedRow[] = sample.map((r, i) => ({ line: i + 1, text: r.text, externalId: `w-${i}`, occurredAt: r.occurredAt, channel: r.channel, agent: r.agent, queue: r.queue, customerId: r.customerId, metadata: {} }));
  const modelIds = [...new Set(classified.flatMap((c) => c.predictions.map((p) => p.modelId)))];

  // A: Prisma createMany, batches of 1,000 (transcripts, then their predictions), the FTS5 trigger inside (before issue 15)
  let prisma: { rowsPerSecond: number; predictionsPerSecond: number };
  {
    const pathA = join(dir, 'write-prisma.db');
    copyFileSync(baseDb, pathA);
    const pdb = createDb(`file:${pathA}`);
    for (const sql of SEARCH_INSIDE_THE_TRANSACTION.SQLite) await pdb.$executeRawUnsafe(sql);
    const t0 = performance.now();
    for (let s = 0; s < N; s += 1000) {
      const batch = sample.slice(s, s + 1000);
      await pdb.transcript.createMany({
        data: batch.map((r, i) => ({ externalId: `w-${s + i}`, contentHash: hashes[s + i]!, text: r.text, channel: r.channel, occurredAt: new Date(r.occurredAt), day: r.occurredAt.slice(0, 10) })),
      });
      const rows = await pdb.transcript.findMany({ where: { externalId: { in: batch.map((_, i) => `w-${s + i}`) } }, select: { id: true, externalId: true } });
      const idOf = new Map(rows.map((r) => [r.externalId, r.id]));
      await pdb.prediction.createMany({
        data: batch.flatMap((r, i) =>
          (classified[s + i]?.predictions ?? []).map((p) => ({ transcriptId: idOf.get(`w-${s + i}`)!, modelId: p.modelId, modelVersionId: p.modelVersionId, label: p.label, score: p.score, scores: p.scores, day: r.occurredAt.slice(0, 10) })),
        ),
      });
    }
    const s = (performance.now() - t0) / 1000;
    await pdb.$disconnect();
    for (const ext of ['', '-wal', '-shm']) rmSync(pathA + ext, { force: true });
    prisma = { rowsPerSecond: N / s, predictionsPerSecond: (N * models.length) / s };
  }

  // B: the pipeline's own write path (IngestQueue.claimChunk + completeChunk, one transaction per 1,000-row chunk),
  // with the search index kept inside it (before) or by the indexer afterwards (after), on both databases.
  const pgBase = cluster ? await cluster.createDatabase('write_base') : null;
  if (pgBase) {
    await migrate(pgBase);
    const pdb = createDb(pgBase);
    await pdb.model.createMany({ data: modelIds.map((id) => ({ id, name: `model ${id}` })) });
    await pdb.$disconnect();
  }
  const { openPool } = cluster ? await import('@/lib/jobs/postgres-pool') : { openPool: null };

  async function run(dialect: Dialect, design: 'before' | 'after', round: number): Promise<WriteRun> {
    const name = `write_${design}_${round}`;
    const path = join(dir, `${name}.db`);
    let url: string;
    if (dialect === 'SQLite') {
      copyFileSync(baseDb, path);
      url = `file:${path}`;
    } else url = await cluster!.createDatabase(name, 'write_base');
    // The chunks as a parse leaves them: one job, N/1,000 pending chunks (not timed).
    const sdb = createDb(url);
    if (design === 'before') for (const sql of SEARCH_INSIDE_THE_TRANSACTION[dialect]) await sdb.$executeRawUnsafe(sql);
    const jobId = `ij_bench_${name}`;
    await sdb.ingestJob.create({ data: { id: jobId, status: 'running', source: 'cli', fileName: 'bench', filePath: 'bench', fileSize: 0, fileHash: 'bench', format: 'jsonl', modelIds: JSON.stringify(modelIds), parseDone: true, chunksTotal: Math.ceil(N / 1000), rowsParsed: N } });
    await sdb.ingestChunk.createMany({
      data: Array.from({ length: Math.ceil(N / 1000) }, (_, seq) => {
        const rows = staged.slice(seq * 1000, (seq + 1) * 1000);
        return { jobId, seq, firstLine: rows[0]!.line, lastLine: rows[rows.length - 1]!.line, rowCount: rows.length, rows: JSON.stringify(rows) };
      }),
    });
    await sdb.$disconnect();

    const pool = dialect === 'PostgreSQL' ? openPool!(url) : null;
    const queue = pool ? new PostgresIngestQueue(pool) : new SqliteIngestQueue(url);
    const indexer = pool ? new PostgresSearchIndexer(pool) : new SqliteSearchIndexer((queue as InstanceType<typeof SqliteIngestQueue>).conn);
    const cpu = () => (dialect === 'PostgreSQL' ? treeCpuSeconds(cluster!.postmasterPid) : (() => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    })());
    try {
      const c0 = cpu();
      const t0 = performance.now();
      let stored = 0;
      for (let chunk = await queue.claimChunk('bench', 600_000); chunk; chunk = await queue.claimChunk('bench', 600_000)) {
        const r = await queue.completeChunk(chunk, chunk.rows.map((row) => ({ row, hash: hashes[row.line - 1]!, classified: classified[row.line - 1]! })));
        stored += r?.inserted ?? 0;
      }
      const write = (performance.now() - t0) / 1000;
      const c1 = cpu();
      let index = 0;
      let cpuIndex = 0;
      if (design === 'after') {
        const t1 = performance.now();
        let indexed = 0;
        for (let n; (n = await indexer.indexBatch()); ) indexed += n;
        index = (performance.now() - t1) / 1000;
        cpuIndex = cpu() - c1;
        if (indexed !== N) throw new Error(`${dialect} ${design}: the indexer indexed ${indexed} transcripts, not ${N}`);
      }
      // Kept only when every transcript and prediction is stored once and both designs find the same transcripts.
      const vdb = createDb(url);
      const [transcripts, predictions, hits] = [
        await vdb.transcript.count(),
        await vdb.prediction.count(),
        Number(((await vdb.$queryRawUnsafe(SEARCH_CHECK[dialect][design])) as { n: number | bigint }[])[0]!.n),
      ];
      await vdb.$disconnect();
      const predictionsWanted = classified.reduce((a, c) => a + c.predictions.length, 0);
      if (stored !== N || transcripts !== N || predictions !== predictionsWanted) throw new Error(`${dialect} ${design}: stored ${stored}, ${transcripts} transcripts and ${predictions} predictions (want ${N} and ${predictionsWanted})`);
      return { dialect, design, write, index, cpuWrite: c1 - c0, cpuIndex, hits };
    } finally {
      if (pool) await pool.end();
      else (queue as InstanceType<typeof SqliteIngestQueue>).close();
      if (dialect === 'SQLite') for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true });
      else await cluster!.dropDatabase(name);
    }
  }

  const runs: WriteRun[] = [];
  const dialects: Dialect[] = cluster ? ['SQLite', 'PostgreSQL'] : ['SQLite'];
  for (let round = 0; round < WRITE_ROUNDS; round++) {
    for (const dialect of dialects) {
      for (const design of ['before', 'after'] as const) {
        const r = await run(dialect, design, round);
        log(`  round ${round + 1}, ${dialect} ${design}: chunks ${fmt(N / r.write)} transcripts/s${r.index ? `, indexer ${fmt(N / r.index)} transcripts/s` : ''} ("invoice": ${fmt(r.hits)} found)`);
        runs.push(r);
      }
    }
  }
  for (const dialect of dialects) {
    const hits = new Set(runs.filter((r) => r.dialect === dialect).map((r) => r.hits));
    if (hits.size !== 1) throw new Error(`${dialect}: before and after do not find the same transcripts (${[...hits].join(', ')})`);
  }
  if (pgBase) await cluster!.dropDatabase('write_base');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const summary = (dialect: Dialect, design: 'before' | 'after') => {
    const rs = runs.filter((r) => r.dialect === dialect && r.design === design);
    if (!rs.length) return null;
    return {
      dialect,
      design,
      write: median(rs.map((r) => r.write)),
      index: median(rs.map((r) => r.index)),
      both: median(rs.map((r) => r.write + r.index)),
      cpuWrite: median(rs.map((r) => r.cpuWrite)),
      cpuIndex: median(rs.map((r) => r.cpuIndex)),
    };
  };
  const results = dialects.flatMap((d) => [summary(d, 'before')!, summary(d, 'after')!]);

  // classification alone, for scale
  const C = Math.min(5000, N);
  const t0 = performance.now();
  await classifyForStorage(models, sample.slice(0, C).map((r) => r.text));
  const classifyRate = C / ((performance.now() - t0) / 1000);
  return { N, prisma, results, classifyRate, modelCount: models.length, rounds: WRITE_ROUNDS, predictionsPerTranscript: classified.reduce((a, c) => a + c.predictions.length, 0) / N };
}
type WritePath = Awaited<ReturnType<typeof writePathBench>>;

/** The write path's table and what it says, for its own section and the pipeline's. */
function writePathReport(write: WritePath): string {
  const us = (s: number) => `${fmt((s / write.N) * 1e6)} µs`;
  const label: Record<string, string> = {
    'SQLite before': 'before: `completeChunk` (better-sqlite3 prepared statements, one transaction per 1,000-row chunk), the FTS5 insert trigger inside it',
    'SQLite after': 'after: `completeChunk` without search indexing, then the indexer (its own BEGIN IMMEDIATE transaction per 1,000 transcripts)',
    'PostgreSQL before': 'before: `completeChunk` (`unnest`, one transaction per 1,000-row chunk), the GIN index on `to_tsvector(text)` kept inside it',
    'PostgreSQL after': 'after: `completeChunk` without search indexing (the trigger queues the ids), then the indexer (one statement per 1,000 transcripts)',
  };
  const rows = write.results.map(
    (r) =>
      `| ${r.dialect} | ${label[`${r.dialect} ${r.design}`]} | **${fmt(write.N / r.write)}** | ${fmt((write.N * write.predictionsPerTranscript) / r.write)} | ${r.design === 'after' ? fmt(write.N / r.index) : '–'} | ${fmt(write.N / r.both)} | ${us(r.cpuWrite)}${r.design === 'after' ? ` + ${us(r.cpuIndex)}` : ''} |`,
  );
  const table = [
    `| database | write path (${fmt(write.N)} classified transcripts, ${fmt(write.predictionsPerTranscript, Number.isInteger(write.predictionsPerTranscript) ? 0 : 1)} predictions each) | chunk transactions: transcripts/s | prediction rows/s | search indexing afterwards: transcripts/s | stored and searchable: transcripts/s | CPU a transcript: writing + indexing (SQLite: this process; PostgreSQL: the server) |`,
    '|---|---|---|---|---|---|---|',
    `| SQLite | Prisma \`createMany\`, batches of 1,000 (transcripts, look up ids, predictions), the FTS5 insert trigger inside | ${fmt(write.prisma.rowsPerSecond)} | ${fmt(write.prisma.predictionsPerSecond)} | – | ${fmt(write.prisma.rowsPerSecond)} | – |`,
    ...rows,
  ];
  const find = (dialect: Dialect, design: 'before' | 'after') => write.results.find((r) => r.dialect === dialect && r.design === design);
  const reading = (['SQLite', 'PostgreSQL'] as const).flatMap((dialect) => {
    const b = find(dialect, 'before');
    const a = find(dialect, 'after');
    if (!b || !a) return [];
    const cpuBefore = b.cpuWrite / write.N;
    const cpuAfter = (a.cpuWrite + a.cpuIndex) / write.N;
    const total = cpuAfter <= cpuBefore ? `less CPU in all (${fmt(cpuAfter * 1e6)} against ${fmt(cpuBefore * 1e6)} µs a transcript)` : `more CPU in all (${fmt(cpuAfter * 1e6)} against ${fmt(cpuBefore * 1e6)} µs a transcript: the work moves out of the transaction and grows by ${fmt(((cpuAfter - cpuBefore) / cpuBefore) * 100)} %)`;
    return [
      `${dialect}: the chunk transactions store ${fmt(b.write / a.write, 1)}× as many transcripts a second (${fmt(write.N / b.write)} → ${fmt(write.N / a.write)}); with the indexer's catching up counted too, stored and searchable goes ${fmt(write.N / b.both)} → ${fmt(write.N / a.both)} transcripts/s (${fmt(b.both / a.both, 2)}×), ${total}.`,
    ];
  });
  const sqliteBefore = find('SQLite', 'before');
  const sqliteAfter = find('SQLite', 'after');
  const pgAfter = find('PostgreSQL', 'after');
  const why = [
    sqliteBefore && sqliteAfter
      ? `On SQLite the insert trigger cost ${fmt(((sqliteBefore.cpuWrite - sqliteAfter.cpuWrite) / write.N) * 1e6)} µs of CPU a stored transcript inside the transaction, where the indexer, one \`INSERT … SELECT\` of up to 1,000 transcripts into FTS5 a transaction, spends ${fmt((sqliteAfter.cpuIndex / write.N) * 1e6)} µs: the same tokenizing into the same index, fed by one statement a batch instead of one trigger call a row inside the transaction that also writes the table and its indexes.`
      : '',
    pgAfter
      ? `On PostgreSQL the indexer spends ${fmt((pgAfter.cpuIndex / write.N) * 1e6)} µs of server CPU a transcript: tokenizing (\`to_tsvector\`) and the GIN entries, the work the expression index did inside the chunk's transaction, plus what deferring adds: a queued id ("TranscriptSearchPending", filled by a statement trigger inside the chunk's transaction, then deleted) and a stored vector ("TranscriptSearch", a copy the expression index did not keep, which a search's recheck now reads instead of tokenizing the text again).`
      : '',
  ].filter(Boolean);
  return `Measured on its own (classification done beforehand, not timed): the pipeline's own write path, \`claimChunk\` + \`completeChunk\` over ${fmt(write.N / 1000)} staged 1,000-row chunks, into a copy of a migrated database holding only the models; "before" puts back the search index as it was kept inside the chunk's transaction (SQLite: the FTS5 insert trigger of 20261128020000_analytics; PostgreSQL: the GIN index on \`to_tsvector('callsight_search', "text")\` of 20261129000000_search_accents, \`fastupdate\` on), "after" is migration 20261208000000_search_indexer: the chunk stores rows only and the search indexer (lib/server/search/search-indexer.ts) indexes them afterwards, timed separately, as the worker loop runs it. Median of ${write.rounds} rounds, before and after alternating; each run is kept only when every transcript and prediction is stored once and a search ("invoice") finds the same transcripts before and after. CPU is read from /proc over the same spans (for PostgreSQL the server's processes, where the indexing happens; for SQLite this process, where better-sqlite3 does).

${table.join('\n')}

${reading.join('\n\n')}

${why.join(' ')}`;
}

// ---- the pipeline --------------------------------------------------------------
type Dialect = 'SQLite' | 'PostgreSQL';

/** Where a run's databases come from: a copy of the seeded base database, dropped afterwards. */
interface Target {
  dialect: Dialect;
  prepare(workers: number): Promise<string>;
  cleanup(workers: number): Promise<void>;
  /** the server's pid (CPU accounting), none for SQLite */
  serverPid?: number;
}

const sqliteTarget: Target = {
  dialect: 'SQLite',
  async prepare(workers) {
    const db = createDb(`file:${baseDb}`);
    await db.$executeRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.$disconnect();
    const path = join(dir, `pipeline-${workers}.db`);
    for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true });
    copyFileSync(baseDb, path);
    return `file:${path}`;
  },
  async cleanup(workers) {
    for (const ext of ['', '-wal', '-shm']) rmSync(join(dir, `pipeline-${workers}.db${ext}`), { force: true });
  },
};

async function postgresTarget(cluster: BenchCluster): Promise<Target> {
  const baseUrl = await cluster.createDatabase('bench_base');
  await migrate(baseUrl);
  const db = createDb(baseUrl);
  log('training the demo models for PostgreSQL (not timed)…');
  await seedDemo(db, () => {}, { sampleCount: 0 });
  await db.$disconnect();
  return {
    dialect: 'PostgreSQL',
    serverPid: cluster.postmasterPid,
    prepare: (workers) => cluster.createDatabase(`ingest_${workers}`, 'bench_base'),
    cleanup: (workers) => cluster.dropDatabase(`ingest_${workers}`),
  };
}

interface Worker {
  proc: ChildProcess;
  pid: number;
  ready: Promise<void>;
  stderr: () => string;
}

/** A worker process as `npx callsight worker` runs it (bin/callsight.mjs starts exactly this child). */
function startWorker(url: string): Worker {
  const proc = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'lib/cli/main.ts', 'worker'], {
    env: { ...process.env, DATABASE_URL: url, INGEST_POLL_MS: '50' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const ready = new Promise<void>((resolve, reject) => {
    proc.stderr!.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-20_000);
      if (/working on ingest jobs/.test(err)) resolve();
    });
    proc.once('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before it started:\n${err}`)));
  });
  ready.catch(() => undefined);
  return { proc, pid: proc.pid!, ready, stderr: () => err };
}

async function stopWorkers(workers: Worker[]) {
  for (const w of workers) if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGTERM');
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.proc.exitCode !== null || w.proc.signalCode !== null) return resolve();
          const t = setTimeout(() => w.proc.kill('SIGKILL'), 30_000);
          w.proc.once('exit', () => {
            clearTimeout(t);
            resolve();
          });
        }),
    ),
  );
}

/** PostgreSQL's view of the workers' sessions, sampled while a job runs. */
class SessionSampler {
  samples = 0;
  /** session-samples per state: running, waiting on a lock, waiting on something else, idle in transaction, idle */
  byState = new Map<string, number>();
  /** session-samples per state and statement, for the log */
  byStatement = new Map<string, number>();
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<SessionSampler> {
    const client = new pg.Client({ connectionString: databaseUrl(url, new URL(url).pathname.slice(1), BENCH_APP) });
    await client.connect();
    return new SessionSampler(client);
  }

  async sample(): Promise<void> {
    const { rows } = await this.client.query<{ state: string | null; wait_event_type: string | null; wait_event: string | null; q: string }>(
      `SELECT state, wait_event_type, wait_event, left(regexp_replace(query, '\\s+', ' ', 'g'), 48) AS q
         FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND application_name <> $1`,
      [BENCH_APP],
    );
    this.samples++;
    for (const r of rows) {
      const state =
        r.state === 'active' ? (r.wait_event_type === null ? 'running' : r.wait_event_type === 'Lock' ? 'waiting on a lock' : 'waiting (other)') : r.state === 'idle in transaction' ? 'idle in transaction' : 'idle';
      this.byState.set(state, (this.byState.get(state) ?? 0) + 1);
      if (state !== 'idle') {
        const key = `${state}${r.wait_event ? ` (${r.wait_event_type}:${r.wait_event})` : ''}: ${r.q}`;
        this.byStatement.set(key, (this.byStatement.get(key) ?? 0) + 1);
      }
    }
  }

  /** Mean number of sessions in the state over the samples. */
  mean(state: string): number {
    return this.samples ? (this.byState.get(state) ?? 0) / this.samples : NaN;
  }

  top(n: number): string[] {
    return [...this.byStatement.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${fmt(v / this.samples, 2)} × ${k}`);
  }

  close() {
    return this.client.end();
  }
}

interface Run {
  dialect: Dialect;
  workers: number;
  wall: number;
  /** the span the CPU figures cover: the clock's start to the poll that saw the job done */
  span: number;
  tUpload: number;
  /** the job queued: on PostgreSQL that includes storing the upload in the database for the workers */
  tQueued: number;
  parsedAt: number;
  transcripts: number;
  predictions: number;
  modelCount: number;
  peakWorkers: number[];
  chunksPerWorker: number[];
  chunks: number;
  retried: number;
  chunkHoldP50: number;
  chunkHoldP95: number;
  /** per worker, over the timed part: CPU seconds (all threads), main thread on a core / waiting for one */
  workerTimes: { cpu: number; onCore: number; waitingForCore: number }[];
  serverCpu: number;
  benchCpu: number;
  machineBusy: number;
  machineSteal: number;
  loadBefore: number;
  sessions: SessionSampler | null;
}

async function pipeline(target: Target, workerCount: number): Promise<Run> {
  const url = await target.prepare(workerCount);
  const workers: Worker[] = [];
  const benchUrl = target.dialect === 'PostgreSQL' ? databaseUrl(url, new URL(url).pathname.slice(1), BENCH_APP) : url;
  const db = createDb(benchUrl);
  const sessions = target.dialect === 'PostgreSQL' ? await SessionSampler.open(url) : null;
  try {
    for (let i = 0; i < workerCount; i++) workers.push(startWorker(url));
    await Promise.race([Promise.all(workers.map((w) => w.ready)), sleep(180_000).then(() => Promise.reject(new Error('workers did not start within 3 minutes')))]);
    await sleep(1000); // started and idle: their start-up is not timed

    const loadBefore = loadAverage();
    const startTimes = workers.map((w) => processTimes(w.pid));
    const serverBefore = target.serverPid ? treeCpuSeconds(target.serverPid) : 0;
    const machineBefore = machineTimes();
    const benchBefore = process.cpuUsage();
    const t0 = performance.now();
    const t0Date = Date.now();

    const saved = await saveUpload(createReadStream(csvPath), 'transcripts.csv');
    const tUpload = (performance.now() - t0) / 1000;
    const { id } = await createIngestJob(db, { file: saved, fileName: 'transcripts.csv', source: 'cli', start: true });
    const tQueued = (performance.now() - t0) / 1000;
    let job = await db.ingestJob.findUniqueOrThrow({ where: { id } });
    let parsedAt = 0;
    const peak = workers.map(() => 0);
    let endTimes: (ProcessTimes | null)[] = [];
    for (;;) {
      job = await db.ingestJob.findUniqueOrThrow({ where: { id } });
      if (!parsedAt && job.parseDone) parsedAt = (performance.now() - t0) / 1000;
      workers.forEach((w, i) => (peak[i] = Math.max(peak[i]!, peakRssMiB(w.pid) || 0)));
      if (job.status === 'done' || job.status === 'failed') {
        endTimes = workers.map((w) => processTimes(w.pid));
        break;
      }
      const dead = workers.find((w) => w.proc.exitCode !== null || w.proc.signalCode !== null);
      if (dead) throw new Error(`worker ${dead.pid} exited during the run:\n${dead.stderr()}`);
      await sessions?.sample();
      await sleep(100);
    }
    const polledWall = (performance.now() - t0) / 1000;
    const serverCpu = target.serverPid ? treeCpuSeconds(target.serverPid) - serverBefore : 0;
    const machineAfter = machineTimes();
    const bench = process.cpuUsage(benchBefore);
    // The job's own finish time, not the poll that saw it (up to 100 ms later).
    const wall = job.finishedAt ? Math.min(polledWall, (job.finishedAt.getTime() - t0Date) / 1000) : polledWall;

    await stopWorkers(workers);
    const chunksPerWorker = workers.map((w) => Number(/stopped after (\d+) chunks/.exec(w.stderr())?.[1] ?? NaN));

    // Trust no number before every row is stored exactly once, with one prediction per model.
    const modelIds = JSON.parse(job.modelIds) as number[];
    const problems: string[] = [];
    const expect = (what: string, got: unknown, want: unknown) => {
      if (got !== want) problems.push(`${what}: ${String(got)}, expected ${String(want)}`);
    };
    expect('job status', job.status, 'done');
    expect('job error', job.error, null);
    expect('rows parsed', job.rowsParsed, ROWS);
    expect('rows inserted', job.rowsInserted, ROWS);
    expect('rows duplicate', job.rowsDuplicate, 0);
    expect('rows rejected', job.rowsRejected, 0);
    expect('chunks done', job.chunksDone, job.chunksTotal);
    const transcripts = await db.transcript.count();
    expect('transcripts', transcripts, ROWS);
    expect('transcripts from the file', await db.transcript.count({ where: { externalId: { startsWith: 'bench-' } } }), ROWS);
    const predictions = await db.prediction.count();
    expect('predictions', predictions, ROWS * modelIds.length);
    const perModel = await db.prediction.groupBy({ by: ['modelId'], _count: { _all: true } });
    for (const m of modelIds) expect(`predictions of model ${m}`, perModel.find((p) => p.modelId === m)?._count._all, ROWS);
    const wrong = await db.prediction.groupBy({ by: ['transcriptId'], _count: { _all: true }, having: { transcriptId: { _count: { not: modelIds.length } } } });
    expect('transcripts without exactly one prediction per model', wrong.length, 0);
    if (problems.length) throw new Error(`${target.dialect}, ${workerCount} workers: ${problems.join('; ')}`);

    // How long each chunk was held: claimed (its lease's expiry minus the lease) to stored.
    const chunks = await db.ingestChunk.findMany({ where: { jobId: id }, select: { leaseExpiresAt: true, doneAt: true, attempts: true } });
    const leaseMs = ingestConfig.INGEST_LEASE_SECONDS * 1000;
    const holds = chunks.flatMap((c) => (c.leaseExpiresAt && c.doneAt ? [(c.doneAt.getTime() - (c.leaseExpiresAt.getTime() - leaseMs)) / 1000] : []));

    return {
      dialect: target.dialect,
      workers: workerCount,
      wall,
      span: polledWall,
      tUpload,
      tQueued,
      parsedAt,
      transcripts,
      predictions,
      modelCount: modelIds.length,
      peakWorkers: peak,
      chunksPerWorker,
      chunks: chunks.length,
      retried: chunks.filter((c) => c.attempts > 1).length,
      chunkHoldP50: percentile(holds, 50),
      chunkHoldP95: percentile(holds, 95),
      workerTimes: workers.map((_, i) => {
        const a = startTimes[i];
        const b = endTimes[i];
        return a && b ? { cpu: b.cpu - a.cpu, onCore: b.mainOnCore - a.mainOnCore, waitingForCore: b.mainWaitingForCore - a.mainWaitingForCore } : { cpu: NaN, onCore: NaN, waitingForCore: NaN };
      }),
      serverCpu,
      benchCpu: (bench.user + bench.system) / 1e6,
      machineBusy: machineAfter.busy - machineBefore.busy,
      machineSteal: machineAfter.steal - machineBefore.steal,
      loadBefore,
      sessions,
    };
  } catch (e) {
    for (const w of workers) if (w.stderr().trim()) console.error(`--- worker ${w.pid}:\n${w.stderr().split('\n').slice(-15).join('\n')}`);
    throw e;
  } finally {
    await stopWorkers(workers);
    await sessions?.close();
    await db.$disconnect();
    await target.cleanup(workerCount);
  }
}

/** The share of the machine's CPU that neither the pipeline nor the bench used during a run: other work. */
const otherShare = (r: Run) => describe(r).other / (CORES * r.span);

function describe(r: Run) {
  const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
  const workerCpu = sum(r.workerTimes.map((w) => w.cpu));
  const onCore = sum(r.workerTimes.map((w) => w.onCore)) / r.workers;
  const waiting = sum(r.workerTimes.map((w) => w.waitingForCore)) / r.workers;
  const blocked = r.span - onCore - waiting;
  const accounted = workerCpu + r.serverCpu + r.benchCpu;
  return { workerCpu, onCore, waiting, blocked, accounted, other: Math.max(0, r.machineBusy - accounted), cpuPerTranscriptMs: ((workerCpu + r.serverCpu) / ROWS) * 1000 };
}

// One throw-away PostgreSQL cluster for the write path and then the pipeline runs (stopped on exit, whatever happens).
const cluster = POSTGRES_WORKERS.length ? await startCluster(log) : null;
const pgVersion = cluster?.version ?? '';
const writeLoad = loadAverage();
log(`write path: ${fmt(Math.min(10_000, ROWS))} classified transcripts, search indexed inside the chunk's transaction (before) and afterwards (after), ${cluster ? 'SQLite and PostgreSQL' : 'SQLite'} (1-min load average ${fmt(writeLoad, 2)})…`);
const write = await writePathBench(cluster);
log(`  SQLite, Prisma createMany: ${fmt(write.prisma.rowsPerSecond)} transcripts/s`);
for (const r of write.results) {
  log(`  ${r.dialect} ${r.design}: chunk transactions ${fmt(write.N / r.write)} transcripts/s${r.design === 'after' ? `, then indexing ${fmt(write.N / r.index)}/s` : ''}; stored and searchable ${fmt(write.N / r.both)}/s`);
}
log(`  classification alone: ${fmt(write.classifyRate)} transcripts/s on one core (${write.modelCount} models)`);
await writeSection(
  'Ingest write path and search indexing',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}${pgVersion ? `, PostgreSQL ${pgVersion} (a throw-away cluster on the same machine: scripts/pg-cluster.sh, durability off — fsync, synchronous_commit and full_page_writes)` : ''}. 1-min load average before: ${fmt(writeLoad, 2)}.

Command: \`BENCH_INGEST_ONLY=write-path npm run bench -- ingest\` (also part of \`npm run bench -- ingest\`; \`BENCH_WRITE_ROUNDS\` rounds, default 3; \`BENCH_INGEST_POSTGRES_WORKERS=\` leaves PostgreSQL out).

${writePathReport(write)}`,
);
if (WRITE_ONLY) {
  log(`wrote the "Ingest write path and search indexing" section of ${process.env.BENCH_DOCS_PATH || 'docs/benchmarks.md'}`);
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

const runs: Run[] = [];
async function measure(target: Target, counts: number[]) {
  for (const workers of counts) {
    log(`${target.dialect}, ${workers} worker process${workers > 1 ? 'es' : ''} (1-min load average ${fmt(loadAverage(), 2)})…`);
    const r = await pipeline(target, workers);
    const d = describe(r);
    const one = runs.find((x) => x.dialect === r.dialect && x.workers === 1);
    log(
      `  ${fmt(r.wall, 1)} s, ${fmt(ROWS / r.wall)} transcripts/s${one && one !== r ? `, ${fmt(one.wall / r.wall, 2)}× 1 worker` : ''}; verified ${fmt(r.transcripts)} transcripts, ${fmt(r.predictions)} predictions; ` +
        `peak RSS ${r.peakWorkers.map((m) => `${fmt(m)} MiB`).join(', ')}; chunks per worker ${r.chunksPerWorker.join(', ')}`,
    );
    log(
      `  CPU: workers ${fmt(d.workerCpu, 1)} s${r.serverCpu ? `, PostgreSQL ${fmt(r.serverCpu, 1)} s` : ''}, bench ${fmt(r.benchCpu, 1)} s, other processes ${fmt(d.other, 1)} s; machine ${pct(r.machineBusy, CORES * r.span)} busy; ` +
        `a worker's main thread: on a core ${pct(d.onCore, r.span)}, waiting for a core ${pct(d.waiting, r.span)}, blocked ${pct(d.blocked, r.span)}; chunk held p50 ${fmt(r.chunkHoldP50, 2)} s`,
    );
    if (r.sessions) for (const line of r.sessions.top(6)) log(`  sessions: ${line}`);
    if (otherShare(r) > 0.1) log(`  warning: other processes used ${pct(otherShare(r), 1)} of the machine during this run; its times are not the pipeline's alone`);
    runs.push(r);
  }
}

if (SQLITE_WORKERS.length) await measure(sqliteTarget, SQLITE_WORKERS);
if (cluster) {
  try {
    await measure(await postgresTarget(cluster), POSTGRES_WORKERS);
  } finally {
    cluster.stop();
  }
}
const benchPeak = process.memoryUsage().rss / 2 ** 20;

// ---- report ----------------------------------------------------------------------
const speedUp = (r: Run) => {
  const one = runs.find((x) => x.dialect === r.dialect && x.workers === 1);
  return one ? `${fmt(one.wall / r.wall, 2)}×` : '–';
};
/** The pipeline before issue 15 (2026-11-29, this bench, 100,000 rows): scoring on the worker's one thread, search indexed inside the chunk's transaction. */
const BEFORE_WALL: Record<string, number> = { 'SQLite 1': 166.6, 'SQLite 2': 92.5, 'PostgreSQL 1': 174.3, 'PostgreSQL 2': 106.1, 'PostgreSQL 4': 124.0 };
/** Issue 15's goals, seconds for 100,000 transcripts. */
const GOAL_WALL: Record<string, number> = { 'SQLite 1': 120, 'SQLite 2': 60, 'PostgreSQL 2': 70 };
const beforeOf = (r: Run) => (ROWS === 100_000 && BEFORE_WALL[`${r.dialect} ${r.workers}`] ? `${fmt(BEFORE_WALL[`${r.dialect} ${r.workers}`]!, 1)} s` : '–');
const ratioToBefore = (r: Run) => {
  const b = ROWS === 100_000 ? BEFORE_WALL[`${r.dialect} ${r.workers}`] : undefined;
  return b ? `${fmt(b / r.wall, 2)}× faster` : '–';
};
const goalOf = (r: Run) => {
  const g = GOAL_WALL[`${r.dialect} ${r.workers}`];
  const mem = Math.max(...r.peakWorkers) < 1024;
  if (!g) return mem ? '– (< 1 GB: met)' : '– (< 1 GB: missed)';
  const scaled = (g * ROWS) / 100_000;
  return `${r.wall <= scaled && mem ? 'met' : 'missed'} (≤ ${fmt(scaled, 0)} s, < 1 GB)`;
};
const table = [
  '| database | workers | before (2026-11-29) | wall time now (upload → all stored) | now ÷ before | transcripts/s | speed-up vs 1 worker | upload saved / job queued at | parse done at | chunk held (claim → stored), p50 / p95 | peak RSS per worker process | goal (issue 15) |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...runs.map(
    (r) =>
      `| ${r.dialect} | ${r.workers} | ${beforeOf(r)} | ${fmt(r.wall, 1)} s | ${ratioToBefore(r)} | ${fmt(ROWS / r.wall)} | ${speedUp(r)} | ${fmt(r.tUpload, 1)} s / ${fmt(r.tQueued, 1)} s | ${fmt(r.parsedAt, 1)} s | ${fmt(r.chunkHoldP50, 2)} s / ${fmt(r.chunkHoldP95, 2)} s | ${r.peakWorkers.map((m) => `${fmt(m)} MiB`).join(' / ')} | ${goalOf(r)} |`,
  ),
];
const timeTable = [
  `| database | workers | CPU: workers | CPU: PostgreSQL | CPU per transcript (workers + PostgreSQL) | a worker's main thread: on a core / waiting for a core / blocked | machine busy (${CORES} cores) | of which other processes | chunks per worker |`,
  '|---|---|---|---|---|---|---|---|---|',
  ...runs.map((r) => {
    const d = describe(r);
    return `| ${r.dialect} | ${r.workers} | ${fmt(d.workerCpu, 1)} s | ${r.dialect === 'PostgreSQL' ? `${fmt(r.serverCpu, 1)} s` : '–'} | ${fmt(d.cpuPerTranscriptMs, 2)} ms | ${pct(d.onCore, r.span)} / ${pct(d.waiting, r.span)} / ${pct(d.blocked, r.span)} | ${pct(r.machineBusy, CORES * r.span)} | ${fmt(d.other, 1)} s (${pct(otherShare(r), 1)}) | ${r.chunksPerWorker.join(' / ')} |`;
  }),
];
const pgRuns = runs.filter((r) => r.dialect === 'PostgreSQL' && r.sessions);
const sessionTable = pgRuns.length
  ? [
      '| workers | running a statement | waiting on a lock | waiting (other) | idle in transaction | idle |',
      '|---|---|---|---|---|---|',
      ...pgRuns.map((r) => `| ${r.workers} | ${['running', 'waiting on a lock', 'waiting (other)', 'idle in transaction', 'idle'].map((s) => fmt(r.sessions!.mean(s), 2)).join(' | ')} |`),
      '',
      `What the busy sessions were doing with ${pgRuns[0]!.workers} worker${pgRuns[0]!.workers > 1 ? 's' : ''} (mean sessions; statement cut to its start): ${pgRuns[0]!.sessions!.top(5).map((l) => `\`${l.replace(/`/g, "'")}\``).join(', ')}.`,
    ]
  : [];

// What the numbers say, worked out from them (the prose around the tables is the same on every run).
const busiest = runs.reduce<Run | undefined>((a, r) => (!a || otherShare(r) > otherShare(a) ? r : a), undefined);
const noisy = busiest && otherShare(busiest) > 0.1
  ? `\n**Other work on the machine** used up to ${pct(otherShare(busiest), 1)} of its CPU during these runs (${busiest.dialect}, ${busiest.workers} worker${busiest.workers > 1 ? 's' : ''}; the column "of which other processes" has each run's): those runs' times are not this pipeline's alone, and worse than a quiet machine would give.\n`
  : '';
const pgRunsAll = runs.filter((r) => r.dialect === 'PostgreSQL').sort((a, b) => a.workers - b.workers);
const pgOne = pgRunsAll.find((r) => r.workers === 1);
const pgMost = pgRunsAll[pgRunsAll.length - 1];
let reading = '';
if (pgOne && pgMost && pgMost !== pgOne) {
  const d1 = describe(pgOne);
  const dn = describe(pgMost);
  const w = (d1.workerCpu / ROWS) * 1000;
  const p = (pgOne.serverCpu / ROWS) * 1000;
  const ceiling = (CORES * 1000) / (w + p);
  const perWorker = ROWS / pgOne.wall;
  const locks = pgMost.sessions?.mean('waiting on a lock') ?? NaN;
  // A worker's rate with a core to itself: the 1-worker run with its time waiting for a core taken out.
  const ownCore = ROWS / (pgOne.span - d1.waiting);
  // What each extra worker costs on its own (start-up, models, JIT, idle polling): the CPU that grows with the count.
  const perWorkerCost = (dn.workerCpu - d1.workerCpu) / (pgMost.workers - 1);
  reading = `
Reading the PostgreSQL runs. With one worker a transcript costs ${fmt(w, 2)} ms of CPU in the worker (classification, most of it) and ${fmt(p, 2)} ms in PostgreSQL (inserting the row, its predictions and its full-text index entry, and staging the parsed rows). On ${CORES} cores that puts a ceiling of about ${fmt(ceiling)} transcripts/s on the pipeline whatever the number of workers; the runs reached ${pgRunsAll.map((r) => `${fmt(ROWS / r.wall)} with ${r.workers}`).join(', ')}. With ${pgMost.workers} workers the machine was ${pct(pgMost.machineBusy, CORES * pgMost.span)} busy and each worker's main thread spent ${pct(dn.waiting, pgMost.span)} of the run runnable but waiting for a core; a transcript cost ${fmt(dn.cpuPerTranscriptMs, 2)} ms of CPU in all instead of ${fmt(d1.cpuPerTranscriptMs, 2)}, because every worker pays its own start-up (loading and checking the models, warming up; about ${fmt(perWorkerCost, 1)} s of CPU a worker, from the difference between the runs) and polls while it has nothing to do. That is the flattening: past ${CORES} workers, a worker added here takes cores from the others and from PostgreSQL instead of adding any.

What it predicts. On a machine with more cores, throughput should grow with workers until the workers and PostgreSQL fill the cores, by up to about ${fmt(ownCore)} transcripts/s a worker (the 1-worker run with its time waiting for a core taken out; it measured ${fmt(perWorker)}); a target rate needs about rate × ${fmt(w + p, 2)} ms of CPU a second, e.g. ${fmt(w + p, 1)} cores for 1,000 transcripts/s. With the workers on other machines the database server pays only its own ${fmt(p, 2)} ms a transcript, so each of its cores keeps up with about ${fmt(1000 / p)} transcripts/s, some ${fmt(1000 / p / ownCore, 1)} workers' worth, before its CPU is the limit (its disk too once durability is on; here it is off). What every worker shares is the job's row, whose counters each chunk's transaction updates last and holds until its commit: with ${pgMost.workers} workers ${fmt(locks, 2)} sessions were waiting on a lock on average, so at this scale it is not a bottleneck; these runs cannot say where it becomes one.
`;
}

await writeSection(
  'Ingest pipeline',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}${pgVersion ? `, PostgreSQL ${pgVersion} (a throw-away cluster on the same machine: scripts/pg-cluster.sh, durability off — fsync, synchronous_commit and full_page_writes)` : ''}. 1-min load average before the runs: ${runs.map((r) => `${r.dialect} ${r.workers} worker${r.workers > 1 ? 's' : ''} ${fmt(r.loadBefore, 2)}`).join(', ')}.

Command: \`npm run bench -- ingest\` (\`BENCH_INGEST_ROWS\` to change the size; \`BENCH_INGEST_POSTGRES_WORKERS\`, \`BENCH_INGEST_SQLITE_WORKERS\`: the worker counts, e.g. \`1,2,4\`, empty to skip).

What is measured: ${fmt(ROWS)} generated transcripts (${fmt(avgChars)} characters on average; a ${fmt(fileBytes / 2 ** 20, 1)} MiB CSV with id, text, channel, agent, queue, customer and timestamp columns) through the real pipeline: \`saveUpload\` streams the file to disk (hash + UTF-8 check), \`createIngestJob\` queues it (on PostgreSQL it first stores the file in the database, where a worker on any machine can read it), and \`npx callsight worker\` processes (started before the clock, idle) parse it into ${fmt(ingestConfig.INGEST_CHUNK_ROWS)}-row chunks, classify every chunk with all ${runs[0]?.modelCount ?? '?'} active demo models (the five trained models + language) and store transcripts and predictions, one transaction per chunk. The same file, models and code on both databases, in the same run; each run starts from a fresh copy of a database holding only the trained models. Wall time runs from the first byte of the upload to the job's \`done\`. Before a number is kept, the bench checks the job's counters and that every transcript is stored exactly once with exactly one prediction per model. Peak RSS is each worker's \`VmHWM\` from /proc (the bench process itself, which generated the corpus and ran the write-path test, peaked at ${fmt(benchPeak)} MiB; it is not part of the pipeline). SQLite in WAL mode, \`synchronous = NORMAL\` on the workers' connections.

${table.join('\n')}

Where the time went (over the timed part of each run, from /proc): CPU seconds of the worker processes (all threads) and of the PostgreSQL server (postmaster, backends and background processes); each worker's main thread split into time on a core, time runnable with no free core (\`/proc/<pid>/schedstat\`), and the rest, blocked (waiting for the database's answers or a lock, or idle with no chunk to take), as the mean over the workers; the whole machine's busy CPU against ${CORES} cores × wall time, and what of it the workers, PostgreSQL and the bench process do not explain (other work on the machine).

${timeTable.join('\n')}
${noisy}${
  sessionTable.length
    ? `
PostgreSQL's sessions of the workers (\`pg_stat_activity\` sampled every ~100 ms; mean number of sessions in each state; "idle in transaction" is a worker between two statements of a chunk's transaction):

${sessionTable.join('\n')}
`
    : ''
}${reading}
With one worker the file is parsed first and then classified; with two, one worker parses while the other already classifies the first chunks, then both classify. Classification is the bottleneck (${fmt(write.classifyRate)} transcripts/s on one core for all models, language included), so the pipeline scales with worker processes up to the number of cores.

The write path, measured on its own in the same run ("Ingest write path and search indexing" has the table): SQLite's Prisma \`createMany\` ${fmt(write.prisma.rowsPerSecond)} transcripts/s; the chunk transactions without search indexing ${write.results
  .filter((r) => r.design === 'after')
  .map((r) => `${fmt(write.N / r.write)} (${r.dialect})`)
  .join(', ')}, then the search indexer ${write.results
  .filter((r) => r.design === 'after')
  .map((r) => `${fmt(write.N / r.index)} (${r.dialect})`)
  .join(', ')} transcripts/s, in transactions of its own.

Chosen: the driver directly (better-sqlite3 prepared statements, \`INSERT OR IGNORE\` on the unique content hash and external id), one transaction per chunk holding the transcripts, their predictions, the chunk's done mark and the job's counters. It is the faster path by those numbers, and the single transaction is what makes a crash leave all of a chunk or none of it. On PostgreSQL the same transaction inserts a chunk's rows and predictions as one multi-row statement each (\`unnest\` of arrays). Full-text indexing is not in it: the workers index what was stored afterwards (lib/server/search/search-indexer.ts).`,
);
log(`wrote the "Ingest pipeline" section of ${process.env.BENCH_DOCS_PATH || 'docs/benchmarks.md'}`);
rmSync(dir, { recursive: true, force: true });
