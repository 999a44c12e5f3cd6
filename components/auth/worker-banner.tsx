import { db } from '@/lib/db';
import { stalledWork } from '@/lib/jobs/worker-heartbeat';

/** Jobs queued with no worker seen for a minute: say so, and how to fix it, instead of a progress bar that never moves. */
export async function WorkerBanner() {
  const stalled = await stalledWork(db).catch(() => null);
  if (!stalled) return null;
  const since = stalled.lastSeenAt ? `No worker has been seen since ${stalled.lastSeenAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'No worker has been seen';
  return (
    <div className="notice error worker-banner" role="alert">
      {since}, and {stalled.waiting.join(', ')} {stalled.waiting.length === 1 && /^1 /.test(stalled.waiting[0]!) ? 'is' : 'are'} waiting. <code>npm start</code> runs a worker and restarts it if it dies;
      elsewhere start one with <code>npx callsight worker</code> (<code>npx callsight workers</code> lists the live ones).
    </div>
  );
}
