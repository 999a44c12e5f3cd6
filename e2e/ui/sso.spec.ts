import { expect, test, type Page } from '@playwright/test';

// Single sign-on against a real OpenID Connect provider (e2e/oidc/provider.mjs,
// started by the Playwright config): the app is configured with OIDC_NAME
// "Test SSO", OIDC_ALLOWED_DOMAINS=sso.example and OIDC_DEFAULT_ROLE=viewer.

// Nobody is signed in: these specs start without the suite's admin session.
test.use({ storageState: { cookies: [], origins: [] } });

/** From the app's sign-in page through the provider's login form, as `email`. */
async function signInAtProvider(page: Page, email: string) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
  const app = new URL(page.url()).origin;

  await page.getByRole('button', { name: 'Sign in with Test SSO' }).click();
  await page.waitForURL((url) => url.origin !== app && url.pathname.startsWith('/interaction/'));
  await expect(page.getByRole('heading', { name: 'Test SSO' })).toBeVisible();
  await page.getByLabel('E-mail').fill(email);
  // consent is automatic: the provider sends the browser straight back to the app's callback,
  // which redirects to a page, whether it signed the person in or refused them
  const callback = page.waitForResponse((res) => res.url().startsWith(`${app}/api/auth/callback/oidc?`));
  await page.getByRole('button', { name: 'Sign in' }).click();
  const res = await callback;
  if (!res.request().redirectedTo()) {
    throw new Error(`the SSO callback answered HTTP ${res.status()} instead of redirecting: ${(await res.text()).slice(0, 300)}`);
  }
  await page.waitForURL((url) => url.origin === app && !url.pathname.startsWith('/api/'));
}

test('a person from an allowed domain signs in with SSO and gets the default role', async ({ page }) => {
  await signInAtProvider(page, 'ann@sso.example');

  await expect(page).toHaveURL((url) => url.pathname === '/');
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  const who = page.getByLabel('Signed in');
  await expect(who.locator('.user-email')).toHaveText('ann@sso.example');
  await expect(who.locator('.user-role')).toHaveText('viewer');
  // a viewer may not ingest: no Upload in the navigation
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Upload' })).toHaveCount(0);

  const session = await page.request.get('/api/analytics/filter-options');
  expect(session.status()).toBe(200);
});

test('SSO refuses an e-mail outside the allowed domains', async ({ page }) => {
  await signInAtProvider(page, 'eve@blocked.example');

  await expect(page).toHaveURL((url) => url.pathname === '/sign-in' && url.searchParams.has('error'));
  // (Next's route announcer is an alert too: pick the form's message)
  await expect(page.getByRole('alert').filter({ hasText: /refused|not open/i })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in with Test SSO' })).toBeVisible();

  const session = await page.request.get('/api/analytics/filter-options');
  expect(session.status()).toBe(401);
});
