import { expect, request as http, test } from '@playwright/test';
import { baseURL } from '../fixtures';
import { appRoutes, type TPageRoute, type THandlerRoute } from './app-routes';
import { existingIds, expectErrorJson } from './helpers';

// Without a session (and without an API key), every page but sign-in and setup
// sends the browser to sign in, and every route of /api and /v2 refuses with
// the error JSON alone. The routes are read from app/ now, so none is forgotten.

const PUBLIC_PAGES = ['/sign-in', '/setup'];
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

let pages: TPageRoute[] = [];
let handlers: THandlerRoute[] = [];

test.beforeAll(async () => {
  const client = await http.newContext({ baseURL: baseURL() });
  ({ pages, handlers } = appRoutes(await existingIds(client)));
  await client.dispose();
});

test('the app tree is read: pages, /api and /v2 routes, each route with its methods', () => {
  expect(pages.map((p) => p.url)).toEqual(expect.arrayContaining(['/', '/sign-in', '/setup', '/transcripts', '/models/42']));
  expect(pages.some((p) => /^\/transcripts\/\d+$/.test(p.url))).toBe(true);
  expect(pages.every((p) => !p.url.includes('(') && !p.url.includes('['))).toBe(true);
  for (const h of handlers) expect(h.methods, `${h.file} exports no HTTP method this test recognizes`).not.toEqual([]);
  expect(handlers.find((h) => h.url === '/v2/transcripts')?.methods).toContain('GET');
  expect(handlers.find((h) => h.url === '/api/auth/e2e-any-path')?.methods).toEqual(['GET', 'POST']);
  expect(handlers.find((h) => h.url === '/v2/models/inference')?.methods).toEqual(['POST']);
});

test('every page but sign-in and setup redirects to sign-in, keeping where it was going', async ({ request }) => {
  for (const { url } of pages) {
    const res = await request.get(url, { maxRedirects: 0 });
    if (PUBLIC_PAGES.includes(url)) {
      expect(res.status(), url).toBe(200);
      continue;
    }
    expect([302, 303, 307, 308], url).toContain(res.status());
    const to = new URL(res.headers()['location'] ?? '', baseURL());
    expect(to.origin, url).toBe(baseURL());
    expect(to.pathname, url).toBe('/sign-in');
    if (url !== '/') expect(to.searchParams.get('next'), url).toBe(url);
    expect(await res.text(), url).not.toMatch(/transcript-text|kpi-value/);
  }
});

test('in the browser, a deep link lands on the sign-in form', async ({ page }) => {
  await page.goto('/transcripts?range=all');
  await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/transcripts?range=all');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});

test('every /api route (but sign-in itself) answers 401 with the error JSON alone', async ({ request }) => {
  const api = handlers.filter((h) => h.url.startsWith('/api/') && !h.url.startsWith('/api/auth/'));
  expect(api.length).toBeGreaterThan(10);
  for (const h of api) {
    for (const method of h.methods) {
      // from our own origin, so the same-origin check passes and the session is what is missing
      const res = await request.fetch(h.url, { method, headers: SAFE.has(method) ? {} : { Origin: baseURL(), 'Content-Type': 'application/json' }, data: SAFE.has(method) ? undefined : '{}' });
      if (method === 'HEAD') expect(res.status(), `${method} ${h.url}`).toBe(401);
      else await expectErrorJson(res, 401, 'unauthorized');
      // from another site: refused before anything else
      if (!SAFE.has(method)) {
        const cross = await request.fetch(h.url, { method, headers: { Origin: 'http://evil.example', 'Content-Type': 'text/plain' }, data: '{}' });
        await expectErrorJson(cross, 403, 'forbidden');
      }
    }
  }
});

test('every /v2 route but the OpenAPI document answers 401 without an API key', async ({ request }) => {
  const v2 = handlers.filter((h) => h.url.startsWith('/v2/'));
  expect(v2.length).toBeGreaterThan(10);
  for (const h of v2) {
    for (const method of h.methods) {
      const res = await request.fetch(h.url, { method, ...(SAFE.has(method) ? {} : { headers: { 'Content-Type': 'application/json' }, data: '{}' }) });
      if (h.url === '/v2/openapi.json') {
        expect(res.status()).toBe(200);
        continue;
      }
      if (h.catchAll) {
        // a path that is no endpoint: the error JSON (404 names no data, and /v2/openapi.json is public anyway)
        const error = await expectErrorJson(res, res.status());
        expect([401, 404], `${method} ${h.url}`).toContain(res.status());
        expect(error.code).toMatch(/^(unauthorized|not_found)$/);
        continue;
      }
      if (method === 'HEAD') expect(res.status(), `${method} ${h.url}`).toBe(401);
      else await expectErrorJson(res, 401, 'unauthorized');
      expect(res.headers()['www-authenticate'], `${method} ${h.url}`).toMatch(/^Bearer/);
    }
  }
});
