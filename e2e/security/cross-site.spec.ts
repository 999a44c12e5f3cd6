import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { baseURL, storageStateFile } from '../fixtures';
import { asRole, bearer, SESSION_COOKIE } from './helpers';

// Another site on this machine (127.0.0.1, another port: the same *site* as the
// app, so the browser sends its SameSite=Lax cookie along) tries to make a
// signed-in admin's browser change things, and to frame the dashboard. Real
// Chromium, the admin's real session; the server must refuse all of it.

test.use({ storageState: storageStateFile('admin') });

let server: Server;
let attacker = '';
const pages = new Map<string, string>();

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const html = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  attacker = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

test('forms and fetches from another origin change nothing, though they carry the session cookie', async ({ page, request }) => {
  const app = baseURL();
  const marker = `Pwned ${Date.now().toString(36)}`;
  const since = new Date(Date.now() - 1000).toISOString();

  // a transcript with a model 42 prediction, and a label that would change it
  const list = await (await request.get('/v2/transcripts?range=all&size=10', { headers: bearer() })).json();
  const id: number = list.transcripts[0].id;
  const before = await (await request.get(`/v2/transcripts/${id}`, { headers: bearer() })).json();
  const current = before.predictions.find((p: { model_id: number }) => p.model_id === 42);
  expect(current).toBeTruthy();
  const labels: string[] = (await (await request.get('/v2/models/42', { headers: bearer() })).json()).labels.map((l: { name: string }) => l.name);
  const other = labels.find((l) => l !== current.label && l !== current.correction?.label)!;
  expect(other).toBeTruthy();

  const model = { name: marker, question: 'Who asked?', labels: [{ name: 'A' }, { name: 'B' }] };
  // text/plain form: name + "=" + value reads as JSON on the other side
  const formName = JSON.stringify({ ...model, pad: '' }).slice(0, -2);
  const formValue = '"}';
  pages.set(
    '/fetches',
    `<!doctype html><html><body><h1>Loading…</h1>
<script>
const app = ${JSON.stringify(app)};
const settle = (p) => p.then((r) => r.type + ':' + r.status, (e) => 'error:' + e.name);
window.results = Promise.all([
  settle(fetch(app + '/api/models/42/transcripts/${id}/correction', { method: 'POST', mode: 'no-cors', credentials: 'include', body: JSON.stringify({ label: ${JSON.stringify(other)} }) })),
  settle(fetch(app + '/api/models/42', { method: 'POST', mode: 'no-cors', credentials: 'include', body: JSON.stringify({ name: ${JSON.stringify(marker)} }) })),
  settle(fetch(app + '/api/models', { method: 'POST', mode: 'cors', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(${JSON.stringify(model)}) })),
  settle(fetch(app + '/api/models/42', { method: 'PATCH', mode: 'cors', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: ${JSON.stringify(marker)} }) })),
]);
</script></body></html>`,
  );
  // a top-level form post (no frame needed: the attacker does not care to see the answer)
  pages.set(
    '/form',
    `<!doctype html><html><body><h1>Claim your prize</h1>
<form id="f" method="POST" enctype="text/plain" action="${app}/api/models"><input type="hidden" name="${attr(formName)}" value="${attr(formValue)}"></form>
<script>document.getElementById('f').submit();</script>
</body></html>`,
  );

  // What each fetch really carried and what the server answered, from the
  // DevTools protocol: a no-cors answer that Cross-Origin-Resource-Policy
  // blocks never reaches Playwright's response events, but its raw response
  // reaches these. (The extra-info events may come before or after the
  // request's own: kept apart, joined when read.)
  const sent = new Map<string, { method: string; url: string }>();
  const headersOf = new Map<string, Record<string, string>>();
  const statusOf = new Map<string, number>();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.startsWith(`${app}/`)) sent.set(e.requestId, { method: e.request.method, url: e.request.url });
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => headersOf.set(e.requestId, Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), String(v)]))));
  cdp.on('Network.responseReceivedExtraInfo', (e) => statusOf.set(e.requestId, e.statusCode));

  await page.goto(`${attacker}/fetches`);
  const results: string[] = await page.evaluate(() => (window as unknown as { results: Promise<string[]> }).results);
  // the page learns nothing: a no-cors answer is opaque (or blocked outright by
  // Cross-Origin-Resource-Policy), and the CORS ones never get past the preflight
  for (const r of results.slice(0, 2)) expect(['opaque:0', 'error:TypeError']).toContain(r);
  expect(results.slice(2)).toEqual(['error:TypeError', 'error:TypeError']);

  const writes = () =>
    [...sent]
      .filter(([, r]) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method))
      .map(([id, r]) => ({ ...r, headers: headersOf.get(id) ?? {}, status: statusOf.get(id) }));
  const path = (w: { method: string; url: string }) => `${w.method} ${w.url.slice(app.length)}`;
  // the two no-cors posts went out and were answered...
  await expect.poll(() => writes().filter((w) => w.status !== undefined).length).toBe(2);
  const answered = writes().filter((w) => w.status !== undefined);
  expect(answered.map(path)).toEqual([`POST /api/models/42/transcripts/${id}/correction`, 'POST /api/models/42']);
  for (const w of answered) {
    // the browser did send the admin's cookie: only the server's origin check stands in the way
    expect(w.headers['cookie'] ?? '', path(w)).toMatch(/callsight\.session_token=/);
    expect(w.headers['sec-fetch-site'], path(w)).toBe('same-site');
    expect(w.status, path(w)).toBe(403);
  }
  // ...the CORS ones never left the browser: their preflight got no CORS approval
  expect(writes().filter((w) => w.status === undefined).map(path)).toEqual(['POST /api/models', 'PATCH /api/models/42']);
  await cdp.detach();

  const formAnswer = page.waitForResponse((r) => r.url() === `${app}/api/models` && r.request().method() === 'POST');
  await page.goto(`${attacker}/form`);
  const answer = await formAnswer;
  const sentWith = await answer.request().allHeaders();
  expect(sentWith['cookie'] ?? '').toMatch(/callsight\.session_token=/);
  expect(sentWith['sec-fetch-site']).toBe('same-site');
  expect(sentWith['content-type']).toMatch(/^text\/plain/);
  // the body really was JSON-looking text/plain
  expect(JSON.parse(answer.request().postData() ?? '')).toMatchObject({ name: marker });
  expect(answer.status()).toBe(403);
  expect((await answer.json()).error.code).toBe('forbidden');

  // nothing changed, through the API
  const models = (await (await request.get('/v2/models', { headers: bearer() })).json()).models as { id: number; name: string }[];
  expect(models.map((m) => m.name)).not.toContain(marker);
  expect(models.find((m) => m.id === 42)?.name).toBe('Product');
  const after = await (await request.get(`/v2/transcripts/${id}`, { headers: bearer() })).json();
  expect({ ...after, request_id: null }).toEqual({ ...before, request_id: null });

  // and nothing in the audit log
  const admin = await asRole('admin');
  const audit = await admin.get(`/api/audit?since=${encodeURIComponent(since)}&limit=500`);
  expect(audit.status()).toBe(200);
  const events = (await audit.json()).events as { action: string }[];
  expect(events.filter((e) => ['model.create', 'model.update', 'prediction.correct'].includes(e.action))).toEqual([]);
  expect(JSON.stringify(events)).not.toContain(marker);
  await admin.dispose();
});

test('another site cannot frame the dashboard', async ({ page, context }) => {
  const app = baseURL();
  expect((await context.cookies(app)).some((c) => SESSION_COOKIE.test(c.name))).toBe(true);
  pages.set('/frame', `<!doctype html><html><body><h1>Win a prize</h1><iframe id="victim" src="${app}/" width="1200" height="800"></iframe></body></html>`);

  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  const framed = page.waitForResponse((r) => r.url() === `${app}/` && r.frame() !== page.mainFrame());
  await page.goto(`${attacker}/frame`);
  const response = await framed;

  // the server answered the signed-in admin's page, and told the browser not to frame it
  expect(response.status()).toBe(200);
  const headers = await response.allHeaders();
  expect(headers['content-security-policy']).toMatch(/(^|;)\s*frame-ancestors 'none'\s*(;|$)/);
  expect(headers['x-frame-options']).toBe('DENY');

  // and Chromium did not show it: the frame holds Chromium's error page, not the dashboard
  const frame = page.frames().find((f) => f !== page.mainFrame());
  await expect.poll(() => frame?.url()).not.toBe(`${app}/`);
  expect(frame?.url()).not.toMatch(new RegExp(`^${app}`));
  await expect.poll(() => messages.join('\n')).toMatch(/frame-ancestors|X-Frame-Options/);
});
