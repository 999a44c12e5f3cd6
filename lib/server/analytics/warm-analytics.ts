import 'server-only';
import { env } from '@/lib/env';
import { warmFactIndex } from './fact-index';

/** How long the boot waits for the index before it lets requests in anyway (the load goes on in the background). */
export const WARM_WAIT_MS = 15_000;

export type WarmOutcome = { kind: 'ready'; transcripts: number; ms: number } | { kind: 'loading'; ms: number } | { kind: 'failed'; message: string };

/**
 * Loads the analytics index of DATABASE_URL as the server boots
 * (instrumentation.ts), so the first overview does not wait for it: from
 * its snapshot a restart takes a fraction of a second; with no snapshot (the
 * first start after an upgrade) the index is built from the database, which
 * at a million transcripts takes half a minute, so the boot waits at most
 * `waitMs` and the load finishes in the background (a request arriving
 * meanwhile waits for that same load, as it would have loaded it itself).
 * Never throws: a database that cannot be read yet (not migrated, not
 * reachable) is logged, and the first request that needs the index tries again.
 */
export async function warmAnalytics({ url = env.DATABASE_URL, waitMs = WARM_WAIT_MS, log = console }: { url?: string; waitMs?: number; log?: Pick<Console, 'log' | 'warn'> } = {}): Promise<WarmOutcome> {
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  let load: Promise<WarmOutcome>;
  try {
    load = warmFactIndex(url).then(
      (index): WarmOutcome => ({ kind: 'ready', transcripts: index.n, ms: elapsed() }),
      (e: unknown): WarmOutcome => ({ kind: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
  } catch (e) {
    // opening the reader can throw at once (no database file yet)
    load = Promise.resolve({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<WarmOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'loading', ms: elapsed() }), waitMs);
    timer.unref();
  });
  const outcome = await Promise.race([load, waited]);
  clearTimeout(timer);
  const report = (o: WarmOutcome) => {
    if (o.kind === 'ready') log.log(`[callsight] analytics index ready: ${o.transcripts.toLocaleString('en')} transcripts in ${o.ms} ms`);
    else if (o.kind === 'failed') log.warn(`[callsight] analytics index not loaded at start (${o.message}); the first request that needs it will load it`);
  };
  if (outcome.kind === 'loading') {
    log.log(`[callsight] analytics index still loading after ${Math.round(outcome.ms / 1000)} s; it goes on in the background`);
    void load.then(report);
  } else report(outcome);
  return outcome;
}
