import { runWorker } from '@/lib/jobs/worker';
import { InputError } from './read-jsonl';

// What the model studio's commands share: option checks, a database for the
// command's lifetime, and waiting for background work by working on it.

export function requireOption(values: Record<string, unknown>, name: string, usage: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v.trim()) throw new InputError(`--${name} is required.\nUsage: npx callsight ${usage}`);
  return v.trim();
}

export function idOption(values: Record<string, unknown>, name: string, usage: string): number {
  const raw = requireOption(values, name, usage);
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new InputError(`--${name} must be a positive integer id, got "${raw}".`);
  return n;
}

export function intOption(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new InputError(`--${name} must be a whole number, got "${raw}".`);
  return n;
}

export { withDb as withStudioDb } from './with-db';

/**
 * Runs a worker loop in this process (beside `npm start`'s workers or any
 * other) until `check` says the awaited job is finished, whoever worked on it.
 * `check` is polled every 250 ms and may report progress.
 */
export async function workUntil(check: () => Promise<boolean>, log?: (line: string) => void): Promise<void> {
  let finished = false;
  let polling = false;
  const poll = setInterval(() => {
    if (polling) return;
    polling = true;
    void check()
      .then((done) => {
        finished ||= done;
      })
      .finally(() => {
        polling = false;
      });
  }, 250);
  try {
    finished = await check();
    if (!finished) await runWorker({ until: () => finished, log });
  } finally {
    clearInterval(poll);
  }
}

export const round = (x: number | null, d = 4) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);
