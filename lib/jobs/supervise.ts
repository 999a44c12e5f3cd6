import type { ChildProcess } from 'node:child_process';

export interface SuperviseOptions {
  log: (line: string) => void;
  /** first restart delay; doubles after each exit that came sooner than `healthyMs` after its start */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** a child that ran this long before exiting is restarted after `minDelayMs` again */
  healthyMs?: number;
}

/**
 * Keeps a child process running: when it exits (a crash, an out-of-memory
 * kill, a `kill -9`), says why and starts it again after a delay that grows
 * while it keeps dying young (1 s, 2 s, 4 s … up to a minute). `stop` ends it
 * for good.
 */
export function supervise(name: string, start: () => ChildProcess, options: SuperviseOptions) {
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 60_000;
  const healthyMs = options.healthyMs ?? 5 * 60_000;
  let delay = minDelay;
  let stopping = false;
  let child: ChildProcess | null = null;
  let timer: NodeJS.Timeout | null = null;
  let starts = 0;
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((r) => (resolveStopped = r));

  const run = () => {
    timer = null;
    if (stopping) return resolveStopped();
    const startedAt = Date.now();
    starts++;
    const c = start();
    child = c;
    c.once('exit', (code, signal) => {
      child = null;
      if (stopping) return resolveStopped();
      const ranMs = Date.now() - startedAt;
      delay = ranMs >= healthyMs ? minDelay : Math.min(maxDelay, starts === 1 ? minDelay : delay * 2);
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      options.log(`${name} ${why} after ${(ranMs / 1000).toFixed(1)} s; starting it again in ${(delay / 1000).toFixed(delay < 1000 ? 2 : 0)} s`);
      timer = setTimeout(run, delay);
    });
  };
  run();

  return {
    get starts() {
      return starts;
    },
    get pid() {
      return child?.pid;
    },
    /** Ends the child (and any pending restart); resolves when it has exited. */
    stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
      stopping = true;
      if (timer) {
        clearTimeout(timer);
        timer = null;
        resolveStopped();
      } else if (child) child.kill(signal);
      else resolveStopped();
      return stopped;
    },
  };
}
