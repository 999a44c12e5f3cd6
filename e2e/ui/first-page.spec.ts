import { expect, test } from '@playwright/test';
import { apiKey } from '../fixtures';

test('the overview shows the classified sample transcripts', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  const kpis = page.getByRole('region', { name: 'Key figures' });
  await expect(kpis).toContainText('Transcripts');
  // the seeded sample transcripts are counted
  await expect(kpis.locator('.kpi-value').first()).not.toHaveText('0');
  await expect(page.getByRole('heading', { name: 'Sentiment' })).toBeVisible();
  // recharts drew bars
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible();
});

test('the models page lists the demo models and the API page answers a request', async ({ page }) => {
  await page.goto('/models');
  for (const name of ['Product', 'Issue Type', 'Root Cause', 'Sentiment', 'Language', 'Churn Risk']) {
    await expect(page.getByRole('cell', { name: new RegExp(`^${name}`) }).first()).toBeVisible();
  }
  await page.getByRole('link', { name: 'API' }).click();
  await page.getByLabel('API key').fill(apiKey());
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByTestId('try-status')).toHaveText('HTTP 200');
  await expect(page.getByTestId('try-response')).toContainText('Mobile Broadband');
});
