// Scoring off the request thread: a small pool of worker threads, sized to the
// cores, that score batches of texts with model versions they hold in memory.
// A process has one pool (getScoringPool), shared by inference and ingest, so
// the web server's event loop only parses, validates and answers.
//
// - A version's artifact is sent to a thread the first time a batch on that
//   thread needs it (a thread keeps at most MAX_VERSIONS_PER_THREAD, least
//   recently used first out). Versions never change, so nothing is invalidated.
// - A batch goes to the thread with the least work queued; a large one (ingest's
//   1,000-row chunks) is cut into one slice per thread.
// - Bounded: at most MAX_QUEUED_TEXTS texts wait at once (PoolBusyError past
//   that, which the API answers with 503 and Retry-After). A thread that dies
//   fails the batches it held (their callers retry as they would any error:
//   ingest's chunk attempts are counted) and is replaced; after
//   MAX_CRASHES in CRASH_WINDOW_MS the pool stops starting threads and scores on
//   the calling thread instead, with one log line.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WireModel } from './protocol';
import { concatResults, type BatchResult } from './score-batch';

export type PoolModel =
  | { kind: 'linear'; versionId: number; artifact: Uint8Array; scope: string | null; withScope: boolean }
  | { kind: 'language'; top: number | null };

export const MAX_VERSIONS_PER_THREAD = 48;
export const MAX_QUEUED_TEXTS = 50_000;
/** A batch this large is cut into one slice per thread; smaller ones stay whole (a message costs ~0.1 ms). */
export const SPLIT_AT_TEXTS = 128;
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 60_000;

export class PoolBusyError extends Error {
  constructor(queued: number) {
    super(`The scoring threads have ${queued} texts waiting; try again in a moment.`);
    this.name = 'PoolBusyError';
  }
}

export class ScoringThreadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScoringThreadError';
  }
}

interface Task {
  id: number;
  texts: number;
  resolve: (r: BatchResult[]) => void;
  reject: (e: Error) => void;
}

interface Thread {
  worker: Worker;
  tasks: Map<number, Task>;
  queuedTexts: number;
  /** version id -> last use (a counter), for the LRU */
  loaded: Map<number, number>;
  dead: boolean;
}

/** Where the thread's entry point is: next to this file when run from source, else under the working directory (a Next build). */
function entryPath(): string {
  const candidates: string[] = [];
  if (process.env.CALLSIGHT_ROOT) candidates.push(join(process.env.CALLSIGHT_ROOT, 'lib/scoring/pool-worker-entry.mjs'));
  try {
    const here = fileURLToPath(import.meta.url);
    if (here.endsWith(join('lib', 'scoring', 'pool.ts'))) candidates.push(join(dirname(here), 'pool-worker-entry.mjs'));
  } catch {
    // not a file URL (bundled): use the working directory
  }
  candidates.push(join(process.cwd(), 'lib/scoring/pool-worker-entry.mjs'));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`lib/scoring/pool-worker-entry.mjs not found (looked in ${candidates.join(', ')}); set CALLSIGHT_ROOT to the repository`);
  return found;
}

export class ScoringPool {
  readonly size: number;
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private useClock = 0;
  private crashes: number[] = [];
  private closed = false;
  /** set when threads keep dying: callers score on their own thread */
  broken = false;

  constructor(size: number) {
    if (!(Number.isInteger(size) && size >= 1)) throw new Error(`a scoring pool needs at least one thread, got ${size}`);
    this.size = size;
  }

  /** Texts waiting or being scored, over all threads. */
  get queuedTexts(): number {
    return this.threads.reduce((n, t) => n + t.queuedTexts, 0);
  }

  async score(models: readonly PoolModel[], texts: readonly string[]): Promise<BatchResult[]> {
    if (this.closed) throw new ScoringThreadError('the scoring pool is closed');
    if (texts.length === 0) return models.map((m) => emptyResult(m));
    const queued = this.queuedTexts;
    if (queued + texts.length > MAX_QUEUED_TEXTS && queued > 0) throw new PoolBusyError(queued);
    const parts = texts.length >= SPLIT_AT_TEXTS ? Math.min(this.size, Math.ceil(texts.length / (SPLIT_AT_TEXTS / 2))) : 1;
    if (parts <= 1) return this.run(models, texts as string[]);
    const per = Math.ceil(texts.length / parts);
    const slices: string[][] = [];
    for (let i = 0; i < texts.length; i += per) slices.push(texts.slice(i, i + per) as string[]);
    const results = await Promise.all(slices.map((s) => this.run(models, s)));
    return concatResults(results, slices.map((s) => s.length));
  }

  /** Stops every thread; batches in flight fail. */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    for (const t of threads) this.fail(t, new ScoringThreadError('the scoring pool was closed'));
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private run(models: readonly PoolModel[], texts: string[]): Promise<BatchResult[]> {
    const thread = this.pick();
    const wire: WireModel[] = models.map((m) => {
      if (m.kind === 'language') return { kind: 'language', top: m.top };
      this.ensureLoaded(thread, m);
      return { kind: 'linear', versionId: m.versionId, withScope: m.withScope };
    });
    const id = this.nextId++;
    return new Promise<BatchResult[]>((resolve, reject) => {
      thread.tasks.set(id, { id, texts: texts.length, resolve, reject });
      thread.queuedTexts += texts.length;
      if (thread.tasks.size === 1) thread.worker.ref();
      this.post(thread, { type: 'score', id, models: wire, texts });
    });
  }

  private ensureLoaded(thread: Thread, m: Extract<PoolModel, { kind: 'linear' }>): void {
    const clock = ++this.useClock;
    if (thread.loaded.has(m.versionId)) {
      thread.loaded.set(m.versionId, clock);
      return;
    }
    if (thread.loaded.size >= MAX_VERSIONS_PER_THREAD) {
      let oldest = -1, oldestUse = Infinity;
      for (const [v, use] of thread.loaded) if (use < oldestUse) (oldest = v), (oldestUse = use);
      thread.loaded.delete(oldest);
      // Messages are handled in order: batches already sent still find the version.
      this.post(thread, { type: 'unload', versionId: oldest });
    }
    thread.loaded.set(m.versionId, clock);
    this.post(thread, { type: 'load', versionId: m.versionId, artifact: m.artifact, scope: m.scope });
  }

  private post(thread: Thread, message: ToWorker): void {
    thread.worker.postMessage(message);
  }

  /** The live thread with the least work queued; threads start on first need. */
  private pick(): Thread {
    while (this.threads.length < this.size) this.threads.push(this.spawn());
    let best = this.threads[0]!;
    for (const t of this.threads) if (t.queuedTexts < best.queuedTexts) best = t;
    return best;
  }

  private spawn(): Thread {
    // The entry registers tsx itself; the parent's --import flags are not the thread's business.
    const worker = new Worker(entryPath(), { execArgv: [] });
    const thread: Thread = { worker, tasks: new Map(), queuedTexts: 0, loaded: new Map(), dead: false };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') return;
      const task = thread.tasks.get(message.id);
      if (!task) return;
      thread.tasks.delete(message.id);
      thread.queuedTexts -= task.texts;
      if (thread.tasks.size === 0) worker.unref();
      if (message.type === 'result') task.resolve(message.results);
      else task.reject(new ScoringThreadError(`scoring failed: ${message.message}`));
    });
    const died = (why: string) => {
      if (thread.dead) return;
      thread.dead = true;
      const i = this.threads.indexOf(thread);
      if (i >= 0) this.threads.splice(i, 1);
      this.fail(thread, new ScoringThreadError(`a scoring thread stopped (${why}); the batch can be tried again`));
      if (this.closed) return;
      const now = Date.now();
      this.crashes = this.crashes.filter((t) => now - t < CRASH_WINDOW_MS);
      this.crashes.push(now);
      if (this.crashes.length >= MAX_CRASHES && !this.broken) {
        this.broken = true;
        console.error(`scoring: ${this.crashes.length} scoring threads stopped within ${CRASH_WINDOW_MS / 1000} s (last: ${why}); scoring on the calling thread from now on`);
      }
    };
    worker.on('error', (e) => died(e instanceof Error ? e.message : String(e)));
    worker.on('exit', (code) => died(`exit code ${code}`));
    // After the listeners: adding a 'message' listener refs the worker's port again. An idle thread
    // must not keep a process alive (a CLI command, a test); run() refs it while it holds a batch.
    worker.unref();
    return thread;
  }

  private fail(thread: Thread, error: Error): void {
    for (const task of thread.tasks.values()) task.reject(error);
    thread.tasks.clear();
    thread.queuedTexts = 0;
  }
}

function emptyResult(m: PoolModel): BatchResult {
  return m.kind === 'linear'
    ? { kind: 'linear', width: 0, scores: new Float32Array(0), outOfScope: new Int8Array(0) }
    : { kind: 'language', width: 0, scores: m.top === null ? new Float32Array(0) : null, top: m.top === null ? null : [] };
}

/**
 * CALLSIGHT_SCORING_THREADS; 0 scores on the calling thread. Default: in the web
 * server one thread fewer than the cores (at least one), so the request thread
 * keeps a core and the dashboard stays quick while the API is busy; in an
 * ingest worker or the CLI one per core.
 */
export function scoringThreads(): number {
  const raw = process.env.CALLSIGHT_SCORING_THREADS;
  if (raw === undefined || raw === '') return process.env.NEXT_RUNTIME ? Math.max(1, availableParallelism() - 1) : availableParallelism();
  const n = Number(raw);
  if (!(Number.isInteger(n) && n >= 0 && n <= 64)) throw new Error(`CALLSIGHT_SCORING_THREADS must be a whole number from 0 to 64, got "${raw}"`);
  return n;
}

const globalPool = globalThis as unknown as { callsightScoringPool?: ScoringPool | null };

/** The process's pool, started on first use; null when CALLSIGHT_SCORING_THREADS=0 or the pool broke. */
export function getScoringPool(): ScoringPool | null {
  if (globalPool.callsightScoringPool === undefined) {
    const n = scoringThreads();
    globalPool.callsightScoringPool = n > 0 ? new ScoringPool(n) : null;
  }
  const pool = globalPool.callsightScoringPool;
  return pool && !pool.broken ? pool : null;
}

/** Stops the process's pool (tests, worker shutdown); the next getScoringPool starts a new one. */
export async function closeScoringPool(): Promise<void> {
  const pool = globalPool.callsightScoringPool;
  globalPool.callsightScoringPool = undefined;
  if (pool) await pool.close();
}
