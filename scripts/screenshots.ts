// Screenshots for docs/screenshots, taken from a running app. The demo workspace
// (the default): the sign-in page, then, signed in as an admin, the overview
// (two widths) and Settings. `--workspace=support` (or SCREENSHOT_WORKSPACE=support),
// on a workspace built by scripts/support-workspace.ts: its overview (two widths),
// the layout editor and the drill-down narrowed to one metadata value.
//   SCREENSHOT_EMAIL=… SCREENSHOT_PASSWORD=… node --import tsx scripts/screenshots.ts [--workspace=support] [http://localhost:3000]
// (make the admin with `npx callsight users create --email E --role admin --password-stdin`).
// Uses Debian's Chromium like the e2e suite (CHROMIUM_PATH to override).
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: options, positionals } = parseArgs({ options: { workspace: { type: 'string' } }, allowPositionals: true });
const base = positionals[0] ?? process.env.BASE_URL ?? 'http://localhost:3000';
const workspace = options.workspace ?? process.env.SCREENSHOT_WORKSPACE ?? 'demo';
const DIR = 'docs/screenshots';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

/** The drill-down of the support screenshots: one metadata value, as a click on its bar would open it. */
const SUPPORT_DRILL = '/transcripts?meta.flow=Transfers';

type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;

async function shoot(page: Page, name: string, fullPage = true) {
  const path = `${DIR}/${name}.png`;
  await page.screenshot({ path, fullPage });
  console.log(`wrote ${path}`);
}

/** Nothing still loading; a card that says it failed or matched nothing fails the run rather than the picture. */
async function settled(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"], .skeleton').length === 0);
  // inside <main>: Next's route announcer is a role="alert" of its own
  const broken = await page.locator('main [role="alert"], main .empty-state').allInnerTexts();
  if (broken.length) throw new Error(`${page.url()} shows an error or an empty card: ${broken.map((t) => t.replace(/\s+/g, ' ').trim()).join(' | ')}`);
  await page.waitForTimeout(300);
}

/** The overview with every card drawn: bars, the donut and the heatmap. */
async function openOverview(page: Page) {
  await page.goto(`${base}/`, { waitUntil: 'networkidle' });
  await page.locator('.recharts-bar-rectangle').first().waitFor();
  await page.locator('.recharts-pie-sector').first().waitFor();
  await page.locator('.heatmap-cell').first().waitFor();
  await settled(page);
}

async function sized(browser: Browser, cookies: Cookies, width: number, height: number) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  await context.addCookies(cookies);
  return context;
}

async function signIn(context: BrowserContext, email: string, password: string, shot: boolean) {
  const page = await context.newPage();
  await page.goto(`${base}/`, { waitUntil: 'networkidle' });
  if (shot) await shoot(page, 'sign-in', false);
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  return page;
}

async function demoShots(browser: Browser, context: BrowserContext, page: Page) {
  await page.goto(`${base}/settings`, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  await page.waitForTimeout(500);
  await shoot(page, 'settings');
  const cookies = await context.cookies();
  for (const size of SIZES) {
    const c = await sized(browser, cookies, size.width, size.height);
    const p = await c.newPage();
    await openOverview(p);
    await shoot(p, `overview-${size.width}`);
    await c.close();
  }
}

async function supportShots(browser: Browser, context: BrowserContext) {
  const cookies = await context.cookies();
  for (const size of SIZES) {
    const c = await sized(browser, cookies, size.width, size.height);
    const p = await c.newPage();
    await openOverview(p);
    // a layout of the team's own, not the demo's
    await p.locator('[data-dimension="meta.subflow"] .recharts-bar-rectangle').first().waitFor();
    await shoot(p, `support-overview-${size.width}`);
    if (size.width === 1440) {
      await p.getByRole('button', { name: 'Customize overview' }).click();
      const editor = p.locator('#layout-editor');
      await editor.getByRole('heading', { name: 'Customize overview' }).waitFor();
      // the rows name models and metadata keys once the choices have loaded
      await p.waitForLoadState('networkidle');
      await editor.getByText('Support flow').first().waitFor();
      // the new-KPI form shows the team's model, not the first in the list (the pretrained language model's 176 labels)
      await editor.getByLabel('KPI model').selectOption({ label: 'Support flow' });
      await p.waitForTimeout(300);
      await editor.screenshot({ path: `${DIR}/support-layout-editor.png` });
      console.log(`wrote ${DIR}/support-layout-editor.png`);

      await p.goto(`${base}${SUPPORT_DRILL}`, { waitUntil: 'networkidle' });
      await p.getByTestId('transcript-total').waitFor();
      await p.locator('table.transcripts tbody tr.clickable').first().waitFor();
      await settled(p);
      await shoot(p, 'support-transcripts', false);
    }
    await c.close();
  }
}

async function main() {
  if (workspace !== 'demo' && workspace !== 'support') throw new Error(`--workspace is demo or support, not "${workspace}".`);
  const email = process.env.SCREENSHOT_EMAIL;
  const password = process.env.SCREENSHOT_PASSWORD;
  if (!email || !password) throw new Error('Set SCREENSHOT_EMAIL and SCREENSHOT_PASSWORD to an admin of the running app.');
  mkdirSync(DIR, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    const page = await signIn(context, email, password, workspace === 'demo');
    if (workspace === 'demo') await demoShots(browser, context, page);
    else await supportShots(browser, context);
    await context.close();
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
