// Where a benchmark's time went, read from /proc (Linux): CPU seconds of a
// process and of a process tree (a PostgreSQL server and its backends), how
// long a thread sat runnable with no free core, and the whole machine's CPU,
// so a run can say how much of the machine it had.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat and /proc/stat (almost always 100). */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces): [0] is field 3, state. */
function statFields(pid: number): string[] | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

const num = (f: string[], i: number) => Number(f[i] ?? 0);

export interface ProcessTimes {
  /** user + system CPU seconds of every thread of the process */
  cpu: number;
  /** the main thread: seconds on a core, and seconds runnable but waiting for one (/proc/<pid>/schedstat) */
  mainOnCore: number;
  mainWaitingForCore: number;
}

/** CPU time of a live process; null once it has exited. */
export function processTimes(pid: number): ProcessTimes | null {
  const f = statFields(pid);
  if (!f) return null;
  let onCore = NaN;
  let waiting = NaN;
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    onCore = (run ?? NaN) / 1e9;
    waiting = (wait ?? NaN) / 1e9;
  } catch {
    // schedstat needs CONFIG_SCHED_INFO; without it the split is unknown, not zero
  }
  return { cpu: (num(f, 11) + num(f, 12)) / TICKS, mainOnCore: onCore, mainWaitingForCore: waiting };
}

/**
 * CPU seconds of a process and all its descendants, the ones that exited
 * included (the kernel adds a reaped child's time to its parent's cutime and
 * cstime). For a PostgreSQL server: the postmaster's pid.
 */
export function treeCpuSeconds(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(Number(name));
    if (!f) continue;
    const ppid = num(f, 1);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const own = (pid: number) => {
    const f = statFields(pid);
    return f ? (num(f, 11) + num(f, 12) + num(f, 13) + num(f, 14)) / TICKS : 0;
  };
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += own(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface MachineTimes {
  /** CPU seconds spent busy (user, nice, system, irq, softirq), summed over cores */
  busy: number;
  /** CPU seconds the hypervisor gave to someone else (steal) */
  steal: number;
}

export function machineTimes(): MachineTimes {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
  return { busy: (user + nice + system + irq + softirq) / TICKS, steal: steal / TICKS };
}

/** Peak resident memory of a live process in MiB (VmHWM), NaN once it has exited. */
export function peakRssMiB(pid: number): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The 1-minute load average, for the record of how busy the machine was. */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
