// npm run bench -- ingest: the ingest pipeline end to end (file → parse → classify → store)
// with 1, 2 and 4 worker processes on PostgreSQL and 1 and 2 on SQLite, the same file
// in the same run, with where each run's time went; and the write path measured on its own.
//
// BENCH_INGEST_ROWS (default 100,000) sets the size; BENCH_INGEST_POSTGRES_WORKERS and
// BENCH_INGEST_SQLITE_WORKERS (comma-separated counts, empty to skip) the runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { databaseUrl, startCluster, type BenchCluster } from './pg-cluster';
import { loadAverage, machineTimes, peakRssMiB, processTimes, treeCpuSeconds, type ProcessTimes } from './proc';
import { machine, percentile, writeSection } from './stats';

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
const { SqliteIngestQueue } = await import('@/lib/jobs/ingest-queue');
const { sqlTime } = await import('@/lib/jobs/queue-sql');
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
log(`generating ${fmt(ROWS)} transcripts…`);
const corpus = generateTranscripts(ROWS, 424242, { startDate: new Date('2026-06-01T00:00:00Z'), days: 180 });
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
writeFileSync(csvPath, `id,text,channel,agent,queue,customer_id,occurred_at\n${corpus.map((r, i) => [`bench-${i}`, q(`${r.text} #${i}`), r.channel, q(r.agent), q(r.queue), r.customerId, r.occurredAt].join(',')).join('\n')}\n`);
const avgChars = corpus.reduce((a, r) => a + r.text.length, 0) / corpus.length;
const fileBytes = statSync(csvPath).size;
log(`file: ${fmt(fileBytes / 2 ** 20, 1)} MiB, ${fmt(avgChars)} characters a transcript on average`);

// ---- the write path on its own -----------------------------------------------
async function writePathBench() {
  const N = Math.min(10_000, ROWS);
  const pathA = join(dir, 'write-prisma.db');
  const pathB = join(dir, 'write-direct.db');
  for (const p of [pathA, pathB]) {
    const db = createDb(`file:${baseDb}`);
    await db.$executeRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.$disconnect();
    copyFileSync(baseDb, p);
  }
  const db = createDb(`file:${baseDb}`);
  const ids = await defaultModelIds(db);
  const served = await getServingModels(db, ids);
  await db.$disconnect();
  const models = ids.flatMap((id) => {
    const l = served.get(id);
    return l?.status === 'ok' ? [l.model] : [];
  });
  const sample = corpus.slice(0, N);
  const classified = await classifyForStorage(models, sample.map((r) => r.text));
  const results: { path: string; rowsPerSecond: number; predictionsPerSecond: number }[] = [];

  // A: Prisma createMany, batches of 1,000 (transcripts, then their predictions)
  {
    const pdb = createDb(`file:${pathA}`);
    const t0 = performance.now();
    for (let s = 0; s < N; s += 1000) {
      const batch = sample.slice(s, s + 1000);
      await pdb.transcript.createMany({
        data: batch.map((r, i) => ({ externalId: `w-${s + i}`, contentHash: contentHash(r.text), text: r.text, channel: r.channel, occurredAt: new Date(r.occurredAt), day: r.occurredAt.slice(0, 10) })),
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
    results.push({ path: 'Prisma `createMany`, batches of 1,000 (transcripts, look up ids, predictions)', rowsPerSecond: N / s, predictionsPerSecond: (N * models.length) / s });
  }
  // B: better-sqlite3 prepared statements, one transaction per 1,000-row chunk (the pipeline's path)
  {
    const queue = new SqliteIngestQueue(`file:${pathB}`);
    const ins = queue.conn.prepare(`INSERT OR IGNORE INTO "Transcript" ("externalId","contentHash","text","channel","metadata","occurredAt","day","createdAt") VALUES (?,?,?,?,?,?,?,?)`);
    const insP = queue.conn.prepare(`INSERT OR IGNORE INTO "Prediction" ("transcriptId","modelId","modelVersionId","label","score","scores","day","createdAt") VALUES (?,?,?,?,?,?,?,?)`);
    const t0 = performance.now();
    for (let s = 0; s < N; s += 1000) {
      queue.conn
        .transaction(() => {
          const now = sqlTime();
          for (let i = s; i < Math.min(N, s + 1000); i++) {
            const r = sample[i]!;
            const day = r.occurredAt.slice(0, 10);
            const res = ins.run(`w-${i}`, contentHash(r.text), r.text, r.channel, '{}', sqlTime(new Date(r.occurredAt)), day, now);
            for (const p of classified[i]?.predictions ?? []) insP.run(res.lastInsertRowid, p.modelId, p.modelVersionId, p.label, p.score, p.scores, day, now);
          }
        })
        .immediate();
    }
    const s = (performance.now() - t0) / 1000;
    queue.close();
    results.push({ path: 'better-sqlite3 prepared statements, one transaction per 1,000-row chunk', rowsPerSecond: N / s, predictionsPerSecond: (N * models.length) / s });
  }
  for (const p of [pathA, pathB]) for (const ext of ['', '-wal', '-shm']) rmSync(p + ext, { force: true });
  // classification alone, for scale
  const C = Math.min(5000, N);
  const t0 = performance.now();
  await classifyForStorage(models, sample.slice(0, C).map((r) => r.text));
  const classifyRate = C / ((performance.now() - t0) / 1000);
  return { N, results, classifyRate, modelCount: models.length };
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

log(`write path: ${fmt(Math.min(10_000, ROWS))} classified transcripts, Prisma vs better-sqlite3…`);
const write = await writePathBench();
for (const r of write.results) log(`  ${r.path}: ${fmt(r.rowsPerSecond)} transcripts/s`);
log(`  classification alone: ${fmt(write.classifyRate)} transcripts/s on one core (${write.modelCount} models)`);

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

let pgVersion = '';
if (SQLITE_WORKERS.length) await measure(sqliteTarget, SQLITE_WORKERS);
if (POSTGRES_WORKERS.length) {
  const cluster = await startCluster(log);
  try {
    pgVersion = cluster.version;
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
const table = [
  '| database | workers | wall time (upload → all stored) | transcripts/s | speed-up vs 1 worker | upload saved / job queued at | parse done at | chunk held (claim → stored), p50 / p95 | peak RSS per worker process | target |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...runs.map(
    (r) =>
      `| ${r.dialect} | ${r.workers} | ${fmt(r.wall, 1)} s | ${fmt(ROWS / r.wall)} | ${speedUp(r)} | ${fmt(r.tUpload, 1)} s / ${fmt(r.tQueued, 1)} s | ${fmt(r.parsedAt, 1)} s | ${fmt(r.chunkHoldP50, 2)} s / ${fmt(r.chunkHoldP95, 2)} s | ${r.peakWorkers.map((m) => `${fmt(m)} MiB`).join(' / ')} | ${r.wall < 60 && Math.max(...r.peakWorkers) < 1024 ? 'met (< 60 s, < 1 GB)' : 'missed'} |`,
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
const writeTable = [
  `| write path (${fmt(write.N)} classified transcripts, ${write.modelCount} predictions each) | transcripts/s | prediction rows/s |`,
  '|---|---|---|',
  ...write.results.map((r) => `| ${r.path} | ${fmt(r.rowsPerSecond)} | ${fmt(r.predictionsPerSecond)} |`),
];

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

The write path, measured on its own on the same machine (SQLite; classification done beforehand, not timed):

${writeTable.join('\n')}

Chosen: the driver directly (better-sqlite3 prepared statements, \`INSERT OR IGNORE\` on the unique content hash and external id), one transaction per chunk holding the transcripts, their predictions, the chunk's done mark and the job's counters. It is the faster path by the numbers above, and the single transaction is what makes a crash leave all of a chunk or none of it. On PostgreSQL the same transaction inserts a chunk's rows and predictions as one multi-row statement each (\`unnest\` of arrays).`,
);
log(`wrote the "Ingest pipeline" section of ${process.env.BENCH_DOCS_PATH || 'docs/benchmarks.md'}`);
rmSync(dir, { recursive: true, force: true });
