import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';

// Found while building a workspace through the API: POST /v2/models/{id}/examples
// answered 500 now and then while a worker ran. Its transaction read, then
// wrote; when another process (the worker's heartbeat) committed in between,
// SQLite refused the write at once (SQLITE_BUSY_SNAPSHOT: the busy timeout
// does not apply to a deferred transaction upgrading a stale snapshot).
const { db } = await import('@/lib/db');
const { env, isPostgresUrl } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');

const sqlite = !isPostgresUrl(env.DATABASE_URL);

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
});

/** Another process that inserts one row (waiting up to 10 s for the write lock); resolves when it has exited. */
function otherProcessWrites(path: string): { done: Promise<number | null> } {
  const script = `const D = require('better-sqlite3'); const c = new D(${JSON.stringify(path)}, { timeout: 10000 });
c.prepare('INSERT INTO "WorkerHeartbeat" ("owner", "host", "pid", "lastSeenAt") VALUES (?, ?, 1, CURRENT_TIMESTAMP)').run('other-' + process.pid, 'h'); c.close();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  return { done: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

describe.runIf(sqlite)('SQLite transactions', () => {
  it('a transaction that reads, then writes, survives another process committing in between (SQLITE_BUSY_SNAPSHOT)', async () => {
    const path = env.DATABASE_URL.replace(/^file:/, '');
    let other: { done: Promise<number | null> } | null = null;
    const created = await db.$transaction(
      async (tx) => {
        await tx.model.findMany({ select: { id: true } });
        // Another process writes now: it either commits at once (a deferred transaction) or waits for this one.
        other = otherProcessWrites(path);
        await Promise.race([other.done, new Promise((r) => setTimeout(r, 1500))]);
        return tx.model.create({ data: { name: 'Written after a read' }, select: { id: true } });
      },
      { timeout: 20_000 },
    );
    expect(created.id).toBeGreaterThan(0);
    expect(await other!.done).toBe(0);
    expect(await db.model.count({ where: { name: 'Written after a read' } })).toBe(1);
    expect(await db.workerHeartbeat.count({ where: { owner: { startsWith: 'other-' } } })).toBe(1);
  });
});
