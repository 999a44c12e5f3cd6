// npm start: migrate the database, train and load the demo data when missing
// (CALLSIGHT_DEMO=0: a team's own workspace, no demo models, samples or key),
// build when the sources changed, then serve the app, load the overview's code (scripts/warm-up.ts)
// and print a demo API key.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createDb } from '@/lib/db';
import { env } from '@/lib/env';
import { supervise } from '@/lib/jobs/supervise';
import { migrate } from '@/lib/migrate';
import { createApiKey } from '@/lib/server/keys/create-api-key';
import { revokeApiKeysByName } from '@/lib/server/keys/revoke-api-keys';
import { ensureLanguageModel, seedDemo } from '@/prisma/seed/seed-demo';
import { firstAdminLink } from '@/lib/server/users/users';
import { warmUp, warmUpWanted } from './warm-up';

const root = process.cwd();
const log = (line: string) => console.log(`[callsight] ${line}`);

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ['app', 'components', 'lib', 'public', 'next.config.mjs', 'package.json', 'tsconfig.json'];
  return sources.some((s) => newestMtime(join(root, s)) > built);
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const m = await migrate(env.DATABASE_URL);
  log(m.applied.length ? `database migrated: ${m.applied.join(', ')}` : 'database up to date');

  const db = createDb();
  const withDemo = process.env.CALLSIGHT_DEMO !== '0';
  if (withDemo) await seedDemo(db, log);
  else await ensureLanguageModel(db, log);
  // A fresh demo key every start: only its hash is stored, so the key of a
  // previous start cannot be shown again. Real clients use `npx callsight keys create`.
  await revokeApiKeysByName(db, 'demo');
  const demo = withDemo ? await createApiKey(db, { name: 'demo', createdBy: 'npm start', scopes: ['inference', 'read', 'ingest', 'models'] }) : null;
  // No default password: on a database with nobody in it, a one-time link creates the first admin.
  const setup = await firstAdminLink(db);
  await db.$disconnect();

  if (buildIsStale()) {
    log('building the web app (next build)…');
    const b = spawnSync(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'build'], { stdio: 'inherit', env: process.env });
    if (b.status !== 0) process.exit(b.status ?? 1);
  }

  const port = env.PORT;
  const server = spawn(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  let started = false;
  const announce = () => {
    const url = env.PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${port}`;
    console.log(`
  Callsight is running on ${url}
${
  setup
    ? `
  Nobody has an account yet. Create the first admin with this one-time link (valid until ${setup.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC):
  ${url}${setup.path}
`
    : ''
}
${
  demo
    ? `
  Demo API key (new at every start; create lasting keys with \`npx callsight keys create --name NAME\`):
  ${demo.key}

  Try it:
  curl -s ${url}/v2/models/inference \\
    -H "Authorization: Bearer ${demo.key}" -H "Content-Type: application/json" \\
    -d '{"texts":["I was charged 349 kr this month but my plan is 199 kr"],"model_settings":[{"model_id":42,"max_predictions":1},{"model_id":201}]}'
`
    : `
  No demo (CALLSIGHT_DEMO=0): create API keys with \`npx callsight keys create --name NAME --scopes …\`.
`
}`);
  };
  server.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!started && /Ready|started server/i.test(chunk.toString())) {
      started = true;
      // Next says "Ready" before it has loaded a single route: the overview's code is loaded
      // (and the analytics index, by instrumentation.ts) before we say so, so the first
      // overview answers at once. A failed warm-up is logged; the server serves regardless.
      // CALLSIGHT_WARM_UP=0 skips it (and the index load at boot): ready sooner, a slower first overview.
      if (!warmUpWanted()) announce();
      else
        void warmUp(`http://127.0.0.1:${port}`, { log, apiKey: demo?.key }).then(() => {
          if (server.exitCode === null && server.signalCode === null) announce();
        });
    }
  });
  // Ingest workers run as child processes (`npx callsight worker`), off the web
  // server's event loop; CALLSIGHT_WORKERS sets how many (0: none, run them elsewhere).
  // A worker that exits is started again (with a growing delay while it keeps dying young).
  const workerCount = Number(process.env.CALLSIGHT_WORKERS ?? 1);
  const workers = Array.from({ length: Number.isInteger(workerCount) && workerCount > 0 ? workerCount : 0 }, (_, i) =>
    supervise(
      `worker ${i + 1}`,
      () => spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', join(root, 'lib/cli/main.ts'), 'worker'], { stdio: ['ignore', 'inherit', 'inherit'], env: process.env }),
      { log },
    ),
  );
  const stop = (signal: NodeJS.Signals) => {
    for (const w of workers) void w.stop(signal);
    server.kill(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => {
    void Promise.all(workers.map((w) => w.stop('SIGTERM'))).then(() => process.exit(code ?? 0));
  });
}

main().catch((e: unknown) => {
  console.error('[callsight] start failed:', e);
  process.exit(1);
});
