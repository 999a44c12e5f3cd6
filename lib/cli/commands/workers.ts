import { listWorkers } from '@/lib/jobs/worker-heartbeat';
import { withDb } from '../with-db';

export const WORKERS_USAGE = `workers [--json]                          list workers seen in the last hour (live: seen within a minute) and what each is doing`;

/** `npx callsight workers`: the workers' heartbeats, from any machine that reaches the database. */
export async function workersCommand(options: { json?: boolean }): Promise<void> {
  const workers = await withDb((db) => listWorkers(db));
  if (options.json) {
    console.log(JSON.stringify(workers.map((w) => ({ ...w, startedAt: w.startedAt.toISOString(), lastSeenAt: w.lastSeenAt.toISOString() }))));
    return;
  }
  if (!workers.length) {
    console.log('No worker has been seen in the last hour. `npm start` runs one; elsewhere run `npx callsight worker`.');
    return;
  }
  const now = Date.now();
  const rows = workers.map((w) => [w.alive ? 'live' : 'gone', `${w.host}:${w.pid}`, `${Math.round((now - w.lastSeenAt.getTime()) / 1000)} s ago`, w.startedAt.toISOString().slice(0, 19).replace('T', ' '), w.activity]);
  const head = ['state', 'worker', 'last seen', 'started (UTC)', 'doing'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
}
