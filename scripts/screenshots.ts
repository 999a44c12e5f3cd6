// Screenshots for docs/screenshots, taken from a running app: the sign-in page,
// then, signed in as an admin, the overview (two widths) and Settings.
//   SCREENSHOT_EMAIL=… SCREENSHOT_PASSWORD=… node --import tsx scripts/screenshots.ts [http://localhost:3000]
// (make the admin with `npx callsight users create --email E --role admin --password-stdin`).
// Uses Debian's Chromium like the e2e suite (CHROMIUM_PATH to override).
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? process.env.BASE_URL ?? 'http://localhost:3000';
const SIZES = [
  { name: 'overview-1440', width: 1440, height: 900 },
  { name: 'overview-390', width: 390, height: 844 },
] as const;

async function main() {
  mkdirSync('docs/screenshots', { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars'],
  });
  const email = process.env.SCREENSHOT_EMAIL;
  const password = process.env.SCREENSHOT_PASSWORD;
  if (!email || !password) throw new Error('Set SCREENSHOT_EMAIL and SCREENSHOT_PASSWORD to an admin of the running app.');
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    const signIn = await context.newPage();
    await signIn.goto(`${base}/`, { waitUntil: 'networkidle' });
    await signIn.screenshot({ path: 'docs/screenshots/sign-in.png' });
    console.log('wrote docs/screenshots/sign-in.png');
    await signIn.getByLabel('E-mail', { exact: true }).fill(email);
    await signIn.getByLabel('Password', { exact: true }).fill(password);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await signIn.waitForURL((u) => u.pathname === '/');
    await signIn.goto(`${base}/settings`, { waitUntil: 'networkidle' });
    await signIn.getByRole('heading', { name: 'Audit log' }).waitFor();
    await signIn.waitForTimeout(500);
    await signIn.screenshot({ path: 'docs/screenshots/settings.png', fullPage: true });
    console.log('wrote docs/screenshots/settings.png');
    const cookies = await context.cookies();
    for (const size of SIZES) {
      const sized = await browser.newContext({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1 });
      await sized.addCookies(cookies);
      const page = await sized.newPage();
      await page.goto(`${base}/`, { waitUntil: 'networkidle' });
      // every card drawn: bars, the donut and the heatmap, nothing still loading
      await page.locator('.recharts-bar-rectangle').first().waitFor();
      await page.locator('.recharts-pie-sector').first().waitFor();
      await page.locator('.heatmap-cell').first().waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"], .skeleton').length === 0);
      await page.waitForTimeout(300);
      const path = `docs/screenshots/${size.name}.png`;
      await page.screenshot({ path, fullPage: true });
      console.log(`wrote ${path}`);
      await sized.close();
    }
    await context.close();
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
