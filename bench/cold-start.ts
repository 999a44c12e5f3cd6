// npm run bench -- cold-start (or npx tsx bench/cold-start.ts): how long a person waits for the
// first overview after `npm start` says it is ready, with the warm-up (scripts/warm-up.ts,
// instrumentation.ts) and without it (CALLSIGHT_WARM_UP=0: the server as it was before it,
// announced on Next's "Ready"), in the same run, turn about. The real server (scripts/start.ts:
// migrate, demo seed, a build of its own in NEXT_DIST_DIR, `next start`, one worker) on a fresh
// database: a first start seeds it and signs an admin in (the session is kept in the database);
// then BENCH_COLD_RUNS (default 5) pairs of new processes are started on it one after another,
// and in each, from the line "Callsight is running on …", the overview is loaded as the browser
// loads it: the page, then its JSON routes at once, then the estimated shares its model cards
// ask for once their counts are in; then the first chart click (the drill-down page and its
// list) and, for comparison, the same overview again (warm). Writes docs/benchmarks.md "Cold start".
//
// BENCH_COLD_PORT is the first port tried (default 3600).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadAverage } from './proc';
import { machine, percentile, writeSection } from './stats';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const DB_FILE = 'data/bench-cold.db';
/** BENCH_COLD_DIST_DIR: another build folder (two benches side by side). */
const DIST_DIR = process.env.BENCH_COLD_DIST_DIR ?? '.next-bench';
const ADMIN_EMAIL = 'bench-cold@callsight.test';
const READY_LINE = /Callsight is running on/;
const REQUEST_TIMEOUT_MS = 60_000;
/** The goal of issue 15: the first overview within this long of "ready". */
const GOAL_MS = 1500;
/** A start that had to build (the sources changed under the bench) is not counted; this many are tried at most. */
const MAX_ATTEMPTS = RUNS * 4;

// The overview as the browser asks for it with the demo layout and the default filters (last 30 days).
const PAGE: [string, string] = ['overview page (GET /, HTML)', '/?range=30d'];
const FIRST_WAVE: [string, string][] = [
  ['layout (GET /v2/dashboard)', '/v2/dashboard'],
  ['filter options', '/api/analytics/filter-options'],
  ['kpis', '/api/analytics/kpis'],
  ['scope', '/api/analytics/scope'],
  ['breakdown, Product (42)', '/api/analytics/breakdown?dimension=42'],
  ['breakdown, Issue type (87)', '/api/analytics/breakdown?dimension=87'],
  ['breakdown, Root cause (156)', '/api/analytics/breakdown?dimension=156'],
  ['breakdown, Sentiment (201)', '/api/analytics/breakdown?dimension=201'],
  ['trend, Sentiment by day', '/api/analytics/trend?model=201&interval=day'],
  ['cross-tab 42 × 87', '/api/analytics/cross-tab?rows=42&cols=87'],
  ['saved views (GET /v2/views)', '/v2/views'],
  ['session (GET /api/auth/get-session)', '/api/auth/get-session'],
];
const SECOND_WAVE: [string, string][] = [42, 87, 156, 201].map((id) => [`estimated shares (${id})`, `/api/analytics/breakdown?dimension=${id}&estimates=1`]);
// A click on the Product card's "Mobile" bar: the drill-down page, then its first page of transcripts.
const CLICK: [string, string][] = [
  ['drill-down page (GET /transcripts, HTML)', '/transcripts?label=42%3AMobile'],
  ['drill-down list', '/api/transcripts?label=42%3AMobile'],
];
const FIGURES = 'figures on screen (page + first wave)';
const OVERVIEW = 'overview complete (with the estimated shares)';
const CLICK_ALL = 'first chart click complete';

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

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
const ratio = (now: number, before: number | undefined) => (before === undefined || before === 0 || Number.isNaN(now) ? '—' : `${(now / before).toFixed(2)}×`);

interface Started {
  child: ChildProcess;
  /** ms from spawn to the ready line */
  startToReady: number;
  /** what the server printed, for the record */
  output: () => string;
  built: boolean;
}

/** Starts scripts/start.ts and resolves when it prints its ready line. */
function startServer(env: NodeJS.ProcessEnv): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/start.ts'], {
    env,
    detached: true, // its own process group: next start, its server and the worker are stopped together
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let built = false;
  return new Promise<Started>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server printed no ready line in 20 minutes')), 20 * 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (/building the web app/.test(text)) built = true;
      const wasReady = READY_LINE.test(out);
      out = (out + text).slice(-50_000);
      if (!wasReady && READY_LINE.test(out)) {
        clearTimeout(timer);
        resolve({ child, startToReady: performance.now() - t0, output: () => out, built });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited before it was ready (${signal ?? `exit ${code}`})`));
    });
  });
}

async function bench() {
  let port = Number(process.env.BENCH_COLD_PORT ?? 3600);
  while (!(await portIsFree(port))) port++;
  const origin = `http://127.0.0.1:${port}`;
  for (const f of readdirSync('data')) if (f.startsWith('bench-cold.db')) rmSync(`data/${f}`, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATABASE_URL: `file:./${DB_FILE}`, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.PUBLIC_URL;
  delete env.ALLOWED_HOSTS;

  // `next build` adds its dist folder's types to tsconfig.json and next-env.d.ts; the tree is not ours to
  // change, so they are put back as they were (their times too, or scripts/start.ts would think the build stale).
  const kept = ['tsconfig.json', 'next-env.d.ts'].map((path) => ({ path, text: readFileSync(path, 'utf8'), stat: statSync(path) }));
  const restore = () => {
    for (const k of kept) {
      if (readFileSync(k.path, 'utf8') === k.text) continue;
      writeFileSync(k.path, k.text);
      utimesSync(k.path, k.stat.atime, k.stat.mtime);
      console.log(`[bench cold-start] ${k.path}, rewritten by next build, put back as it was`);
    }
  };

  let current: ChildProcess | null = null;
  const onSignal = () => void (current ? stopGroup(current) : Promise.resolve()).then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stops: string[] = [];
  try {
    // The first start: migrate, train and seed the demo, build when stale; an admin signs in.
    console.log(`[bench cold-start] port ${port}, ${DB_FILE}, ${DIST_DIR}: first start (seed, build when stale)…`);
    const first = await startServer(env);
    current = first.child;
    restore();
    console.log(`[bench cold-start] first start ready after ${(first.startToReady / 1000).toFixed(0)} s${first.built ? ' (a build included)' : ''}`);
    const password = randomBytes(18).toString('base64url');
    const created = spawnSync(process.execPath, ['bin/callsight.mjs', 'users', 'create', '--email', ADMIN_EMAIL, '--role', 'admin', '--password-stdin'], { env, input: `${password}\n`, encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`callsight users create failed: ${created.stderr || created.stdout}`);
    const signIn = await fetch(`${origin}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({ email: ADMIN_EMAIL, password }),
    });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('callsight.session_token='));
    if (signIn.status !== 200 || !cookie) throw new Error(`sign-in answered ${signIn.status} without a session cookie: ${(await signIn.text()).slice(0, 300)}`);

    const errors: Record<string, { count: number; example: string }> = {};
    /** One request; `into` gets ms from `t0` (the call by default) to the end of its answer. */
    const get = async (name: string, path: string, into: Map<string, number>, t0 = performance.now()) => {
      let status: string;
      let text = '';
      try {
        const html = !path.startsWith('/api/') && !path.startsWith('/v2/');
        const res = await fetch(`${origin}${path}`, { headers: { Cookie: cookie, Accept: html ? 'text/html' : 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        text = await res.text();
        status = String(res.status);
      } catch (e) {
        status = (e as Error).name === 'TimeoutError' ? 'timeout' : 'connection error';
        text = (e as Error).message;
      }
      into.set(name, performance.now() - t0);
      if (status !== '200') {
        const k = `${name}: ${status}`;
        errors[k] = { count: (errors[k]?.count ?? 0) + 1, example: errors[k]?.example ?? text.replace(/\s+/g, ' ').slice(0, 200) };
      }
    };
    /** The overview as the browser loads it; every figure in `into` is ms from the start. */
    const overview = async (into: Map<string, number>) => {
      const t0 = performance.now();
      await get(PAGE[0], PAGE[1], into, t0);
      await Promise.all(FIRST_WAVE.map(([n, p]) => get(n, p, into, t0)));
      into.set(FIGURES, performance.now() - t0);
      await Promise.all(SECOND_WAVE.map(([n, p]) => get(n, p, into, t0)));
      into.set(OVERVIEW, performance.now() - t0);
    };
    const click = async (into: Map<string, number>) => {
      const t0 = performance.now();
      for (const [n, p] of CLICK) await get(n, p, into, t0);
      into.set(CLICK_ALL, performance.now() - t0);
    };
    // The first process's figures are not counted (its index was built from the database, and the sign-in warmed it).
    await overview(new Map());
    stops.push(await stopGroup(first.child));
    current = null;

    type Mode = 'off' | 'on';
    interface Run {
      startToReady: number;
      cold: Map<string, number>;
      click: Map<string, number>;
      warm: Map<string, number>;
      /** the server's own lines about the warm-up */
      notes: string[];
    }
    const runs: Record<Mode, Run[]> = { off: [], on: [] };
    const load0 = readFileSync('/proc/loadavg', 'utf8').trim();
    const loads: number[] = [];
    let skipped = 0;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && (runs.off.length < RUNS || runs.on.length < RUNS); attempt++) {
      // turn about, so that whatever else the machine does falls on both alike
      const mode: Mode = runs.off.length <= runs.on.length ? 'off' : 'on';
      loads.push(loadAverage());
      const s = await startServer({ ...env, CALLSIGHT_WARM_UP: mode === 'on' ? '1' : '0' });
      current = s.child;
      restore();
      const cold = new Map<string, number>();
      await overview(cold);
      const clicked = new Map<string, number>();
      await click(clicked);
      const warm = new Map<string, number>();
      await overview(warm);
      stops.push(await stopGroup(s.child));
      current = null;
      const notes = s.output().split('\n').filter((l) => /warmed up|warm-up:|analytics index/.test(l)).map((l) => l.trim());
      if (s.built) {
        skipped++;
        console.log(`[bench cold-start] a start that had to build (the sources changed): not counted`);
        continue;
      }
      runs[mode].push({ startToReady: s.startToReady, cold, click: clicked, warm, notes });
      console.log(
        `[bench cold-start] warm-up ${mode} (${runs[mode].length}/${RUNS}): start → ready ${fmtMs(s.startToReady)}, ready → page ${fmtMs(cold.get(PAGE[0])!)}, → figures ${fmtMs(cold.get(FIGURES)!)}, → complete ${fmtMs(cold.get(OVERVIEW)!)}; first click ${fmtMs(clicked.get(CLICK_ALL)!)}; warm overview ${fmtMs(warm.get(OVERVIEW)!)}${notes.length ? `; server: ${notes.join(' | ')}` : ''}`,
      );
    }
    if (runs.off.length < RUNS || runs.on.length < RUNS) throw new Error(`only ${runs.off.length} + ${runs.on.length} starts without a build in ${MAX_ATTEMPTS} attempts`);
    const load1 = readFileSync('/proc/loadavg', 'utf8').trim();
    if (Object.keys(errors).length) console.log(`[bench cold-start] errors: ${JSON.stringify(errors)}`);

    const p50 = (xs: number[]) => percentile(xs, 50);
    const figure = (mode: Mode, pick: (r: Run) => number | undefined, agg: (xs: number[]) => number = p50) => agg(runs[mode].map((r) => pick(r) ?? NaN));
    const max = (xs: number[]) => Math.max(...xs);
    const rows: [string, (r: Run) => number | undefined, ((xs: number[]) => number)?][] = [
      ['process start → ready line, p50', (r) => r.startToReady],
      ['ready → overview page (HTML), p50', (r) => r.cold.get(PAGE[0])],
      [`ready → figures on screen (page + its first ${FIRST_WAVE.length} routes), p50`, (r) => r.cold.get(FIGURES)],
      [`**ready → overview complete, p50** (goal < ${fmtMs(GOAL_MS)})`, (r) => r.cold.get(OVERVIEW)],
      [`ready → overview complete, slowest of ${RUNS}`, (r) => r.cold.get(OVERVIEW), max],
      ['process start → overview complete, p50', (r) => r.startToReady + r.cold.get(OVERVIEW)!],
      ['first chart click after it (drill-down page + list), p50', (r) => r.click.get(CLICK_ALL)],
      ['the same overview again, warm, p50', (r) => r.warm.get(OVERVIEW)],
    ];
    const table = rows
      .map(([name, pick, agg]) => {
        const off = figure('off', pick, agg);
        const on = figure('on', pick, agg);
        return `| ${name} | ${fmtMs(off)} | ${name.startsWith('**') ? `**${fmtMs(on)}**` : fmtMs(on)} | ${ratio(on, off)} |`;
      })
      .join('\n');
    const goal = figure('on', (r) => r.cold.get(OVERVIEW));
    const goalFigures = figure('on', (r) => r.cold.get(FIGURES));
    const names = [PAGE[0], ...FIRST_WAVE.map((r) => r[0]), FIGURES, ...SECOND_WAVE.map((r) => r[0]), OVERVIEW];
    const notes = [...new Set(runs.on.flatMap((r) => r.notes.map((n) => n.replace(/\d[\d.,]* (ms|s)\b/g, '…'))))];
    const warmUpTimes = runs.on.flatMap((r) => r.notes.map((n) => n.match(/warmed up: .* in ([\d.]+) s/)?.[1]).filter(Boolean).map(Number));
    const indexTimes = runs.on.flatMap((r) => r.notes.map((n) => n.match(/index ready: .* in (\d+) ms/)?.[1]).filter(Boolean).map(Number));
    const cores = (await import('node:os')).cpus().length;
    const shared = Math.max(...loads) > cores;
    const body = `Command: \`npm run bench -- cold-start\` (bench/cold-start.ts; \`BENCH_COLD_RUNS\` sets how many starts of each kind, default 5), ${new Date().toISOString().slice(0, 10)}, ${machine()} (${cores} cores).

What is measured: the wait for the first overview after \`npm start\` says it is ready, with the warm-up and without it. The server \`npm start\` runs (scripts/start.ts on a fresh \`${DB_FILE}\`: the demo models trained and its 1,500 sample transcripts seeded, a build of its own in \`${DIST_DIR}\`, \`next start\` and one ingest worker) is started once to seed the database and sign an admin in (\`callsight users create --password-stdin\`, \`POST /api/auth/sign-in/email\`; the session lives in the database), then ${RUNS * 2} times more, one new process after another on that database (a restart: the analytics snapshot is on disk), turn about with the warm-up (the default) and without it (\`CALLSIGHT_WARM_UP=0\`: \`npm start\` prints its ready line on Next's "Ready", before the server has loaded a route or the index, as it did before the warm-up existed)${skipped ? `; ${skipped} start${skipped === 1 ? '' : 's'} that had to build first (the sources changed during the run) not counted` : ''}. In each, from the moment it prints "Callsight is running on …" (the ready line), this process loads the overview as the browser does with the demo layout and the default filters (last 30 days): the page's HTML, then its ${FIRST_WAVE.length} JSON routes at once (layout, filter options, KPIs, scope, the 4 breakdowns, the trend, the cross-tab, the saved views, the session): the figures are on screen; then the 4 estimated-share requests the model cards make once their counts are in: the overview is complete. Then the first chart click (a bar: the drill-down page, then its first page of transcripts), and the same overview again in the same process (warm). Every request is timed from the start of the overview.

| | without warm-up (as before) | with warm-up | with ÷ without |
|---|---|---|---|
${table}

Goal (issue 15: the first overview within ${fmtMs(GOAL_MS)} of ready): **${goal < GOAL_MS ? 'met' : 'not met'}** (complete ${fmtMs(goal)}, figures on screen ${fmtMs(goalFigures)}, p50). The warm-up (instrumentation.ts loads the analytics index as the server boots; scripts/warm-up.ts then asks for every page and route the overview and its first click use, and, with the demo key, the layout's breakdowns, the views and the transcripts once through /v2) moves work from after the ready line to before it: the server says it is ready later, and the first overview no longer waits for the code of its pages and routes, their first run, or the analytics index. It took ${warmUpTimes.length ? `${fmtMs(p50(warmUpTimes) * 1000)} (p50)` : '—'} per start, the index from its snapshot ${indexTimes.length ? `${fmtMs(p50(indexTimes))} (p50)` : '—'}; the server's own lines: ${notes.map((n) => `\`${n}\``).join(', ') || '—'}. ${shared ? `**The machine was shared**: the 1-minute load average reached ${Math.max(...loads).toFixed(2)} on ${cores} cores before a start (/proc/loadavg before the timed starts: ${load0}; after: ${load1}), so every figure includes time spent waiting for a core; the two columns ran turn about under the same conditions, so their ratio is the steadier comparison.` : `/proc/loadavg before the timed starts: ${load0}; after: ${load1}.`}

Each request of the cold overview with the warm-up, ms from the ready line to its answer (p50 and slowest of ${RUNS} starts), and without it:

| request | with warm-up p50 | with warm-up max | without p50 |
|---|---|---|---|
${names.map((n) => `| ${n === OVERVIEW || n === FIGURES ? `**${n}**` : n} | ${fmtMs(figure('on', (r) => r.cold.get(n)))} | ${fmtMs(figure('on', (r) => r.cold.get(n), max))} | ${fmtMs(figure('off', (r) => r.cold.get(n)))} |`).join('\n')}
${Object.keys(errors).length ? `\nErrors: ${Object.entries(errors).map(([k, v]) => `${k} (${v.count}×): \`${v.example.replace(/`/g, "'")}\``).join('; ')}\n` : '\nEvery request answered 200.\n'}
Servers stopped: ${[...new Set(stops)].join(', ')}.`;
    console.log(`\n${body}`);
    await writeSection('Cold start', body);
    if (!stops.every((s) => /^stopped|already/.test(s))) process.exitCode = 1;
  } finally {
    if (current) console.log(`[bench cold-start] server: ${await stopGroup(current)}`);
    restore();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

await bench();
