import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { baseURL, storageStateFile } from '../fixtures';

// Issue 12, "your taxonomy, your dashboard", in Chromium against `npm start`:
// a model built in the studio and a metadata column of the seeded samples, each put on
// the overview through the layout editor (a breakdown and the cross-tab's
// rows), a bar clicked, the drill-down filtered by it, the export holding
// exactly the rows the table counts; a saved view reopened from the sidebar;
// a default view that the bare overview opens and "Clear all" does not bounce
// back into. Each test puts the workspace's layout back as it found it.

const EXAMPLES = fileURLToPath(new URL('../fixtures/studio-examples.csv', import.meta.url));
const LABELS = [
  { name: 'Billing', description: 'invoices, charges, refunds' },
  { name: 'Technical', description: 'faults, coverage, speed' },
  { name: 'Cancellation', description: 'ending a subscription' },
];
/** A metadata column of the seeded sample transcripts (prisma/seed/demo-layout.ts demoMetadata), not among the demo layout's filters. */
const META_KEY = 'plan';
const PLANS = ['Prepaid', 'Standard', 'Premium'];

/** State changes from a signed-in page's own request context: the server wants our own Origin. */
const sameOrigin = () => ({ Origin: baseURL() });
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The stored layout now, and a way to put it back (the signed-in admin's session does both). */
async function keepLayout(page: Page): Promise<() => Promise<void>> {
  const res = await page.request.get('/v2/dashboard');
  expect(res.ok()).toBe(true);
  const { layout } = await res.json();
  return async () => {
    const put = await page.request.put('/v2/dashboard', { headers: sameOrigin(), data: layout });
    expect(put.ok(), await put.text()).toBe(true);
  };
}

/** The drill-down's count once the table shows the current URL's page (not the previous one kept on screen). */
async function settledTotal(page: Page): Promise<number> {
  const table = page.getByRole('region', { name: 'Transcripts' });
  await expect(table).toHaveAttribute('aria-busy', 'false');
  await expect(table).not.toHaveAttribute('data-stale', /.*/);
  return Number((await page.getByTestId('transcript-total').innerText()).replace(/,/g, ''));
}

async function downloadCsv(page: Page): Promise<{ header: string[]; rows: string[][] }> {
  const link = page.getByRole('link', { name: 'Export CSV' });
  const download: Promise<Download> = page.waitForEvent('download');
  await link.click();
  const file = await (await download).path();
  const records: string[][] = parse(readFileSync(file), { bom: true, relax_column_count: false });
  const [header, ...rows] = records;
  return { header: header ?? [], rows };
}

/** Opens the layout editor on the overview (`range=30d`: the overview as it is, never a default view). */
async function openEditor(page: Page): Promise<Locator> {
  await page.goto('/?range=30d');
  await expect(page.getByRole('region', { name: 'Key figures' })).toBeVisible();
  await page.getByRole('button', { name: 'Customize overview' }).click();
  const editor = page.getByRole('region', { name: 'Customize overview' });
  await expect(editor).toBeVisible();
  return editor;
}

/** In the editor: a bars breakdown of `option` (as the select names it) and the cross-tab's rows; saved. */
async function addBreakdownAndRows(editor: Locator, option: string) {
  const add = editor.getByRole('group', { name: 'Add a breakdown card' });
  await add.getByLabel('Breakdown of').selectOption({ label: option });
  await add.getByLabel('Chart').selectOption('bars');
  await add.getByRole('button', { name: 'Add breakdown' }).click();
  await expect(editor.getByRole('list', { name: 'Breakdown cards' })).toContainText(option);

  const crossTab = editor.getByRole('group', { name: 'Cross-tab', exact: true });
  await crossTab.getByLabel('Show the cross-tab card').check();
  await crossTab.getByLabel('Cross-tab rows').selectOption({ label: option });

  await editor.getByRole('button', { name: 'Save layout' }).first().click();
  await expect(editor).toBeHidden();
  await expect(editor.page().getByRole('status').filter({ hasText: 'Overview saved.' })).toBeVisible();
}

/** Clicks the biggest bar of the breakdown titled `title`; answers the drill-down's URL. */
async function clickFirstBar(page: Page, title: string): Promise<URL> {
  const card = page.getByRole('region', { name: title, exact: true });
  await expect(card.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await card.locator('.recharts-bar-rectangle').first().click();
  await expect(page).toHaveURL(/\/transcripts\?/);
  return new URL(page.url());
}

test('a model from the studio on the overview: breakdown and cross-tab rows, a bar to the drill-down, the export matching the count', async ({ page }) => {
  test.setTimeout(300_000);
  const restore = await keepLayout(page);
  const name = `Reason ${Date.now().toString(36)}`;
  try {
    await test.step('create, train, promote and reclassify a model in the studio', async () => {
      await page.goto('/models');
      await page.getByRole('link', { name: 'New model' }).click();
      await page.getByLabel('Name', { exact: true }).fill(name);
      await page.getByLabel('Question it answers').fill('Why did the customer get in touch?');
      for (const [i, l] of LABELS.entries()) {
        await page.getByLabel(`Label ${i + 1} name`).fill(l.name);
        await page.getByLabel(`Label ${i + 1} description`).fill(l.description);
      }
      await page.getByRole('button', { name: 'Create model' }).click();
      await expect(page).toHaveURL(/\/models\/\d+$/);
      // an admin is told the new model is not on the overview yet
      await expect(page.getByRole('complementary', { name: 'Not on the overview' })).toContainText('This model is not on the overview');
      await page.getByLabel('Examples file').setInputFiles(EXAMPLES);
      await expect(page.getByTestId('examples-result')).toContainText('60 added');
      await page.getByRole('button', { name: 'Train new version' }).click();
      const row = page.locator('tr[data-version="1"]');
      await expect(row).toHaveAttribute('data-status', 'ready', { timeout: 90_000 });
      await row.getByRole('link', { name: 'Version 1' }).click();
      await page.getByRole('button', { name: 'Promote version 1' }).click();
      await expect(page.locator('.lead .status-badge')).toHaveText('active');
      const panel = page.getByRole('region', { name: 'Reclassify stored transcripts' });
      await panel.getByRole('button', { name: 'Reclassify with version 1' }).click();
      await expect(panel.getByTestId('reclassify-job')).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
    });
    const modelId = Number(/\/models\/(\d+)/.exec(page.url())?.[1]);
    expect(modelId).toBeGreaterThan(0);

    await test.step('add it to the overview with the layout editor', async () => {
      const editor = await openEditor(page);
      await addBreakdownAndRows(editor, name);
      await expect(page.getByRole('heading', { name: new RegExp(`^${escapeRe(name)} × `) })).toBeVisible();
      // the hint on the model page is gone now that the overview shows it
      await page.goto(`/models/${modelId}`);
      await expect(page.getByRole('heading', { name })).toBeVisible();
      await expect(page.getByRole('complementary', { name: 'Not on the overview' })).toHaveCount(0);
    });

    await test.step('a bar opens the drill-down filtered by its label; the export holds exactly those rows', async () => {
      await page.goto('/?range=30d');
      const url = await clickFirstBar(page, name);
      const ref = url.searchParams.getAll('label').find((l) => l.startsWith(`${modelId}:`));
      expect(ref).toBeDefined();
      const label = ref!.slice(`${modelId}:`.length);
      expect(LABELS.map((l) => l.name)).toContain(label);
      await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(`${name}: ${label}`);
      const total = await settledTotal(page);
      expect(total).toBeGreaterThan(0);
      const csv = await downloadCsv(page);
      expect(csv.rows).toHaveLength(total);
      const col = csv.header.indexOf(name);
      expect(col).toBeGreaterThanOrEqual(0);
      for (const r of csv.rows) expect(r[col]).toBe(label);
    });
  } finally {
    await restore();
  }
});

test('a metadata column on the overview: breakdown and cross-tab rows, a bar to the drill-down, the export matching the count', async ({ page }) => {
  const restore = await keepLayout(page);
  try {
    const editor = await openEditor(page);
    await addBreakdownAndRows(editor, META_KEY);
    await expect(page.getByRole('heading', { name: new RegExp(`^${META_KEY} × `) })).toBeVisible();

    const url = await clickFirstBar(page, META_KEY);
    const value = url.searchParams.get(`meta.${META_KEY}`) ?? '';
    expect(PLANS).toContain(value);
    await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(`${META_KEY}: ${value}`);
    const total = await settledTotal(page);
    expect(total).toBeGreaterThan(0);
    const csv = await downloadCsv(page);
    expect(csv.rows).toHaveLength(total);
    const col = csv.header.indexOf('metadata');
    expect(col).toBeGreaterThanOrEqual(0);
    for (const r of csv.rows) expect(JSON.parse(r[col] || '{}')[META_KEY]).toBe(value);
  } finally {
    await restore();
  }
});

test('"More filters" adds a metadata key the layout does not offer, for this page', async ({ page }) => {
  await page.goto('/transcripts?range=30d');
  await settledTotal(page);
  const filters = page.getByRole('region', { name: 'Filters' });
  await expect(filters.getByRole('button', { name: new RegExp(`^${META_KEY}\\b`) })).toHaveCount(0);
  await filters.getByRole('button', { name: 'More filters' }).click();
  await filters.getByRole('group', { name: 'More filters' }).getByRole('button', { name: new RegExp(`^${META_KEY}\\b`) }).click();
  // the new filter opens at once
  const list = filters.getByRole('group', { name: META_KEY, exact: true });
  await expect(list).toBeVisible();
  await list.getByRole('checkbox', { name: 'Premium' }).check();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`meta\\.${META_KEY}=Premium`));
  await expect(filters.getByRole('list', { name: 'Active filters' })).toContainText(`${META_KEY}: Premium`);
  const total = await settledTotal(page);
  expect(total).toBeGreaterThan(0);
  // a reload keeps it: the URL holds the filter, and the bar shows every key the URL narrows by
  await page.reload();
  expect(await settledTotal(page)).toBe(total);
  await expect(filters.getByRole('button', { name: new RegExp(`^${META_KEY}\\b`) })).toBeVisible();
});

test('a saved view reopens from the sidebar with its filters and chart choice, and can be deleted', async ({ page }) => {
  const viewName = `Chats, 90 days ${Date.now().toString(36)}`;
  await page.goto('/?range=90d&channel=chat&interval=week');
  const chips = page.getByRole('list', { name: 'Active filters' });
  await expect(chips).toContainText('Channel: chat');

  await page.getByRole('button', { name: 'Save view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save this view' });
  await dialog.getByLabel('Name').fill(viewName);
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog).toBeHidden();

  const views = page.getByRole('navigation', { name: 'Views' });
  const link = views.getByRole('link', { name: viewName });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute('href', /^\/views\/vw_[a-z0-9]+$/);

  // elsewhere, with other filters: the sidebar link brings the view back
  await page.goto('/transcripts?range=7d');
  await settledTotal(page);
  await views.getByRole('link', { name: viewName }).click();
  await expect(page).toHaveURL(/\/\?(?=.*range=90d)(?=.*channel=chat)(?=.*interval=week)/);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(chips).toContainText('Channel: chat');
  await expect(page.getByRole('group', { name: 'Trend interval' }).getByRole('button', { name: 'Weekly' })).toHaveAttribute('aria-pressed', 'true');
  await expect(views.getByRole('link', { name: viewName })).toHaveAttribute('aria-current', 'page');

  // the person who saved it deletes it
  await views.getByRole('button', { name: 'Manage' }).click();
  await views.getByRole('button', { name: `Delete view ${viewName}` }).click();
  await views.getByRole('button', { name: `Delete ${viewName}` }).click();
  await expect(views.getByRole('link', { name: viewName })).toHaveCount(0);
});

test.describe('a default view', () => {
  // the analyst's own default, so no other spec's overview (the admin's) is redirected
  test.use({ storageState: storageStateFile('analyst') });

  test('opens with the bare overview; clearing every filter stays cleared', async ({ page }) => {
    const viewName = `My default ${Date.now().toString(36)}`;
    try {
      await page.goto('/?range=7d&channel=chat');
      await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('Channel: chat');
      await page.getByRole('button', { name: 'Save view' }).click();
      const dialog = page.getByRole('dialog', { name: 'Save this view' });
      await dialog.getByLabel('Name').fill(viewName);
      await dialog.getByLabel('Make this my default view').check();
      await dialog.getByRole('button', { name: 'Save view' }).click();
      await expect(dialog).toBeHidden();

      await page.goto('/');
      await expect(page).toHaveURL(/\/\?(?=.*range=7d)(?=.*channel=chat)/);
      const chips = page.getByRole('list', { name: 'Active filters' });
      await expect(chips).toContainText('Channel: chat');

      await chips.getByRole('button', { name: 'Clear all' }).click();
      await expect(page).toHaveURL(/\/\?range=30d$/);
      await expect(chips).toHaveCount(0);
      await page.reload();
      await expect(page).toHaveURL(/\/\?range=30d$/);
      await expect(page.getByRole('list', { name: 'Active filters' })).toHaveCount(0);
    } finally {
      const res = await page.request.get('/v2/views');
      const { views } = (await res.json()) as { views: { id: string; name: string; mine: boolean }[] };
      for (const v of views.filter((x) => x.mine && x.name === viewName)) await page.request.delete(`/v2/views/${v.id}`, { headers: sameOrigin() });
    }
  });
});
