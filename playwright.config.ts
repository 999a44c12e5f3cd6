import { defineConfig } from '@playwright/test';
import { baseURL, e2eDatabaseUrl, e2ePort, storageStateFile } from './e2e/fixtures';

// The e2e suite runs the real `npm start` (migrate, train, seed, build, serve)
// on its own port and database, and drives Debian's Chromium. A test OpenID
// Connect provider runs beside it, 20 ports up, for single sign-on.
const PORT = e2ePort();
const OIDC_PORT = PORT + 20;
const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
export const E2E_DATABASE_URL = e2eDatabaseUrl();

const chromium = {
  browserName: 'chromium' as const,
  viewport: { width: 1440, height: 900 },
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  // after the web servers have started: creates the key and the signed-in people
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: baseURL(),
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'api', testDir: './e2e/api' },
    { name: 'ui', testDir: './e2e/ui', use: { ...chromium, storageState: storageStateFile('admin') } },
    // signed out unless a spec loads a role's state
    { name: 'security', testDir: './e2e/security', use: { ...chromium } },
  ],
  webServer: [
    {
      name: 'oidc',
      command: 'node e2e/oidc/provider.mjs',
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { OIDC_PORT: String(OIDC_PORT), APP_URL: baseURL() },
    },
    {
      name: 'callsight',
      command: 'npm start',
      url: `${baseURL()}/sign-in`,
      timeout: 900_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(PORT),
        DATABASE_URL: E2E_DATABASE_URL,
        NEXT_TELEMETRY_DISABLED: '1',
        OIDC_ISSUER,
        OIDC_CLIENT_ID: 'callsight-e2e',
        OIDC_CLIENT_SECRET: 'callsight-e2e-secret',
        OIDC_ALLOWED_DOMAINS: 'sso.example',
        OIDC_DEFAULT_ROLE: 'viewer',
        OIDC_NAME: 'Test SSO',
      },
    },
  ],
});
