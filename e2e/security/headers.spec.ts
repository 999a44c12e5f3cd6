import { expect, test, type APIResponse } from '@playwright/test';
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { apiKey, e2ePort, storageStateFile } from '../fixtures';
import { asRole, bearer, SESSION_COOKIE } from './helpers';

// The headers every answer carries, the pages' Content-Security-Policy (and a
// dashboard that works under it), and a Host the server does not serve.

const EVERY_RESPONSE = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin' };

function expectBaseHeaders(res: APIResponse, what: string) {
  for (const [name, value] of Object.entries(EVERY_RESPONSE)) expect(res.headers()[name], `${what}: ${name}`).toBe(value);
}

/** `script-src 'self' 'nonce-…'` → ["'self'", "'nonce-…'"] */
function directive(csp: string, name: string): string[] {
  const d = csp.split(';').map((s) => s.trim().split(/\s+/)).find(([n]) => n === name);
  return d ? d.slice(1) : [];
}

test('a page, an /api answer and a /v2 answer carry the security headers; a page its CSP with a fresh nonce', async ({ request }) => {
  const admin = await asRole('admin');
  const page = await admin.get('/');
  expect(page.status()).toBe(200);
  expectBaseHeaders(page, 'GET /');
  const csp = page.headers()['content-security-policy'] ?? '';
  const scripts = directive(csp, 'script-src');
  const nonce = scripts.find((s) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(s));
  expect(nonce, csp).toBeTruthy();
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"]);
  expect(directive(csp, 'object-src')).toEqual(["'none'"]);
  // Next.js put the nonce on every script it wrote into the page
  const html = await page.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  const value = nonce!.slice("'nonce-".length, -1);
  for (const tag of tags) expect(tag).toContain(`nonce="${value}"`);
  // a nonce is good for one answer only
  const again = (await admin.get('/')).headers()['content-security-policy'] ?? '';
  expect(directive(again, 'script-src').find((s) => s.startsWith("'nonce-"))).not.toBe(nonce);

  const api = await admin.get('/api/analytics/filter-options');
  expect(api.status()).toBe(200);
  expect(api.headers()['content-type']).toMatch(/^application\/json/);
  expectBaseHeaders(api, 'GET /api/analytics/filter-options');
  expectBaseHeaders(await request.get('/api/analytics/filter-options'), 'GET /api/… (401)');

  const v2 = await request.get('/v2/models', { headers: bearer() });
  expect(v2.status()).toBe(200);
  expectBaseHeaders(v2, 'GET /v2/models');
  expectBaseHeaders(await request.get('/sign-in'), 'GET /sign-in');
  await admin.dispose();
});

test.describe('the signed-in dashboard under its CSP', () => {
  test.use({ storageState: storageStateFile('admin') });

  test('loads the overview and opens the transcripts with no CSP violation', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    // drawn in the browser: the scripts ran
    await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Transcripts' }).click();
    await expect(page).toHaveURL(/\/transcripts/);
    const table = page.getByRole('region', { name: 'Transcripts' });
    await expect(table).toHaveAttribute('aria-busy', 'false');
    await expect(table.locator('tbody tr').first()).toBeVisible();

    const reported = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(reported).toEqual([]);
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

/** A raw request to 127.0.0.1 with a Host header of our choosing (a rebound DNS name). */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: e2ePort(), path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a request for another host name (DNS rebinding) gets 421 and no data, even with a session and a key', async () => {
  const state = JSON.parse(readFileSync(storageStateFile('admin'), 'utf8')) as { cookies: { name: string; value: string }[] };
  const session = state.cookies.find((c) => SESSION_COOKIE.test(c.name));
  expect(session).toBeTruthy();
  const credentials = { Cookie: `${session!.name}=${session!.value}`, Authorization: `Bearer ${apiKey()}` };
  const evil = `evil.example:${e2ePort()}`;

  for (const path of ['/', '/transcripts', '/api/transcripts?range=all', '/api/transcripts/export?range=all', '/v2/transcripts?range=all', '/v2/openapi.json']) {
    const res = await rawGet(path, { Host: evil, ...credentials });
    expect(res.status, path).toBe(421);
    expect(res.headers['content-type'], path).toMatch(/^application\/json/);
    const body = JSON.parse(res.body) as { error: { code: string; message: string } };
    expect(Object.keys(body).sort(), path).toEqual(['error', 'request_id']);
    expect(body.error.code, path).toBe('misdirected_request');
    expect(body.error.message, path).toContain('evil.example');
  }
  // the same requests for a name the server does serve are answered: the Host made the difference
  expect((await rawGet('/v2/transcripts?range=all&size=10', { Host: `localhost:${e2ePort()}`, ...credentials })).status).toBe(200);
});
