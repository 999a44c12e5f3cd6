// npm run bench -- load: the public API under the hardening issue's probe load, and the
// dashboard beside it. The real server (`npm start`: scripts/start.ts, which migrates,
// trains and seeds the demo, builds into NEXT_DIST_DIR and runs `next start` with a
// worker) on a fresh database; 64 keep-alive connections POST /v2/models/inference
// (8 texts × models 42, 87, 156, 201) for 60 s from a child process of their own, while
// this process, signed in as an admin, polls the overview every 500 ms: the page and each
// JSON route on its own during the first half, the whole overview (the page, then its 8
// routes at once) during the second. The same is measured idle just before. Writes
// docs/benchmarks.md "API under load (64 connections)", with the probe's figures (before
// sign-in existed) beside today's.
//
// BENCH_LOAD_SECONDS (default 60) and BENCH_LOAD_CONNECTIONS (default 64) change the load;
// BENCH_LOAD_PORT the first port tried (default 3500). With BENCH_LOAD_ROLE=loader this
// file is the load generator (the bench starts it so).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { loadAverage, machineTimes, treeCpuSeconds } from './proc';
import { machine, percentile, writeSection } from './stats';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 64);
/** Bounds of the load: no request is started after SECONDS or past this count, none waits longer than the timeout. */
const MAX_REQUESTS = 250_000;
const REQUEST_TIMEOUT_MS = 30_000;
const DASHBOARD_PERIOD_MS = 500;
/** Answers slower than this are listed with when they were sent. */
const SLOW_MS = 2000;
const IDLE_SAMPLES = 20;
const DB_FILE = 'data/bench-load.db';
const DIST_DIR = '.next-bench';
const ADMIN_EMAIL = 'bench@callsight.test';
const MODEL_SETTINGS = [{ model_id: 42, max_predictions: 1 }, { model_id: 87, max_predictions: 2 }, { model_id: 156, max_predictions: 3 }, { model_id: 201 }];

/** The probe's figures, measured on this 2-core machine before sign-in existed (the hardening issue). */
const BEFORE = { rps: 247.5, p99: 333, errors: 0, kpisIdle: 6, kpisLoad: 1210, pageIdle: 35, pageLoad: 2750 };
/** This bench's run of 2026-12-06 (before issue 15: scoring on the request thread, two Prisma lookups a request). */
const LAST = { rps: 145.1, p50: 435, p95: 494, p99: 515, errors: 0, kpisIdle: 14, kpisLoad: 2280, kpisLoad95: 2740, breakdownLoad95: 3160, pageIdle: 30, pageLoad: 6300, pageLoad95: 6970, allIdle: 80, allLoad: 12460 };

interface GoMessage {
  type: 'go';
  port: number;
  key: string;
  bodies: string[];
  connections: number;
  seconds: number;
}
interface LoadResult {
  type: 'result';
  seconds: number;
  started: number;
  latencies: number[];
  statuses: Record<string, number>;
  examples: Record<string, string[]>;
  perSecond: number[];
  /** answers slower than SLOW_MS: [seconds into the load when sent, milliseconds] (the first 1,000) */
  slow: [number, number][];
  cpuSeconds: number;
}

// ---------------------------------------------------------------- the load generator

/** Runs in its own process, so its event loop does not delay the dashboard client's. */
async function loader() {
  const go = once(process, 'message');
  process.send!({ type: 'ready' });
  const [msg] = (await go) as [GoMessage];
  const agent = new http.Agent({ keepAlive: true, maxSockets: msg.connections, maxFreeSockets: msg.connections });
  const bodies = msg.bodies.map((b) => Buffer.from(b));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const examples: Record<string, string[]> = {};
  const perSecond = Array.from({ length: msg.seconds }, () => 0);
  const slow: [number, number][] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + msg.seconds * 1000;
  let started = 0;
  let last = t0;

  const post = (body: Buffer) =>
    new Promise<{ status: string; text: string }>((resolve) => {
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port: msg.port,
          method: 'POST',
          path: '/v2/models/inference',
          headers: { Authorization: `Bearer ${msg.key}`, 'Content-Type': 'application/json', 'Content-Length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: String(res.statusCode), text: res.statusCode === 200 ? '' : Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (e) => resolve({ status: 'connection error', text: e.message }));
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS / 1000} s`)));
      req.on('error', (e) => resolve({ status: /no answer/.test(e.message) ? 'timeout' : 'connection error', text: e.message }));
      req.end(body);
    });

  const connection = async () => {
    while (performance.now() < deadline && started < MAX_REQUESTS) {
      const body = bodies[started++ % bodies.length]!;
      const t = performance.now();
      const r = await post(body);
      const end = performance.now();
      last = Math.max(last, end);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== 'timeout' && r.status !== 'connection error') latencies.push(Math.round((end - t) * 100) / 100);
      if (end - t > SLOW_MS && slow.length < 1000) slow.push([Math.round((t - t0) / 100) / 10, Math.round(end - t)]);
      const second = Math.floor((end - t0) / 1000);
      if (second < perSecond.length) perSecond[second]! += 1;
      if (r.status !== '200') {
        const list = (examples[r.status] ??= []);
        if (list.length < 3) list.push(r.text.replace(/\s+/g, ' ').slice(0, 300));
      }
    }
  };
  // A hard stop besides the bounds above: a connection that hangs past them is cut.
  const hardStop = setTimeout(() => agent.destroy(), (msg.seconds + REQUEST_TIMEOUT_MS / 1000 + 10) * 1000);
  await Promise.all(Array.from({ length: msg.connections }, connection));
  clearTimeout(hardStop);
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  const result: LoadResult = { type: 'result', seconds: (last - t0) / 1000, started, latencies, statuses, examples, perSecond, slow, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  process.send!(result, () => process.exit(0));
}

// ---------------------------------------------------------------- the bench

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** The texts of the requests: demo transcripts cut to 300–1,000 characters at a word. */
async function requestBodies(count: number): Promise<{ bodies: string[]; avgChars: number; minChars: number; maxChars: number }> {
  const { generateTranscripts } = await import('@/prisma/seed/demo/generate');
  const cut = (t: string) => {
    if (t.length <= 1000) return t;
    const space = t.lastIndexOf(' ', 1000);
    return t.slice(0, space >= 300 ? space : 1000);
  };
  const pool = generateTranscripts(count * 8 * 2, 4242)
    .map((t) => cut(t.text.trim()))
    .filter((t) => t.length >= 300)
    .slice(0, count * 8);
  if (pool.length < count * 8) throw new Error(`only ${pool.length} texts of 300–1,000 characters`);
  const bodies = Array.from({ length: count }, (_, i) => JSON.stringify({ texts: pool.slice(i * 8, i * 8 + 8), model_settings: MODEL_SETTINGS }));
  const lengths = pool.map((t) => t.length);
  return { bodies, avgChars: Math.round(lengths.reduce((a, n) => a + n, 0) / lengths.length), minChars: Math.min(...lengths), maxChars: Math.max(...lengths) };
}

/** Whether any process of the group is alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopGroup(child: ChildProcess): Promise<string> {
  const pgid = child.pid;
  if (!pgid || !groupAlive(pgid)) return 'already stopped';
  process.kill(-pgid, 'SIGTERM');
  for (let i = 0; i < 150 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 100));
  if (!groupAlive(pgid)) return 'stopped with SIGTERM';
  process.kill(-pgid, 'SIGKILL');
  for (let i = 0; i < 50 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 100));
  return groupAlive(pgid) ? 'STILL RUNNING after SIGKILL' : 'needed SIGKILL after 15 s';
}

const fmtMs = (x: number) => (Number.isNaN(x) ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const fmtN = (n: number, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
const ratio = (now: number, before: number) => (before === 0 || Number.isNaN(now) ? '—' : `${(now / before).toFixed(2)}×`);

async function bench() {
  let firstPort = Number(process.env.BENCH_LOAD_PORT ?? 3500);
  while (!(await portIsFree(firstPort))) firstPort++;
  const PORT = firstPort;
  const origin = `http://127.0.0.1:${PORT}`;
  for (const f of readdirSync('data')) if (f.startsWith('bench-load.db')) rmSync(`data/${f}`, { recursive: true, force: true });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    DATABASE_URL: `file:./${DB_FILE}`,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    // The probe measured the server, not the per-key limit (600 a minute by default would answer 429s).
    RATE_LIMIT_PER_MINUTE: '100000000',
  };
  delete env.PUBLIC_URL;
  delete env.ALLOWED_HOSTS;

  const load0 = readFileSync('/proc/loadavg', 'utf8').trim();
  // `next build` adds its dist folder's types to tsconfig.json's include; the tree is not ours to change,
  // so the file is put back as it was (its time too, or scripts/start.ts would think the build stale).
  const tsconfig = { text: readFileSync('tsconfig.json', 'utf8'), stat: statSync('tsconfig.json') };
  const restoreTsconfig = () => {
    if (readFileSync('tsconfig.json', 'utf8') === tsconfig.text) return;
    writeFileSync('tsconfig.json', tsconfig.text);
    utimesSync('tsconfig.json', tsconfig.stat.atime, tsconfig.stat.mtime);
    console.log('[bench load] tsconfig.json, rewritten by next build, put back as it was');
  };
  console.log(`[bench load] port ${PORT}, ${DB_FILE}, ${DIST_DIR}; /proc/loadavg ${load0}`);
  const startedAt = performance.now();
  const server = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/start.ts'], {
    env,
    detached: true, // its own process group: next start, its server and the worker are stopped together
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let loaderChild: ChildProcess | null = null;
  const cleanup = async () => {
    loaderChild?.kill('SIGKILL');
    return stopGroup(server);
  };
  const onSignal = () => void cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let stopped = '';
  let built = false;
  try {
    const key = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('the server printed no demo key in 20 minutes')), 20 * 60_000);
      server.stdout!.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        if (/building the web app/.test(text)) built = true;
        process.stdout.write(text.replace(/cs_[A-Za-z0-9]{12}_[A-Za-z0-9]{32}/g, 'cs_…(demo key)'));
        out = (out + text).slice(-20_000);
        const m = out.match(/Demo API key[^\n]*\n\s*(cs_[A-Za-z0-9]{12}_[A-Za-z0-9]{32})/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      server.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited before it was ready (${signal ?? `exit ${code}`})`));
      });
    });
    const startSeconds = (performance.now() - startedAt) / 1000;
    restoreTsconfig();
    console.log(`[bench load] server ready after ${startSeconds.toFixed(0)} s (${built ? 'build, ' : ''}demo training and seed included)`);

    // An admin, made with the CLI on the server's database, signed in over HTTP as the sign-in page does.
    const password = randomBytes(18).toString('base64url');
    const created = spawnSync(process.execPath, ['bin/callsight.mjs', 'users', 'create', '--email', ADMIN_EMAIL, '--role', 'admin', '--password-stdin'], { env, input: `${password}\n`, encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`callsight users create failed: ${created.stderr || created.stdout}`);
    const signIn = await fetch(`${origin}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({ email: ADMIN_EMAIL, password }),
    });
    const token = signIn.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('callsight.session_token='));
    if (signIn.status !== 200 || !token) throw new Error(`sign-in answered ${signIn.status} without a session cookie: ${(await signIn.text()).slice(0, 300)}`);
    const cookie = token;

    // The overview as a browser loads it with the default filters (last 30 days): the page, then its JSON routes at once.
    const routes: [string, string][] = [
      ['kpis', '/api/analytics/kpis?range=30d'],
      ['breakdown, Product (42)', '/api/analytics/breakdown?range=30d&model=42'],
      ['breakdown, Issue type (87)', '/api/analytics/breakdown?range=30d&model=87'],
      ['breakdown, Root cause (156)', '/api/analytics/breakdown?range=30d&model=156'],
      ['breakdown, Sentiment (201)', '/api/analytics/breakdown?range=30d&model=201'],
      ['trend, Sentiment by day', '/api/analytics/trend?range=30d&model=201&interval=day'],
      ['cross-tab 42 × 87', '/api/analytics/cross-tab?range=30d&rows=42&cols=87'],
      ['filter options', '/api/analytics/filter-options'],
    ];
    const PAGE = 'overview page (GET /, HTML)';
    const ALL = 'overview complete (page, then the 8 routes at once)';
    const names = [PAGE, ...routes.map((r) => r[0]), ALL];
    const dashErrors: Record<string, { count: number; example: string }> = {};
    /** Dashboard requests slower than SLOW_MS under load: [name, seconds into the load when sent, milliseconds]. */
    const dashSlow: [string, number, number][] = [];
    let loadT0 = NaN;
    const get = async (name: string, path: string, into: Map<string, number>) => {
      const t = performance.now();
      let status: string;
      let text = '';
      try {
        const res = await fetch(`${origin}${path}`, { headers: { Cookie: cookie, Accept: path === '/' ? 'text/html' : 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        text = await res.text();
        status = String(res.status);
      } catch (e) {
        status = (e as Error).name === 'TimeoutError' ? 'timeout' : 'connection error';
        text = (e as Error).message;
      }
      into.set(name, performance.now() - t);
      if (!Number.isNaN(loadT0) && performance.now() - t > SLOW_MS) dashSlow.push([name, (t - loadT0) / 1000, performance.now() - t]);
      if (status !== '200') {
        const k = `${name}: ${status}`;
        dashErrors[k] = { count: (dashErrors[k]?.count ?? 0) + 1, example: dashErrors[k]?.example ?? text.replace(/\s+/g, ' ').slice(0, 200) };
      }
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    /** The whole overview as a browser opens it: the page, then its 8 JSON routes at once. */
    const overviewOnce = async (into: Map<string, number>) => {
      const scratch = new Map<string, number>();
      const t = performance.now();
      await get(PAGE, '/', scratch);
      await Promise.all(routes.map(([n, p]) => get(n, p, scratch)));
      into.set(ALL, performance.now() - t);
    };
    const single = (name: string, path: string) => (into: Map<string, number>) => get(name, path, into);
    /**
     * One poller: `step` every 500 ms (the next right away when one took longer), never two at once,
     * starting after `offset` ms, while `more` says so.
     */
    const poll = async (step: (into: Map<string, number>) => Promise<void>, offset: number, more: (i: number) => boolean) => {
      const samples: Map<string, number>[] = [];
      await sleep(offset);
      for (let i = 0; more(i); i++) {
        const t = performance.now();
        const m = new Map<string, number>();
        await step(m);
        samples.push(m);
        const wait = DASHBOARD_PERIOD_MS - (performance.now() - t);
        if (wait > 0 && more(i + 1)) await sleep(wait);
      }
      return samples;
    };
    /** The page and each route polled on its own (9 pollers, phases spread over the 500 ms): each request timed alone. */
    const eachRequest = async (more: (i: number) => boolean) => {
      const all = [[PAGE, '/'] as [string, string], ...routes];
      return (await Promise.all(all.map(([n, p], k) => poll(single(n, p), (k * DASHBOARD_PERIOD_MS) / all.length, more)))).flat();
    };
    const summary = (samples: Map<string, number>[]) =>
      Object.fromEntries(names.map((n) => {
        const v = samples.map((s) => s.get(n) ?? NaN).filter((x) => !Number.isNaN(x));
        return [n, { n: v.length, p50: percentile(v, 50), p95: percentile(v, 95) }];
      })) as Record<string, { n: number; p50: number; p95: number }>;

    // Warm-up, not counted: the analytics index loaded, the models in memory, the code compiled.
    const text = await requestBodies(CONNECTIONS);
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${origin}/v2/models/inference`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: text.bodies[i % text.bodies.length] });
      if (res.status !== 200) throw new Error(`warm-up inference answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      await res.arrayBuffer();
    }
    await poll(overviewOnce, 0, (i) => i < 5);
    const warmErrors = Object.keys(dashErrors);
    if (warmErrors.length) throw new Error(`the dashboard answered errors while warming up: ${JSON.stringify(dashErrors)}`);

    // Idle: 20 of each request alone, then 20 whole overviews.
    const idle = summary([...(await eachRequest((i) => i < IDLE_SAMPLES)), ...(await poll(overviewOnce, 0, (i) => i < IDLE_SAMPLES))]);
    console.log(`[bench load] idle: kpis p50 ${fmtMs(idle.kpis!.p50)}, page p50 ${fmtMs(idle[PAGE]!.p50)}, overview complete p50 ${fmtMs(idle[ALL]!.p50)}`);

    // The load: its own process, 64 connections, 60 s. The dashboard: each request alone during
    // the first half, whole overviews during the second, until the load ends.
    loaderChild = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'bench/load.ts'], { env: { ...process.env, BENCH_LOAD_ROLE: 'loader' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const child = loaderChild;
    let notReady: NodeJS.Timeout | undefined;
    await Promise.race([once(child, 'message'), new Promise((_, reject) => (notReady = setTimeout(() => reject(new Error('the load generator did not start')), 60_000)))]);
    clearTimeout(notReady);
    const loadBefore = loadAverage();
    const loadBeforeLine = readFileSync('/proc/loadavg', 'utf8').trim();
    const m0 = machineTimes();
    const s0 = treeCpuSeconds(server.pid!);
    const b0 = process.cpuUsage();
    const w0 = performance.now();
    loadT0 = w0;
    const go: GoMessage = { type: 'go', port: PORT, key, bodies: text.bodies, connections: CONNECTIONS, seconds: SECONDS };
    let done = false;
    const resultP = new Promise<LoadResult>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the load generator did not report in time')), (SECONDS + REQUEST_TIMEOUT_MS / 1000 + 60) * 1000);
      child.once('message', (m: LoadResult) => {
        clearTimeout(timer);
        resolve(m);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        setTimeout(() => reject(new Error(`the load generator exited (${code}) without a result`)), 1000);
      });
    }).finally(() => (done = true));
    child.send(go);
    console.log(`[bench load] ${CONNECTIONS} connections for ${SECONDS} s…`);
    const underLoadSamples = (async () => {
      const half = w0 + (SECONDS * 1000) / 2;
      const first = await eachRequest(() => !done && performance.now() < half);
      const second = await poll(overviewOnce, 0, () => !done);
      return [...first, ...second];
    })();
    const result = await resultP;
    const underLoad = summary(await underLoadSamples);
    loadT0 = NaN;
    const wall = (performance.now() - w0) / 1000;
    const m1 = machineTimes();
    const serverCpu = treeCpuSeconds(server.pid!) - s0;
    const b1 = process.cpuUsage(b0);
    const benchCpu = (b1.user + b1.system) / 1e6;
    const loadAfterLine = readFileSync('/proc/loadavg', 'utf8').trim();
    const serverAlive = server.exitCode === null && server.signalCode === null;
    stopped = await cleanup();
    loaderChild = null;

    // ---------------------------------------------------------------- figures
    const lat = result.latencies;
    const total = Object.values(result.statuses).reduce((a, n) => a + n, 0);
    const ok = result.statuses['200'] ?? 0;
    const errors = total - ok;
    const rps = total / result.seconds;
    const okRps = ok / result.seconds;
    const p = (q: number) => percentile(lat, q);
    const full = result.perSecond.slice(1, -1);
    const cores = (await import('node:os')).cpus().length;
    const busy = m1.busy - m0.busy;
    const steal = m1.steal - m0.steal;
    const others = Math.max(0, busy - serverCpu - result.cpuSeconds - benchCpu);
    const shared = others > 0.1 * cores * wall || loadBefore > cores;
    const worstBreakdown95 = Math.max(...names.filter((n) => n.startsWith('breakdown')).map((n) => underLoad[n]!.p95));
    const errorLines = Object.entries(result.statuses)
      .filter(([s]) => s !== '200')
      .map(([s, n]) => `- ${s}: ${fmtN(n)}${result.examples[s]?.length ? `, e.g. \`${result.examples[s]![0]!.replace(/`/g, "'")}\`` : ''}`);
    const dashErrorLines = Object.entries(dashErrors).map(([k, v]) => `- ${k} (${v.count}×): \`${v.example.replace(/`/g, "'")}\``);

    console.log(`\n[bench load] ${fmtN(total)} responses in ${result.seconds.toFixed(1)} s: ${fmtN(rps, 1)} req/s, p50 ${fmtMs(p(50))}, p95 ${fmtMs(p(95))}, p99 ${fmtMs(p(99))}, errors ${fmtN(errors)} ${JSON.stringify(result.statuses)}`);
    const bySecond = (xs: [number, number][]) => {
      const m = new Map<number, { n: number; max: number }>();
      for (const [at, t] of xs) {
        const g = m.get(Math.floor(at)) ?? { n: 0, max: 0 };
        g.n++;
        g.max = Math.max(g.max, t);
        m.set(Math.floor(at), g);
      }
      const list = [...m].sort((a, b) => a[0] - b[0]).map(([k, g]) => `sent in second ${k}: ${fmtN(g.n)}, up to ${fmtMs(g.max)}`);
      return list.length > 12 ? `${list.slice(0, 12).join('; ')}; … (${list.length} seconds in all)` : list.join('; ');
    };
    const dashVerySlow = dashSlow.filter((d) => d[2] > 5000);
    const slowText = `Inference answers slower than ${fmtMs(SLOW_MS)}: ${result.slow.length ? `${fmtN(result.slow.length)}${result.slow.length >= 1000 ? '+' : ''} (${bySecond(result.slow)})` : 'none'}. Dashboard requests slower than 5 s under load: ${dashVerySlow.length ? dashVerySlow.slice(0, 12).map(([n, at, t]) => `${n} sent at ${at.toFixed(1)} s (${fmtMs(t)})`).join('; ') : 'none'}.`;
    console.log(`[bench load] answers per second: ${result.perSecond.join(' ')}`);
    console.log(`[bench load] ${slowText}`);
    console.table(Object.fromEntries(names.map((n) => [n, { 'idle p50': fmtMs(idle[n]!.p50), 'idle p95': fmtMs(idle[n]!.p95), 'load p50': fmtMs(underLoad[n]!.p50), 'load p95': fmtMs(underLoad[n]!.p95), 'samples (load)': underLoad[n]!.n }])));

    const body = `Command: \`npm run bench -- load\` (bench/load.ts; \`BENCH_LOAD_SECONDS\`, \`BENCH_LOAD_CONNECTIONS\` change the load), ${new Date().toISOString().slice(0, 10)}, ${machine()} (${cores} cores).

What is measured: the hardening issue's probe, on the server \`npm start\` runs (scripts/start.ts: a fresh \`${DB_FILE}\`, the demo models trained and its sample transcripts seeded, a build of its own in \`${DIST_DIR}\`, \`next start\` and one ingest worker), ready after ${fmtN(startSeconds)} s (${built ? 'a build included' : 'the build of an earlier run reused'}). ${CONNECTIONS} keep-alive connections on 127.0.0.1, from a Node process of their own (\`node:http\`), POST \`/v2/models/inference\` with 8 texts × 4 models (42, 87, 156, 201; \`max_predictions\` 1, 2, 3 and all) for ${SECONDS} s, each connection sending its next request when the answer has arrived; the texts are demo transcripts cut at a word to ${fmtN(text.minChars)}–${fmtN(text.maxChars)} characters (${fmtN(text.avgChars)} on average; ${CONNECTIONS} different requests in turn). The key is the demo key \`npm start\` prints (scope inference); the per-key rate limit is raised (\`RATE_LIMIT_PER_MINUTE=100000000\`), since the probe measured the server and the default 600 a minute would answer 429s. Bounds: no request started after ${SECONDS} s or past ${fmtN(MAX_REQUESTS)}, none waited longer than ${REQUEST_TIMEOUT_MS / 1000} s. Error = any answer but 200, a timeout or a broken connection.

Meanwhile an admin (made with \`callsight users create --password-stdin\`, signed in over HTTP: \`POST /api/auth/sign-in/email\`, the session cookie) polls the overview with the default filters (last 30 days) from this process, each poller every ${DASHBOARD_PERIOD_MS} ms (or right away when its previous answer took longer), never two requests of one poller at once. During the first half of the load the page (\`GET /\`, HTML) and each of its 8 JSON routes have a poller of their own (phases spread over the ${DASHBOARD_PERIOD_MS} ms), so each request is timed alone; during the second half one poller loads the whole overview as the browser does, the page and then the 8 routes at once (${underLoad[ALL]!.n} loads). Idle, just before the load: ${IDLE_SAMPLES} of each request the same way, then ${IDLE_SAMPLES} whole overviews (after a warm-up of 30 inference requests and 5 overview loads, not counted).

| | before (2026-12-06) | now | now ÷ before | the probe (before sign-in) | goal (issue 15) | |
|---|---|---|---|---|---|---|
| requests/s (${CONNECTIONS} connections, ${SECONDS} s) | ${LAST.rps} | **${fmtN(rps, 1)}** | ${ratio(rps, LAST.rps)} | ${BEFORE.rps} | ≥ 500 | ${rps >= 500 ? 'met' : 'missed'} |
| latency p50 | ${LAST.p50} ms | ${fmtMs(p(50))} | ${ratio(p(50), LAST.p50)} | | | |
| latency p95 | ${LAST.p95} ms | ${fmtMs(p(95))} | ${ratio(p(95), LAST.p95)} | | | |
| latency p99 | ${LAST.p99} ms | **${fmtMs(p(99))}** | ${ratio(p(99), LAST.p99)} | ${BEFORE.p99} ms | < 200 ms | ${p(99) < 200 ? 'met' : 'missed'} |
| errors (not 200) | ${LAST.errors} | **${fmtN(errors)}** of ${fmtN(total)} | | ${BEFORE.errors} | 0 | ${errors === 0 ? 'met' : 'missed'} |
| dashboard KPIs p50, idle | ${LAST.kpisIdle} ms | ${fmtMs(idle.kpis!.p50)} | ${ratio(idle.kpis!.p50, LAST.kpisIdle)} | ${BEFORE.kpisIdle} ms | | |
| dashboard KPIs p50 / p95, under load | ${fmtMs(LAST.kpisLoad)} / ${fmtMs(LAST.kpisLoad95)} | **${fmtMs(underLoad.kpis!.p50)} / ${fmtMs(underLoad.kpis!.p95)}** | ${ratio(underLoad.kpis!.p50, LAST.kpisLoad)} | ${fmtMs(BEFORE.kpisLoad)} | p95 < 200 ms | ${underLoad.kpis!.p95 < 200 ? 'met' : 'missed'} |
| dashboard breakdowns p95, under load (worst card) | ${fmtMs(LAST.breakdownLoad95)} | **${fmtMs(worstBreakdown95)}** | ${ratio(worstBreakdown95, LAST.breakdownLoad95)} | | p95 < 200 ms | ${worstBreakdown95 < 200 ? 'met' : 'missed'} |
| overview page (GET /) p50, idle | ${LAST.pageIdle} ms | ${fmtMs(idle[PAGE]!.p50)} | ${ratio(idle[PAGE]!.p50, LAST.pageIdle)} | ${BEFORE.pageIdle} ms | | |
| overview page (GET /) p50 / p95, under load | ${fmtMs(LAST.pageLoad)} / ${fmtMs(LAST.pageLoad95)} | **${fmtMs(underLoad[PAGE]!.p50)} / ${fmtMs(underLoad[PAGE]!.p95)}** | ${ratio(underLoad[PAGE]!.p50, LAST.pageLoad)} | ${fmtMs(BEFORE.pageLoad)} | p95 < 200 ms | ${underLoad[PAGE]!.p95 < 200 ? 'met' : 'missed'} |
| overview complete (page + 8 routes) p50, idle / under load | ${fmtMs(LAST.allIdle)} / ${fmtMs(LAST.allLoad)} | ${fmtMs(idle[ALL]!.p50)} / ${fmtMs(underLoad[ALL]!.p50)} (${underLoad[ALL]!.n} loads) | | | | |

"Before" is this bench's run of 2026-12-06, before issue 15 (scoring on the request thread). The probe's figures are the hardening issue's, on this machine, before sign-in existed (no session or key lookup per request); its "overview page" is compared with the page's HTML here, and "overview complete" (what a person waits for before the figures are on screen) is given beside it. Inference latency is per request, answer read to the end, over all answers; ${fmtN(total)} answers in ${result.seconds.toFixed(1)} s (${fmtN(okRps, 1)} 200s a second), max ${fmtMs(Math.max(...lat))}; answers per second over the full seconds of the run: ${full.length ? `${fmtN(Math.min(...full))}–${fmtN(Math.max(...full))}` : '—'}. ${slowText}${errors ? `\n\nErrors under load:\n\n${errorLines.join('\n')}` : ''}

The dashboard, idle and under the load (p50 / p95; n under load: ${names.map((n) => underLoad[n]!.n).join(', ')} in the order of the rows):

| request | idle p50 | idle p95 | under load p50 | under load p95 | under load ÷ idle, p50 |
|---|---|---|---|---|---|
${names.map((n) => `| ${n === ALL ? `**${n}**` : n} | ${fmtMs(idle[n]!.p50)} | ${fmtMs(idle[n]!.p95)} | ${fmtMs(underLoad[n]!.p50)} | ${fmtMs(underLoad[n]!.p95)} | ${ratio(underLoad[n]!.p50, idle[n]!.p50)} |`).join('\n')}
${dashErrorLines.length ? `\nThe dashboard's errors:\n\n${dashErrorLines.join('\n')}\n` : '\nThe dashboard answered 200 to every request.\n'}
Where the CPU went during the ${wall.toFixed(1)} s of load (${cores} cores: ${fmtN(cores * wall)} core-seconds): the machine was busy ${fmtN(busy, 1)} s${steal > 0.5 ? ` (and ${fmtN(steal, 1)} s stolen by the hypervisor)` : ''}; the server's processes (start script, \`next start\`, the worker) ${fmtN(serverCpu, 1)} s, the load generator ${fmtN(result.cpuSeconds, 1)} s, the dashboard client ${fmtN(benchCpu, 1)} s, other processes ${fmtN(others, 1)} s. The server's processes used ${(serverCpu / wall).toFixed(2)} cores on average, about ${fmtN((serverCpu * 1000) / total)} ms of CPU per answer: \`next start\` runs every route on one JavaScript thread and scores on its scoring threads (lib/scoring/pool.ts, one per core), so the request thread's own work (HTTP, authentication, validation, JSON) is what the dashboard's requests wait behind. /proc/loadavg before the server started: ${load0}; before the load: ${loadBeforeLine}; after: ${loadAfterLine}. ${shared ? `**The machine was shared**: other work ran during this bench (${fmtN(others, 1)} core-seconds not ours${loadBefore > cores ? `, a 1-minute load of ${loadBefore.toFixed(2)} on ${cores} cores before the load began` : ''}), so these figures are lower bounds of what the server does alone; the load generator and the dashboard client also run on the same ${cores} cores, as they did in the probe.` : `The load generator and the dashboard client ran on the same ${cores} cores as the server, as in the probe; little else ran.`}${serverAlive ? '' : ' **The server exited during the load.**'} Server stopped afterwards: ${stopped}.`;
    console.log(`\n${body}`);
    await writeSection('API under load (64 connections)', body);
    if (!/^stopped|already/.test(stopped)) process.exitCode = 1;
  } finally {
    if (!stopped) console.log(`[bench load] server: ${await cleanup()}`);
    restoreTsconfig();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

// Last, so every constant above is initialised when either runs.
if (process.env.BENCH_LOAD_ROLE === 'loader') await loader();
else await bench();
