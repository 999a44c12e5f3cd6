import { env } from '@/lib/env';
import { runWorker } from '@/lib/jobs/worker';
import { migrate } from '@/lib/migrate';

export const WORKER_USAGE = `worker                                    work on ingest jobs until stopped (SIGINT/SIGTERM); run several to share the work`;

/** `npx callsight worker`: one more worker loop against the database; stops cleanly on SIGINT or SIGTERM. */
export async function workerCommand(): Promise<void> {
  await migrate(env.DATABASE_URL);
  const stop = new AbortController();
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => stop.abort());
  console.error(`[worker ${process.pid}] working on ingest jobs (${withoutPassword(env.DATABASE_URL)})`);
  const stats = await runWorker({ signal: stop.signal, log: (l) => console.error(`[worker ${process.pid}] ${l}`) });
  console.error(`[worker ${process.pid}] stopped after ${stats.chunks} chunks, ${stats.rows} rows`);
}

/** A postgresql:// URL carries the password: never print it. */
function withoutPassword(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return url;
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
