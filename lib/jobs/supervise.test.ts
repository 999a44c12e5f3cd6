import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { supervise } from './supervise';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('nothing restarts a dead worker (hardening, item 5)', () => {
  it('starts a child that exits again, with a growing delay, and says why', async () => {
    const lines: string[] = [];
    const s = supervise('worker 1', () => spawn(process.execPath, ['-e', 'process.exit(3)']), { log: (l) => lines.push(l), minDelayMs: 20, maxDelayMs: 80 });
    while (s.starts < 4) await sleep(20);
    await s.stop();
    expect(lines[0]).toMatch(/^worker 1 exited with code 3 after [\d.]+ s; starting it again in 0\.02 s$/);
    expect(lines.some((l) => /again in 0\.04 s/.test(l))).toBe(true);
    expect(lines.some((l) => /again in 0\.08 s/.test(l))).toBe(true);
    const startsAtStop = s.starts;
    await sleep(200);
    expect(s.starts).toBe(startsAtStop); // stopped means stopped
  });

  it('restarts a child killed with SIGKILL, and stop() ends a running one', async () => {
    const lines: string[] = [];
    const s = supervise('worker 2', () => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']), { log: (l) => lines.push(l), minDelayMs: 10 });
    while (!s.pid) await sleep(10);
    process.kill(s.pid, 'SIGKILL');
    while (s.starts < 2) await sleep(10);
    expect(lines[0]).toMatch(/^worker 2 was killed by SIGKILL/);
    while (!s.pid) await sleep(10);
    const pid = s.pid;
    await s.stop();
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
