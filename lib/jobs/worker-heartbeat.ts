import { hostname } from 'node:os';
import type { Db } from '@/lib/db';

/** How often a worker says it is alive, and after how long without a word it counts as gone. */
export const HEARTBEAT_MS = 10_000;
export const WORKER_GONE_MS = 60_000;

/**
 * Keeps a worker's row in WorkerHeartbeat fresh while it runs, and removes it
 * when it stops (a worker killed with SIGKILL leaves a row that simply goes
 * stale). `setActivity` says what it works on, for `npx callsight workers`.
 */
export function startHeartbeat(db: Db, owner: string, log: (l: string) => void) {
  let activity = 'idle';
  let stopped = false;
  // one write at a time, so the last one cannot land after stop() removed the row
  let last: Promise<void> = Promise.resolve();
  const beat = () => (last = last.then(write));
  const write = async () => {
    if (stopped) return;
    const now = new Date();
    try {
      await db.workerHeartbeat.upsert({
        where: { owner },
        create: { owner, host: hostname(), pid: process.pid, lastSeenAt: now, activity },
        update: { lastSeenAt: now, activity },
      });
    } catch (e) {
      log(`heartbeat failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const first = beat();
  const timer = setInterval(() => void beat(), HEARTBEAT_MS);
  timer.unref();
  return {
    ready: first,
    setActivity(a: string) {
      if (a === activity) return;
      activity = a.slice(0, 200);
      void beat();
    },
    async stop() {
      clearInterval(timer);
      await first;
      stopped = true;
      await last;
      await db.workerHeartbeat.deleteMany({ where: { owner } }).catch(() => {});
    },
  };
}

export interface LiveWorker {
  owner: string;
  host: string;
  pid: number;
  startedAt: Date;
  lastSeenAt: Date;
  activity: string;
  alive: boolean;
}

/** Workers seen in the last hour, newest first; `alive` if seen within WORKER_GONE_MS. Older rows are dropped. */
export async function listWorkers(db: Db, now = Date.now()): Promise<LiveWorker[]> {
  await db.workerHeartbeat.deleteMany({ where: { lastSeenAt: { lt: new Date(now - 3_600_000) } } });
  const rows = await db.workerHeartbeat.findMany({ orderBy: { lastSeenAt: 'desc' } });
  return rows.map((r) => ({ ...r, alive: now - r.lastSeenAt.getTime() <= WORKER_GONE_MS }));
}

/**
 * Work waiting with no live worker to do it: the dashboard's banner. Null when
 * nothing waits or a worker was seen within the last minute.
 */
export async function stalledWork(db: Db, now = Date.now()): Promise<{ waiting: string[]; lastSeenAt: Date | null } | null> {
  const [ingest, training, reclassify] = await Promise.all([
    db.ingestJob.count({ where: { status: { in: ['queued', 'running'] } } }),
    db.modelVersion.count({ where: { status: { in: ['queued', 'training'] } } }),
    db.reclassifyJob.count({ where: { status: { in: ['queued', 'running'] } } }),
  ]);
  if (!ingest && !training && !reclassify) return null;
  const last = await db.workerHeartbeat.findFirst({ orderBy: { lastSeenAt: 'desc' }, select: { lastSeenAt: true } });
  if (last && now - last.lastSeenAt.getTime() <= WORKER_GONE_MS) return null;
  const waiting = [
    ingest ? `${ingest} import${ingest === 1 ? '' : 's'}` : '',
    training ? `${training} training${training === 1 ? '' : 's'}` : '',
    reclassify ? `${reclassify} reclassification${reclassify === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return { waiting, lastSeenAt: last?.lastSeenAt ?? null };
}
