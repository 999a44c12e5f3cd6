// npm run bench [-- name …]: runs the benchmarks one after another, each in its
// own process so one's memory and JIT state do not colour the next.
import { spawnSync } from 'node:child_process';

const ALL = ['engine', 'demo-models', 'latency', 'ingest', 'hostile-upload', 'load', 'dashboard', 'learning-curve', 'studio', 'scope', 'quantification', 'redact', 'cold-start', 'long-text'] as const;
/** Old names that still work: dashboard measures SQLite and PostgreSQL side by side in one run. */
const ALIASES: Record<string, (typeof ALL)[number]> = { 'dashboard-postgres': 'dashboard' };
const chosen = process.argv.slice(2).filter((a) => a !== '--');
const names = [...new Set((chosen.length ? chosen : [...ALL]).map((n) => ALIASES[n] ?? n))];
for (const name of names) {
  if (!(ALL as readonly string[]).includes(name)) {
    console.error(`Unknown benchmark "${name}". Known: ${ALL.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== bench/${name}.ts`);
  const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', `bench/${name}.ts`], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
