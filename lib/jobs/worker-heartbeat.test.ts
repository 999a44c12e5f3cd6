import { beforeAll, describe, expect, it } from 'vitest';

// Integration: workers say they are alive in the database, so the dashboard can
// tell a queue that waits for nobody, and `npx callsight workers` can list them.
const { db } = await import('@/lib/db');
const { env } = await import('@/lib/env');
const { migrate } = await import('@/lib/migrate');
const { startHeartbeat, listWorkers, stalledWork, WORKER_GONE_MS } = await import('./worker-heartbeat');
const { runWorker } = await import('./worker');
const { createModel } = await import('@/lib/server/models/create-model');
const { addExamples } = await import('@/lib/server/examples/add-examples');
const { queueTraining } = await import('@/lib/server/training/queue-training');

beforeAll(async () => {
  await migrate(env.DATABASE_URL);
});

describe('worker heartbeats (hardening, item 5)', () => {
  it('a worker is listed while it runs and gone when it stops', async () => {
    const hb = startHeartbeat(db, 'host-a:1:test', () => {});
    await hb.ready;
    hb.setActivity('job ij_1');
    await new Promise((r) => setTimeout(r, 50));
    expect(await listWorkers(db)).toEqual([expect.objectContaining({ owner: 'host-a:1:test', alive: true, activity: 'job ij_1' })]);
    // seen more than a minute ago: listed, not alive
    expect((await listWorkers(db, Date.now() + WORKER_GONE_MS + 1000))[0]?.alive).toBe(false);
    await hb.stop();
    expect(await listWorkers(db)).toEqual([]);
  });

  it('queued work with no live worker is reported, and not once a worker is seen', async () => {
    const m = await createModel(db, { name: 'Heartbeat', labels: [{ name: 'A' }, { name: 'B' }] });
    await addExamples(db, m.id, ['a one', 'a two', 'a three', 'b one', 'b two', 'b three'].map((t) => ({ text: t, labels: [t[0] === 'a' ? 'A' : 'B'] })), { source: 'upload' });
    await queueTraining(db, m.id, {});
    expect(await stalledWork(db)).toEqual({ waiting: ['1 training'], lastSeenAt: null });
    const hb = startHeartbeat(db, 'host-b:2:test', () => {});
    await hb.ready;
    expect(await stalledWork(db)).toBeNull();
    await hb.stop();
    // a real worker takes the training and leaves no row behind
    const stats = await runWorker({ exitWhenIdle: true });
    expect(stats.trainings).toBe(1);
    expect(await stalledWork(db)).toBeNull();
    expect(await listWorkers(db)).toEqual([]);
  });
});
