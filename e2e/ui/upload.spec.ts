import { expect, test } from '@playwright/test';
import { storedFor, writeTranscriptCsv } from '../fixtures/ingest';

test('a CSV uploaded in the browser is classified and stored, with a progress bar to the end', async ({ page }) => {
  test.setTimeout(120_000);
  const { path, run } = writeTranscriptCsv(400, { badRows: true });
  await page.goto('/');
  await page.getByRole('link', { name: 'Upload' }).click();
  await expect(page.getByRole('heading', { name: 'Upload' })).toBeVisible();

  await page.getByLabel('Files to upload').setInputFiles(path);
  const draft = page.getByRole('region', { name: /Upload calls-/ });
  // the preview shows the first rows as text, and the mapping is guessed from the header
  await expect(draft.getByRole('table', { name: 'Preview' })).toContainText(`Case ${run}-0`);
  await expect(draft.getByLabel('Text column')).toHaveValue('transcript');
  await expect(draft.getByLabel('ID column')).toHaveValue('id');
  await expect(draft.getByLabel('Timestamp column')).toHaveValue('timestamp');
  await expect(draft.getByRole('checkbox', { name: 'Sentiment' })).toBeChecked();
  await draft.getByRole('button', { name: 'Start import' }).click();

  const job = page.getByRole('article', { name: /Import calls-/ }).first();
  await expect(job.getByRole('progressbar')).toBeVisible();
  await expect(job.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100', { timeout: 90_000 });
  await expect(job.getByTestId('job-status')).toHaveText('done');
  await expect(job.getByTestId('job-counts')).toContainText('400 new');
  await expect(job.getByTestId('job-counts')).toContainText('2 rejected');

  const download = page.waitForEvent('download');
  await job.getByRole('link', { name: /rejected rows/ }).click();
  const csv = await (await download).path();
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(csv, 'utf8');
  expect(text).toContain('line,reason,excerpt');
  expect(text).toMatch(/"802","The text \(""transcript""\) is empty\."/);

  const stored = await storedFor(run);
  expect(stored.transcripts).toBe(400);
  expect(stored.minPerTranscript).toBeGreaterThanOrEqual(5);
  expect(stored.minPerTranscript).toBe(stored.maxPerTranscript);

  // coming back later: the job is still listed with its result
  await page.reload();
  await expect(page.getByRole('article', { name: /Import calls-/ }).first().getByTestId('job-status')).toHaveText('done');
});

test('a file in the wrong encoding gets a clear error', async ({ page }) => {
  await page.goto('/upload');
  await page.getByLabel('Files to upload').setInputFiles({ name: 'latin1.csv', mimeType: 'text/csv', buffer: Buffer.from('text\n"Jag vill säga upp mitt abonnemang"\n', 'latin1') });
  await expect(page.getByRole('region', { name: 'Upload latin1.csv' }).getByRole('alert')).toContainText('not valid UTF-8');
});
