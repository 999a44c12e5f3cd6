import { request } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { baseURL, clientAddress, createKey, E2E_PASSWORD, E2E_ROLES, emailOf, ensureUser, keyFile, storageStateFile } from './fixtures';

/**
 * Runs after the web servers are up (Playwright starts `webServer` before
 * `globalSetup`). Through the real CLI, against the database the server uses:
 * an API key, and one person per role. Then signs each person in over HTTP,
 * as the sign-in page does, and leaves the session in a storageState file the
 * specs load (`ui` uses the admin's).
 */
export default async function globalSetup() {
  mkdirSync('data', { recursive: true });
  writeFileSync(keyFile(), createKey('e2e'), { mode: 0o600 });

  for (const role of E2E_ROLES) {
    ensureUser(emailOf(role), role);
    const context = await request.newContext({ baseURL: baseURL(), extraHTTPHeaders: { 'X-Forwarded-For': clientAddress() } });
    try {
      const res = await context.post('/api/auth/sign-in/email', {
        headers: { Origin: baseURL() },
        data: { email: emailOf(role), password: E2E_PASSWORD },
      });
      if (!res.ok()) throw new Error(`signing in ${emailOf(role)} answered ${res.status()}: ${await res.text()}`);
      await context.storageState({ path: storageStateFile(role) });
    } finally {
      await context.dispose();
    }
  }
}
