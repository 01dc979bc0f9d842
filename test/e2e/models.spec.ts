// A data scientist trains, evaluates and explains in the app: metrics charts, SHAP views and what-if.
import { test, expect } from './fixtures.js';

test('penguins: confusion matrix, SHAP summary and waterfall, and a live what-if', async ({ appPage: page }) => {
  await page.getByRole('tab', { name: 'penguins-species' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 90_000 });

  await page.getByRole('group', { name: 'Node evaluate' }).click();
  const matrix = page.getByRole('table', { name: 'Confusion matrix' });
  await expect(matrix).toBeVisible();
  await expect(matrix).toContainText('Gentoo');

  await page.getByRole('group', { name: 'Node shap' }).click();
  await expect(page.getByRole('figure', { name: 'SHAP summary' })).toBeVisible();
  await page.getByRole('button', { name: 'Waterfall' }).click();
  await expect(page.getByRole('figure', { name: /SHAP waterfall for row/ }).first()).toBeVisible();

  await page.getByRole('group', { name: 'Node gbm' }).click();
  await page.getByRole('tab', { name: 'What-if' }).click();
  const whatIf = page.getByRole('region', { name: 'What-if' });
  await expect(whatIf).toBeVisible();
  const waterfall = whatIf.getByRole('img', { name: /What-if SHAP waterfall: base/ });
  await expect(waterfall).toBeVisible({ timeout: 30_000 });
  // Editing a feature re-explains the row: the waterfall's summary changes.
  const before = await waterfall.getAttribute('aria-label');
  const flipper = whatIf.getByLabel('flipper_length_mm', { exact: true });
  await flipper.fill('172');
  await expect(waterfall).not.toHaveAttribute('aria-label', before!);
});

test('churn: the random forest gets ROC, precision-recall and calibration curves', async ({ appPage: page }) => {
  await page.getByRole('tab', { name: 'churn' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 90_000 });
  await page.getByRole('group', { name: 'Node evaluate_forest' }).click();
  for (const name of [/ROC curve/, 'Precision-recall curve', /Calibration/]) {
    await expect(page.getByRole('figure', { name }).first()).toBeVisible();
  }
});
