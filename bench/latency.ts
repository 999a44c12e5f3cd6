// Latency of POST /v2/models/inference: 8 transcripts × 4 models against
// 8 × 1 model, server-side (the handler's work) and over HTTP (next start).
// Run: npm run bench -- latency   (writes docs/benchmarks.md "Inference latency")
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { machine, ms, percentile, writeSection } from './stats';

const DB = 'file:./data/bench-latency.db';
process.env.DATABASE_URL = DB;
const PORT = 3211;
const ITER = Number(process.env.BENCH_ITER ?? 400);

const { db } = await import('@/lib/db');
const { migrate } = await import('@/lib/migrate');
const { seedDemo } = await import('@/prisma/seed/seed-demo');
const { createApiKey } = await import('@/lib/server/keys/create-api-key');
const { runInference } = await import('@/lib/server/inference/run-inference');
const { generateTranscripts } = await import('@/prisma/seed/demo/generate');

for (const f of ['data/bench-latency.db', 'data/bench-latency.db-wal', 'data/bench-latency.db-shm']) rmSync(f, { force: true });
await migrate(DB);
await seedDemo(db, (l) => console.error(l), { sampleCount: 0 });
const key = (await createApiKey(db, { name: 'bench' })).key;

const texts = generateTranscripts(8, 99).map((t) => t.text.slice(0, 10_000));
const avgChars = Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length);
const FOUR = [{ model_id: 42, max_predictions: 1 }, { model_id: 87, max_predictions: 2 }, { model_id: 156, max_predictions: 3 }, { model_id: 201 }];
const cases = [
  { name: '8 × 4 models (42, 87, 156, 201)', settings: FOUR },
  ...FOUR.map((s) => ({ name: `8 × 1 model (${s.model_id})`, settings: [s] })),
];

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 30; i++) await fn(); // warm-up: JIT, model cache
  const samples: number[] = [];
  for (let i = 0; i < ITER; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

const server: Record<string, { p50: number; p99: number }> = {};
for (const c of cases) server[c.name] = await time(() => runInference(db, { texts, model_settings: c.settings }));

// Over HTTP: the production server on its own port and the same database.
// A build of its own, always fresh, so the numbers are of the code in the tree.
const distDir = '.next-bench';
const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_DIST_DIR: distDir } });
if (build.status !== 0) throw new Error('next build failed');
const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(PORT)], {
  env: { ...process.env, NEXT_DIST_DIR: distDir, DATABASE_URL: DB, NEXT_TELEMETRY_DISABLED: '1', RATE_LIMIT_PER_MINUTE: '100000000' },
  stdio: 'ignore',
});
const http: Record<string, { p50: number; p99: number }> = {};
try {
  for (let i = 0; ; i++) {
    try {
      await fetch(`http://127.0.0.1:${PORT}/v2/models`);
      break;
    } catch {
      if (i > 300) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  for (const c of cases) {
    const body = JSON.stringify({ texts, model_settings: c.settings });
    http[c.name] = await time(async () => {
      const res = await fetch(`http://127.0.0.1:${PORT}/v2/models/inference`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body,
      });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    });
  }
} finally {
  child.kill('SIGTERM');
}
await db.$disconnect();

const singles = cases.slice(1).map((c) => c.name);
const slowest = (t: Record<string, { p50: number; p99: number }>) => singles.reduce((a, n) => ((t[n]?.p50 ?? 0) > (t[a]?.p50 ?? 0) ? n : a));
const sumOf = (t: Record<string, { p50: number; p99: number }>) => singles.reduce((a, n) => a + (t[n]?.p50 ?? 0), 0);
const rows = cases.map((c) => `| ${c.name} | ${ms(server[c.name]!.p50)} | ${ms(server[c.name]!.p99)} | ${ms(http[c.name]!.p50)} | ${ms(http[c.name]!.p99)} |`);
const four = cases[0]!.name;
const ratio = (t: Record<string, { p50: number; p99: number }>) => (t[four]!.p50 / t[slowest(t)]!.p50).toFixed(2);
const body = `Command: \`npm run bench -- latency\` (bench/latency.ts), ${new Date().toISOString().slice(0, 10)}, ${machine()}.
8 generated transcripts of ${avgChars.toLocaleString('en')} characters on average per request; ${ITER} sequential requests per row after 30 warm-up requests.
Server-side = \`runInference\` (validation done, model lookup, features, all models); HTTP = \`next start\` on loopback, including auth, JSON and the rate limiter.

| request | server p50 | server p99 | HTTP p50 | HTTP p99 |
|---|---|---|---|---|
${rows.join('\n')}

The four-model request costs **${ratio(server)}×** the slowest single model server-side (${ratio(http)}× over HTTP).
Sending the four single-model requests one after another would cost the sum of their p50s, ${ms(sumOf(server))} server-side,
${(sumOf(server) / server[four]!.p50).toFixed(2)}× the four-model request: each text is tokenized, hashed and looked up once for all
models trained on the same corpus, and each model only adds its own weight rows.`;
console.log(body);
await writeSection('Inference latency', body);
