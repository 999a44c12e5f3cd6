import { expect, request as http, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { baseURL, clientAddress, E2E_PASSWORD, ensureUser } from '../fixtures';
import { bearer, SESSION_COOKIE, signInForm, submitSignIn } from './helpers';

// Signing in and out in Chromium, each test with people of its own (created
// through the CLI), so no test locks or signs out anyone another one needs.

const person = (what: string) => `e2e-${what}-${randomUUID().slice(0, 8)}@callsight.test`;

/** A fresh browser context with a client address of its own (better-auth's sign-in limit is per address). */
function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseURL(), extraHTTPHeaders: { 'X-Forwarded-For': clientAddress() } });
}

async function signedIn(browser: Browser, email: string): Promise<BrowserContext> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto('/sign-in');
  await submitSignIn(page, email, E2E_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.getByLabel('Signed in').locator('.user-email')).toHaveText(email);
  return context;
}

/** The sign-in form's message (Next.js has a route announcer with the same role). */
const signInAlert = (page: Page) => signInForm(page).getByRole('alert');

type TState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** What a stored session cookie gets, replayed: from the dashboard's API, and from /v2 (which takes a session too). */
async function statusWith(state: TState): Promise<number[]> {
  const replay = await http.newContext({ baseURL: baseURL(), storageState: state });
  const statuses = [(await replay.get('/api/analytics/filter-options')).status(), (await replay.get('/v2/transcripts?range=all&size=10')).status()];
  await replay.dispose();
  return statuses;
}

test('a wrong password is refused in plain words; the right one goes where the person was going', async ({ browser }) => {
  const email = person('wrong');
  ensureUser(email, 'viewer');
  const context = await newContext(browser);
  const page = await context.newPage();

  await page.goto('/transcripts?range=all');
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await submitSignIn(page, email, 'not-the-password');
  await expect(signInAlert(page)).toHaveText('Wrong e-mail or password.');
  // an unknown person gets the very same answer
  await submitSignIn(page, person('nobody'), E2E_PASSWORD);
  await expect(signInAlert(page)).toHaveText('Wrong e-mail or password.');
  expect((await context.cookies()).some((c) => SESSION_COOKIE.test(c.name))).toBe(false);

  await submitSignIn(page, email, E2E_PASSWORD);
  await expect(page).toHaveURL((url) => url.pathname === '/transcripts' && url.searchParams.get('range') === 'all');
  await expect(page.getByLabel('Signed in').locator('.user-role')).toHaveText('viewer');
  await context.close();
});

test('five failures lock the account: the sixth attempt is refused even with the right password', async ({ browser }) => {
  const email = person('locked');
  ensureUser(email, 'viewer');
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto('/sign-in');
  for (let i = 1; i <= 5; i++) {
    await submitSignIn(page, email, `wrong-password-${i}`);
    await expect(signInAlert(page)).toHaveText('Wrong e-mail or password.');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  }
  await submitSignIn(page, email, E2E_PASSWORD);
  await expect(signInAlert(page)).toContainText('locked');
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await context.cookies()).some((c) => SESSION_COOKIE.test(c.name))).toBe(false);
  await context.close();
});

test('signing out ends the session: its cookie no longer opens anything', async ({ browser }) => {
  const email = person('signout');
  ensureUser(email, 'analyst');
  const context = await signedIn(browser, email);
  const before = await context.storageState();
  expect(await statusWith(before)).toEqual([200, 200]);

  const page = context.pages()[0]!;
  await page.getByLabel('Signed in').getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // the cookie as it was before signing out, replayed
  expect(await statusWith(before)).toEqual([401, 401]);
  const replay = await http.newContext({ baseURL: baseURL(), storageState: before });
  expect((await replay.get('/', { maxRedirects: 0 })).headers()['location']).toMatch(/\/sign-in/);
  await replay.dispose();
  await context.close();
});

test('"Sign out everywhere" ends the sessions of the person on other devices too', async ({ browser, request }) => {
  const email = person('everywhere');
  ensureUser(email, 'analyst');
  const laptop = await signedIn(browser, email);
  const phone = await signedIn(browser, email);
  const laptopState = await laptop.storageState();
  const phoneState = await phone.storageState();
  expect(await statusWith(phoneState)).toEqual([200, 200]);

  const page = laptop.pages()[0]!;
  await page.getByLabel('Signed in').getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  expect(await statusWith(laptopState)).toEqual([401, 401]);
  expect(await statusWith(phoneState)).toEqual([401, 401]);
  const phonePage = phone.pages()[0]!;
  await phonePage.reload();
  await expect(phonePage).toHaveURL(/\/sign-in/);
  // an API key is not a session: it keeps working
  expect((await request.get('/v2/transcripts?range=all&size=10', { headers: bearer() })).status()).toBe(200);
  await laptop.close();
  await phone.close();
});
