import { expect, test, type Locator, type Page, type Request, type Route } from '@playwright/test';

// Every click on the overview shows at once that its answer is on its way
// (components/dashboard/pending.tsx): the card it concerns (all of them for a
// filter) says aria-busy="true" and is marked data-pending, and a bar runs
// along the top of the window; when the answer arrives, they go. The answers
// are held back by the test itself (page.route) until it has seen the
// pending state, then let through: no timing is assumed anywhere.

/** Holds the requests `match` picks until `release()`; the others pass (to the next handler, or the network). */
async function holdRequests(page: Page, match: (request: Request) => boolean) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let held = 0;
  let releasing = false;
  await page.route('**/*', async (route: Route) => {
    if (releasing || !match(route.request())) return route.fallback();
    held++;
    await gate;
    await route.continue();
  });
  return {
    held: () => held,
    release: () => {
      releasing = true;
      open();
    },
  };
}

const analytics = (r: Request) => new URL(r.url()).pathname.startsWith('/api/analytics/');
/** The RSC request of a client-side navigation to the drill-down (not a prefetch). */
const drillDownNavigation = (r: Request) => new URL(r.url()).pathname === '/transcripts' && r.headers()['rsc'] === '1' && !r.headers()['next-router-prefetch'];

const bar = (page: Page) => page.getByTestId('pending-bar');

async function openSettledOverview(page: Page, path = '/?range=all') {
  await page.goto(path);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('kpi-transcripts')).not.toHaveText('0');
  await expect(page.locator('section.chart-card[data-dimension="42"] .recharts-bar-rectangle').first()).toBeVisible();
  await expectSettled(page.locator('section.chart-card'));
  await expect(bar(page)).toHaveCount(0);
}

async function expectPending(card: Locator) {
  await expect(card).toHaveAttribute('aria-busy', 'true');
  await expect(card).toHaveAttribute('data-pending', /.*/);
}

async function expectSettled(cards: Locator) {
  for (const card of await cards.all()) {
    await expect(card).toHaveAttribute('aria-busy', 'false');
    await expect(card).not.toHaveAttribute('data-pending', /.*/);
  }
}

test('a filter change: every card and the top bar wait until the new figures arrive', async ({ page }) => {
  await openSettledOverview(page, '/?range=all&label=201%3AAngry');
  const hold = await holdRequests(page, analytics);
  // the chip of the filter: removing it changes every figure
  await page.getByRole('list', { name: 'Active filters' }).getByRole('button', { name: /^Remove filter Sentiment/ }).click();

  const product = page.locator('section.chart-card[data-dimension="42"]');
  const kpis = page.getByRole('region', { name: 'Key figures' });
  await expectPending(product);
  await expectPending(kpis);
  await expectPending(page.locator('section.chart-card[data-card="trend"]'));
  await expectPending(page.locator('section.chart-card[data-card="cross-tab"]'));
  await expect(bar(page)).toBeVisible();
  // the old figures stay on screen meanwhile
  await expect(product.locator('.recharts-bar-rectangle').first()).toBeVisible();
  expect(hold.held()).toBeGreaterThan(0);

  hold.release();
  await expect(page).not.toHaveURL(/label=/);
  await expectSettled(page.locator('section.chart-card'));
  await expect(kpis).toHaveAttribute('aria-busy', 'false');
  await expect(bar(page)).toHaveCount(0);
});

test("a card's own choice (trend interval, cross-tab axes) shows on that card until its answer", async ({ page }) => {
  await openSettledOverview(page);
  const trend = page.locator('section.chart-card[data-card="trend"]');
  const crossTab = page.locator('section.chart-card[data-card="cross-tab"]');

  let hold = await holdRequests(page, (r) => new URL(r.url()).pathname === '/api/analytics/trend');
  // the interval not in force (all time defaults to weeks, a short range to days)
  await trend.getByRole('group', { name: 'Trend interval' }).locator('button[aria-pressed="false"]').click();
  await expectPending(trend);
  await expect(bar(page)).toBeVisible();
  // the other cards are not waiting for anything
  await expectSettled(crossTab);
  hold.release();
  await expectSettled(trend);
  await expect(bar(page)).toHaveCount(0);

  hold = await holdRequests(page, (r) => new URL(r.url()).pathname === '/api/analytics/cross-tab');
  await crossTab.getByRole('button', { name: 'Swap rows and columns' }).click();
  await expectPending(crossTab);
  await expect(bar(page)).toBeVisible();
  hold.release();
  await expectSettled(crossTab);
  await expect(bar(page)).toHaveCount(0);
});

test('a chart click (bar, donut slice, cross-tab cell, trend period) shows on its card until the drill-down opens', async ({ page }) => {
  const clicks: { name: string; card: (page: Page) => Locator; click: (card: Locator) => Promise<void> }[] = [
    { name: 'a bar', card: (p) => p.locator('section.chart-card[data-dimension="42"]'), click: (c) => c.locator('.recharts-bar-rectangle').first().click() },
    { name: 'a donut slice', card: (p) => p.locator('section.chart-card[data-dimension="201"]'), click: (c) => c.locator('button.legend-item').first().click() },
    { name: 'a cross-tab cell', card: (p) => p.locator('section.chart-card[data-card="cross-tab"]'), click: (c) => c.locator('button.heatmap-cell').first().click() },
    {
      name: 'a trend period',
      card: (p) => p.locator('section.chart-card[data-card="trend"]'),
      click: async (c) => {
        // the keyboard's way in (components/charts/chart-keys.tsx): Enter acts like a click on the period
        const key = c.locator('.chart-keys rect.chart-key').last();
        await key.focus();
        await key.press('Enter');
      },
    },
  ];
  for (const { name, card, click } of clicks) {
    await test.step(name, async () => {
      await openSettledOverview(page);
      const hold = await holdRequests(page, drillDownNavigation);
      const clicked = card(page);
      await click(clicked);
      await expectPending(clicked);
      await expect(bar(page)).toBeVisible();
      // still the overview: nothing has arrived yet
      await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
      expect(hold.held()).toBeGreaterThan(0);
      hold.release();
      await expect(page).toHaveURL(/\/transcripts\?/);
      await expect(bar(page)).toHaveCount(0);
    });
  }
});
