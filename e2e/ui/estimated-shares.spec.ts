import { expect, test, type Locator, type Page } from '@playwright/test';

// Issue 13, "estimated shares with intervals", in Chromium against `npm start`'s
// seeded demo (its models keep their held-out predictions): a model's bar card
// shows each label's estimated true share with its 90 % interval beside the
// counts, drawn as an interval mark, says what the two numbers are and how the
// estimate was computed; the counts never wait for it, and a failed estimate
// leaves them standing.

/** "est. 34 % (29–40 %)" (the spaces before % are no-break spaces). */
const ESTIMATE = /^est\. (\d+)\s%\s\((\d+)–(\d+)\s%\)$/;
/** The estimators' names (components/dashboard/prediction-text.ts ESTIMATE_METHOD_NAMES). */
const METHOD = /EM prior adjustment|adjusted classify and count|probabilistic classify and count|classify and count \(the plain counts\)/;

/** A model's bar card on the overview whose estimate arrived (it comes after the counts, in its own request). */
async function barCardWithEstimates(page: Page): Promise<Locator> {
  await page.goto('/?range=30d');
  await expect(page.getByRole('region', { name: 'Key figures' })).toBeVisible();
  const cards = page.locator('section.chart-card[data-dimension]').filter({ has: page.locator('.recharts-bar-rectangle') });
  await expect(cards.first()).toBeVisible();
  const card = cards.filter({ has: page.locator('.estimate-interval') }).first();
  await expect(card, 'a demo model estimates its shares on the sample transcripts').toBeVisible({ timeout: 30_000 });
  const dimension = (await card.getAttribute('data-dimension')) ?? '';
  expect(dimension).toMatch(/^\d+$/);
  return page.locator(`section.chart-card[data-dimension="${dimension}"]`);
}

test('a model bar card: an estimated share with its interval beside the counts, and how it was computed', async ({ page }) => {
  const card = await barCardWithEstimates(page);

  // the text beside a label, with the interval around the estimate
  const texts = await card.locator('.estimate-text').allTextContents();
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) {
    const m = ESTIMATE.exec(text.trim());
    expect(m, text).not.toBeNull();
    const [est, lo, hi] = [Number(m![1]), Number(m![2]), Number(m![3])];
    expect(lo).toBeLessThanOrEqual(est);
    expect(est).toBeLessThanOrEqual(hi);
    expect(hi).toBeLessThanOrEqual(100);
  }
  // drawn as a mark on the chart, one per estimated label
  await expect(card.locator('.estimate-interval')).toHaveCount(texts.length);

  // the legend says what the two numbers are
  const legend = card.getByTestId('estimate-legend');
  await expect(legend).toContainText('counted share');
  await expect(legend).toContainText(/estimated true share with its 90\s% interval, of the [\d,]+ in scope/);

  // how it was computed: behind a disclosure, and the card's accessible description
  await legend.getByText('How it is estimated').click();
  await expect(legend.locator('.estimate-how')).toContainText(METHOD);
  await expect(legend.locator('.estimate-how')).toContainText(/held-out/);
  const describedBy = (await card.getAttribute('aria-describedby')) ?? '';
  expect(describedBy).not.toBe('');
  await expect(page.locator(`[id="${describedBy}"]`)).toContainText(METHOD);

  // the tooltip of a label's bar says the estimate and how it was computed
  await card.locator('.recharts-bar-rectangle').first().hover();
  const tooltip = card.locator('.chart-tooltip');
  await expect(tooltip).toContainText(/Estimated true share \d+\s% \(\d+–\d+\s%\)/);
  await expect(tooltip).toContainText(/Estimated share: .*(EM prior adjustment|classify and count)/);

  // the screen reader's list says it in words
  await expect(card.locator('ul.bars-keyboard button').first()).toContainText(/: [\d,]+ transcripts, estimated true share \d+\s% \(90\s% interval: \d+ to \d+\s%\)/);
});

test('the counts do not wait for the estimate, and a failed estimate leaves them standing', async ({ page }) => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/analytics\/breakdown\?.*\bestimates=1\b/, async (route) => {
    await held;
    await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { message: 'estimator down (e2e)' } }) });
  });

  await page.goto('/?range=30d');
  const loading = page
    .locator('section.chart-card[data-dimension]')
    .filter({ has: page.locator('.recharts-bar-rectangle') })
    .filter({ has: page.locator('[data-testid="estimate-note"][data-state="loading"]') })
    .first();
  await expect(loading).toBeVisible();
  // found by its model from here on: its note changes
  const card = page.locator(`section.chart-card[data-dimension="${(await loading.getAttribute('data-dimension')) ?? ''}"]`);
  await expect(card.locator('.recharts-bar-rectangle').first()).toBeVisible();
  const note = card.getByTestId('estimate-note');
  await expect(note).toContainText('Estimating');

  release();
  await expect(note).toHaveAttribute('data-state', 'error', { timeout: 15_000 });
  await expect(note).toContainText('estimator down (e2e)');
  await expect(note).toContainText('the counts above stand');
  await expect(card.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(card.locator('.estimate-interval')).toHaveCount(0);
});
