// The lifecycle as a new user meets it: run a pipeline twice with a param changed in between, compare the two runs
// in the Runs view (the changed param highlighted, curves overlaid), register the better model, make it
// `champion`, roll the alias back and open the lineage graph. Screenshots go to test-results/screens/.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { selectNode } from './canvas-helpers.js';

test.use({ viewport: { width: 1280, height: 720 } });

const screens = resolve(import.meta.dirname, '../../test-results/screens');
mkdirSync(screens, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(screens, `${name}.png`) });

async function runAndWait(page: Page): Promise<void> {
  const status = page.getByRole('status', { name: 'Run status' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status).not.toHaveText(/finished/i, { timeout: 10_000 }).catch(() => undefined);
  await expect(status).toHaveText(/finished/i, { timeout: 90_000 });
}

test('run twice, compare, register the better model as champion, roll back, lineage', async ({ appPage: page }) => {
  await page.getByRole('tab', { name: 'churn', exact: true }).click();
  // 30 trees, then 8: neither forest is byte-identical to the sample's registered one (50 trees), so registering
  // makes a new version.
  await page.getByRole('button', { name: 'Fit view' }).click();
  await selectNode(page, 'forest');
  const trees = page.getByRole('complementary', { name: 'Inspector' }).getByLabel(/^n_estimators/);
  await trees.fill('30');
  await trees.press('Tab');
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/);
  await runAndWait(page);

  // Fewer trees in the forest for the second run.
  await trees.fill('8');
  await trees.press('Tab');
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/);
  await runAndWait(page);

  await page.getByRole('tab', { name: 'Runs', exact: true }).click();
  await page.getByLabel('Filter by pipeline').selectOption('churn');
  // The sample project's run and our two.
  await expect(page.getByRole('status', { name: 'Runs count' })).toHaveText('3 runs');
  const table = page.getByRole('table', { name: 'Runs' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await shot(page, 'lifecycle-1280-runs');

  // Newest first: our two runs are the first two rows.
  await table.getByRole('checkbox', { name: /^Select run/ }).nth(0).check();
  await table.getByRole('checkbox', { name: /^Select run/ }).nth(1).check();
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const comparison = page.getByRole('region', { name: 'Run comparison' });
  const changed = comparison.getByRole('row', { name: /forest\.n_estimators/ });
  await expect(changed).toContainText('differs');
  await expect(changed).toContainText('8');
  await expect(changed).toContainText('30');
  await expect(comparison.getByRole('row', { name: /split\.seed/ })).not.toContainText('differs');
  await expect(comparison.getByRole('figure', { name: /^Training curves overlaid: .* of 2 runs$/ })).toBeVisible();
  await expect(comparison.locator('.recharts-line')).toHaveCount(2);
  await shot(page, 'lifecycle-1280-compare');
  await comparison.getByRole('figure', { name: /^Training curves overlaid/ }).scrollIntoViewIfNeeded();
  await shot(page, 'lifecycle-1280-curves');

  // The better forest by ROC AUC: the run whose cell is marked best.
  const aucRow = comparison.getByRole('table', { name: 'Metrics' }).getByRole('row', { name: /^evaluate_forest\.roc_auc/ });
  const cells = aucRow.getByRole('cell');
  const count = await cells.count();
  let best = -1;
  for (let i = 0; i < count && best < 0; i++) if ((await cells.nth(i).textContent())?.includes('best')) best = i;
  expect(best).toBeGreaterThanOrEqual(0);
  await comparison.getByRole('table', { name: 'Metrics' }).getByRole('columnheader').nth(best + 1).getByRole('button').click();

  const detail = page.getByRole('region', { name: /^Run [0-9a-f]{8}$/ });
  await expect(detail.getByRole('region', { name: 'Metrics' })).toBeVisible();
  await detail.getByRole('button', { name: 'Register model…' }).click();
  const register = page.getByRole('dialog', { name: 'Register model' });
  await register.getByLabel('Model node').selectOption('forest');
  await register.getByLabel('Model name').fill('churn');
  await register.getByRole('button', { name: 'Register' }).click();

  // The Models view opens on churn with the new version on top (the sample shipped versions 1 and 2).
  await expect(page.getByRole('tab', { name: 'Models', exact: true })).toHaveAttribute('aria-selected', 'true');
  const v3 = page.getByRole('row', { name: 'churn version 3' });
  await expect(v3).toBeVisible();
  const champion = page.getByRole('row', { name: /^churn version [12]$/ }).filter({ hasText: 'champion' });
  const before = (await champion.getAttribute('aria-label'))!;

  await v3.getByRole('button', { name: 'Set alias on version 3' }).click();
  const move = page.getByRole('dialog', { name: 'Set an alias on churn v3' });
  await move.getByLabel('Alias').fill('champion');
  await move.getByLabel('Note').fill('better ROC AUC');
  await expect(move).toContainText(/champion moves from version [12] to version 3/);
  await move.getByRole('button', { name: 'Move alias' }).click();
  await expect(v3).toContainText('champion');
  await expect(page.getByRole('table', { name: 'Alias moves' })).toContainText('better ROC AUC');
  await shot(page, 'lifecycle-1280-models');

  await v3.getByRole('button', { name: 'Roll back champion' }).click();
  const rollback = page.getByRole('dialog', { name: 'Roll back churn@champion' });
  await rollback.getByLabel('Note').fill('back to the shipped model');
  await rollback.getByRole('button', { name: 'Roll back' }).click();
  await expect(v3).not.toContainText('champion');
  await expect(page.getByRole('row', { name: before })).toContainText('champion');
  await expect(page.getByRole('table', { name: 'Alias moves' })).toContainText('back to the shipped model');

  await v3.getByRole('button', { name: 'Lineage of version 3' }).click();
  const lineage = page.getByRole('dialog', { name: 'Lineage of churn@3' });
  await expect(lineage.getByRole('button', { name: 'model version churn v3' })).toBeVisible();
  await expect(lineage.getByRole('button', { name: /^pipeline version churn v\d+$/ })).toBeVisible();
  await expect(lineage.getByRole('button', { name: /^dataset version churn v\d+$/ })).toBeVisible();
  await shot(page, 'lifecycle-1280-lineage');

  // Click through: the run opens in the Runs view, its dataset in the Datasets view.
  await lineage.getByRole('button', { name: /^run run [0-9a-f]{8}/ }).click();
  await expect(page.getByRole('tab', { name: 'Runs', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: /^Run [0-9a-f]{8}$/ }).getByRole('button', { name: 'churn v3' })).toBeVisible();
  await page.getByRole('region', { name: /^Run [0-9a-f]{8}$/ }).getByRole('button', { name: /^churn@\d+$/ }).first().click();
  await expect(page.getByRole('tab', { name: 'Datasets', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Dataset churn' })).toBeVisible();
  await shot(page, 'lifecycle-1280-datasets');

  // Back in the editor, the pipeline is still open as it was.
  await page.getByRole('tab', { name: 'Editor', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Node forest' })).toBeVisible();
});
