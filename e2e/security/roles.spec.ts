import { expect, test, type APIRequestContext } from '@playwright/test';
import { createKey, E2E_ROLES, SPEC_EXAMPLE, type TE2eRole } from '../fixtures';
import { asRole, bearer, expectErrorJson } from './helpers';

// What each role may do, over HTTP with each role's stored session, and what a
// key's scopes allow. A refusal is a 403 that says what is missing.

const ctx = {} as Record<TE2eRole, APIRequestContext>;

test.beforeAll(async () => {
  for (const role of E2E_ROLES) ctx[role] = await asRole(role);
});

test.afterAll(async () => {
  for (const role of E2E_ROLES) await ctx[role]?.dispose();
});

const EXPORT = '/api/transcripts/export?range=all';
const newModel = () => ({ name: `Role check ${Date.now().toString(36)}`, question: 'Is this allowed?', labels: [{ name: 'Yes' }, { name: 'No' }] });

/** A 403 whose message names the role and what it cannot do. */
async function expectForbidden(res: Awaited<ReturnType<APIRequestContext['get']>>, role: TE2eRole, cannot: RegExp) {
  const error = await expectErrorJson(res, 403, 'forbidden');
  expect(error.message).toContain(`(${role})`);
  expect(error.message).toMatch(cannot);
  expect(error.details[0]?.path).toBe('role');
}

test('every role reads the dashboard', async () => {
  for (const role of E2E_ROLES) {
    const res = await ctx[role].get('/api/analytics/filter-options');
    expect(res.status(), role).toBe(200);
  }
});

test('a viewer can neither export, upload nor create a model', async () => {
  const v = ctx.viewer;
  await expectForbidden(await v.get(EXPORT), 'viewer', /export transcripts/);
  await expectForbidden(await v.post('/api/uploads?file_name=calls.csv', { headers: { 'Content-Type': 'application/octet-stream' }, data: Buffer.from('id,transcript\n1,hello\n') }), 'viewer', /upload transcripts/);
  await expectForbidden(await v.post('/api/models', { data: newModel() }), 'viewer', /create, train and promote models/);
});

test('a labeler works the labeling queue but can neither train nor export', async () => {
  const l = ctx.labeler;
  const queue = await l.get('/api/models/42/queue');
  expect(queue.status()).toBe(200);
  expect(Array.isArray((await queue.json()).items)).toBe(true);
  await expectForbidden(await l.post('/api/models/42/versions', { data: {} }), 'labeler', /create, train and promote models/);
  await expectForbidden(await l.get(EXPORT), 'labeler', /export transcripts/);
});

test('an analyst exports, but the admin pages are closed to them; an admin opens them', async () => {
  const res = await ctx.analyst.get(EXPORT);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/csv/);
  for (const path of ['/api/users', '/api/keys', '/api/audit']) {
    await expectForbidden(await ctx.analyst.get(path), 'analyst', /manage people, API keys and settings/);
    expect((await ctx.admin.get(path)).status(), `admin GET ${path}`).toBe(200);
  }
});

test('a key scoped to inference runs inference and reads nothing; a read key the opposite', async ({ request }) => {
  const inference = createKey(`e2e-inference-${Date.now().toString(36)}`, ['inference']);
  const read = createKey(`e2e-read-${Date.now().toString(36)}`, ['read']);

  const ran = await request.post('/v2/models/inference', { headers: bearer(inference), data: SPEC_EXAMPLE });
  expect(ran.status()).toBe(200);
  expect((await ran.json()).results).toHaveLength(4);
  const noRead = await expectErrorJson(await request.get('/v2/transcripts?range=all', { headers: bearer(inference) }), 403, 'forbidden');
  expect(noRead.message).toContain('`read`');
  expect(noRead.details[0]).toEqual({ path: 'scope', message: expect.stringContaining('read') });

  const list = await request.get('/v2/transcripts?range=all&size=10', { headers: bearer(read) });
  expect(list.status()).toBe(200);
  expect((await list.json()).transcripts.length).toBeGreaterThan(0);
  const noInference = await expectErrorJson(await request.post('/v2/models/inference', { headers: bearer(read), data: SPEC_EXAMPLE }), 403, 'forbidden');
  expect(noInference.message).toContain('`inference`');
  expect(noInference.details[0]).toEqual({ path: 'scope', message: expect.stringContaining('inference') });
});
