// Model comparison and SHAP polish, as a data scientist at 1280×720: two trained models of churn side by side
// (metrics table with the best marked, overlaid curves, a confusion cell's rows), an evaluate node's confusion
// cell listing its rows, and penguins' SHAP in probability space with a max-features cut.
import type { Page } from '@playwright/test';
import { node, shot } from './canvas-helpers.js';
import { expect, test } from './fixtures.js';

test.use({ viewport: { width: 1280, height: 720 } });

// At 1280×720 most of a pipeline lies outside the visible canvas: nodes are selected from the keyboard (Enter
// selects the focused node; Space with Ctrl held adds it, as Ctrl+click does; Ctrl+Enter would start a run).
async function select(page: Page, id: string, add = false): Promise<void> {
  await node(page, id).focus();
  if (!add) {
    await page.keyboard.press('Enter');
    return;
  }
  await page.keyboard.down('Control');
  await page.keyboard.press(' ');
  await page.keyboard.up('Control');
}

test('churn: compare the logistic regression and the random forest, then list a confusion cell', async ({ appPage: page }) => {
  await page.getByRole('tab', { name: 'churn', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 90_000 });

  await select(page, 'logistic');
  await select(page, 'forest', true);
  await expect(page.getByRole('tab', { name: 'Compare models' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Maximize outputs' }).click();
  const comparison = page.getByRole('region', { name: 'Model comparison' });
  const metrics = comparison.getByRole('table', { name: 'Model metrics' });
  await expect(metrics).toBeVisible({ timeout: 30_000 });
  await expect(metrics.getByRole('rowheader')).toHaveText([/logistic/, /forest/]);
  // Each metric with a direction has exactly one best mark (or a tie).
  await expect(metrics.getByRole('cell', { name: /, best$/ }).first()).toBeVisible();
  // Sorting by accuracy (descending) puts the more accurate model first.
  const accuracy = metrics.getByRole('button', { name: /^accuracy/ });
  await accuracy.click();
  await accuracy.click();
  await expect(metrics.getByRole('columnheader', { name: /^accuracy/ })).toHaveAttribute('aria-sort', 'descending');
  const first = await metrics.getByRole('row').nth(1).getByRole('cell').first().innerText();
  const second = await metrics.getByRole('row').nth(2).getByRole('cell').first().innerText();
  expect(Number.parseFloat(first)).toBeGreaterThanOrEqual(Number.parseFloat(second));

  for (const name of ['ROC curves', 'Precision-recall curves', 'Calibration curves']) {
    const figure = comparison.getByRole('figure', { name });
    await expect(figure).toBeVisible();
    await expect(figure.getByText('logistic')).toBeVisible();
    await expect(figure.getByText('forest')).toBeVisible();
  }
  await shot(page, 'compare-models');

  // A count in the forest's confusion matrix lists exactly that many rows.
  const cell = comparison.getByRole('table', { name: 'Confusion matrix of forest' }).getByRole('button', { name: /^Rows with true yes, predicted no: \d+$/ });
  const count = Number((await cell.getAttribute('aria-label'))!.split(': ')[1]);
  await cell.click();
  await expect(comparison.getByRole('status').filter({ hasText: 'Rows of forest with true churn = yes, predicted no' })).toBeVisible();
  await expect(comparison.getByRole('table', { name: 'Rows and predictions' }).getByRole('row')).toHaveCount(Math.min(count, 200) + 1);
  await shot(page, 'compare-models-confusion-rows');

  // The evaluate node's own confusion matrix lists its rows too.
  await page.getByRole('button', { name: 'Restore outputs' }).click();
  await select(page, 'evaluate_logistic');
  const matrix = page.getByRole('table', { name: 'Confusion matrix' });
  const diagonal = matrix.getByRole('button', { name: /^Rows with true no, predicted no: \d+$/ });
  const diagonalCount = Number((await diagonal.getAttribute('aria-label'))!.split(': ')[1]);
  await diagonal.click();
  const rows = page.getByRole('region', { name: 'Prediction rows' });
  await expect(rows.getByRole('table', { name: 'Rows and predictions' }).getByRole('row')).toHaveCount(Math.min(diagonalCount, 200) + 1, { timeout: 30_000 });
});

test('penguins: SHAP of the class probabilities with at most 3 features', async ({ appPage: page }) => {
  await page.getByRole('tab', { name: 'penguins-species', exact: true }).click();
  await select(page, 'shap');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel('output', { exact: true }).selectOption({ label: 'probability' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 90_000 });
  await select(page, 'shap');
  const stated = page.getByLabel('Explained output');
  await expect(stated).toContainText('Explains P(Adelie)', { timeout: 30_000 });
  await page.getByLabel('Class', { exact: true }).selectOption({ label: 'Gentoo' });
  await expect(stated).toContainText('Explains P(Gentoo)');
  await page.getByLabel('Max features').fill('3');
  await expect(page.getByRole('img', { name: /^SHAP summary:/ })).toHaveAttribute('aria-label', /features by importance: [^,]+, [^,]+, Sum of \d+ other features\./);
  await expect(page.getByRole('img', { name: /^Colour legend: Feature value/ })).toBeVisible();
  await shot(page, 'shap-probability-max-features');
  await page.getByRole('button', { name: 'Importance', exact: true }).click();
  await expect(page.getByRole('img', { name: /^SHAP importance:/ })).toHaveAttribute('aria-label', /Sum of \d+ other features/);
  await page.getByRole('button', { name: 'Dependence', exact: true }).click();
  await expect(page.getByRole('img', { name: /^Colour legend: / })).toBeVisible();
});
