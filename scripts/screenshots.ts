// Screenshots of the overview for docs/screenshots, taken from a running app:
//   node --import tsx scripts/screenshots.ts [http://localhost:3000]
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
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: 1 });
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
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
