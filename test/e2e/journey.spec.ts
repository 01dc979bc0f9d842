// A new user's journey: build read_csv → split → sql from the palette, connect, set params, run, inspect,
// export and re-import YAML, reload and find the pipeline saved. Controls are found by role and label.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect } from './fixtures.js';
import type { Page } from '@playwright/test';

const penguins = resolve(import.meta.dirname, '../../assets/datasets/penguins.csv');

async function addNode(page: Page, search: string, title: string): Promise<void> {
  const searchBox = page.getByRole('searchbox', { name: 'Search nodes' });
  await searchBox.fill(search);
  await page.getByRole('button', { name: `Add ${title}` }).click();
  await searchBox.fill('');
}

async function newPipeline(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New pipeline' }).click();
  const dialog = page.getByRole('dialog', { name: 'New pipeline' });
  await dialog.getByLabel('Pipeline name').fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('tab', { name, exact: true, selected: true })).toBeVisible();
}

function node(page: Page, id: string) {
  return page.getByRole('group', { name: `Node ${id}` });
}

/** A node card's run status as the card shows it. */
function status(page: Page, id: string) {
  return node(page, id).locator('[data-status]');
}

/** The inspector control of one param (required params are labelled with a trailing '*'). */
function param(page: Page, name: string) {
  return page.getByRole('complementary', { name: 'Inspector' }).getByLabel(new RegExp(`^${name}( \\*)?$`));
}

test('a new user builds, runs and inspects a pipeline, and it survives export, import and reload', async ({ appPage: page, app }, testInfo) => {
  // The sample project is open with its example pipelines.
  await expect(page.getByRole('tab', { name: 'penguins-species', exact: true })).toBeVisible();
  const dataDir = join(app.userData, 'sample', 'data');
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(penguins, join(dataDir, 'birds.csv'));

  await newPipeline(page, 'my-first');
  await addNode(page, 'csv', 'Read CSV');
  await addNode(page, 'split', 'Train/test split');
  await addNode(page, 'sql', 'SQL');
  const ids = await page.getByRole('group', { name: /^Node / }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!.slice(5)));
  expect(ids).toHaveLength(3);
  const [readId, splitId, sqlId] = ids;

  // Connect read_csv → split by dragging between the typed ports.
  await page.getByLabel(`${readId}.table output (table)`).dragTo(page.getByLabel(`${splitId}.table input (table)`));
  // (new nodes sit level beside the selection, and a level connection has an empty box: checked as present)
  await expect(page.getByRole('group', { name: `Connection ${readId}.table to ${splitId}.table` })).toHaveCount(1);

  // An invalid connection (table output into a second output) is refused with a visible reason:
  // connect split.train to split's own input would be a cycle.
  await page.getByLabel(`${splitId}.train output (table)`).dragTo(page.getByLabel(`${splitId}.table input (table)`));
  await expect(page.getByRole('alert').filter({ hasText: /cycle|Cannot connect/i })).toBeVisible();

  // Connect split.train → sql.t1 from the inspector, then set params there.
  await node(page, sqlId).click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel(/^Input t1/).selectOption(`${splitId}.train`);
  await param(page, 'query').fill('select species, count(*) as n from t1 group by species order by species');

  await node(page, readId).click();
  await param(page, 'path').fill('data/birds.csv');
  await node(page, splitId).click();
  await param(page, 'test_size').fill('0.3');
  await param(page, 'seed').fill('11');

  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  for (const id of ids) await expect(status(page, id)).toHaveAttribute('data-status', 'done');

  // Preview the SQL node's output: a data grid with the three species.
  await node(page, sqlId).click();
  const grid = page.getByRole('grid', { name: `Rows of ${sqlId}.table` });
  await expect(grid).toBeVisible();
  await expect(grid).toHaveAttribute('aria-rowcount', '4');
  await expect(grid.getByText('Gentoo')).toBeVisible();
  // Search and sort the grid (done by DuckDB over the stored output, so it works the same on a million rows).
  const find = page.getByRole('group', { name: `Find rows of ${sqlId}.table` });
  await find.getByLabel('Search rows').fill('GENT');
  await expect(find.getByRole('status', { name: 'Rows shown' })).toHaveText('1 of 3 rows');
  await expect(grid.getByRole('row')).toHaveCount(2);
  await find.getByLabel('Search rows').fill('');
  await expect(find.getByRole('status', { name: 'Rows shown' })).toHaveText('3 rows');
  await grid.getByRole('button', { name: 'Sort by species' }).click();
  await grid.getByRole('button', { name: 'Sort by species' }).click();
  await expect(grid.getByRole('columnheader', { name: /species/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(grid.getByRole('row').nth(1)).toContainText('Gentoo');
  await page.screenshot({ path: testInfo.outputPath('editor-after-run.png'), fullPage: true });

  // Export the YAML, then import it back under another name.
  await page.getByRole('button', { name: 'Export YAML' }).click();
  const exported = await page.getByRole('textbox', { name: 'Exported YAML' }).inputValue();
  expect(exported).toContain('type: data.split');
  expect(exported).toContain('test_size: 0.3');
  await page.getByRole('dialog', { name: 'Export YAML' }).getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Import YAML' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import YAML' });
  await importDialog.getByLabel('YAML text').fill(exported);
  await importDialog.getByLabel('Pipeline name (optional)').fill('my-copy');
  await importDialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('tab', { name: 'my-copy', exact: true })).toBeVisible();

  // Reload: both pipelines are still there, with the params set above.
  await page.reload();
  await page.getByRole('tab', { name: 'my-first', exact: true }).click();
  await node(page, splitId).click();
  await expect(param(page, 'seed')).toHaveValue('11');
  await expect(page.getByRole('tab', { name: 'my-copy', exact: true })).toBeVisible();
});

test('a failing node shows the engine error on the node and in the output panel', async ({ appPage: page }) => {
  await newPipeline(page, 'broken');
  await addNode(page, 'csv', 'Read CSV');
  const [readId] = await page.getByRole('group', { name: /^Node / }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!.slice(5)));
  await node(page, readId).click();
  await param(page, 'path').fill('no/such/file.csv');
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page, readId)).toHaveAttribute('data-status', 'failed');
  await expect(node(page, readId)).toContainText(/file\.csv/);
  await expect(page.getByRole('region', { name: 'Outputs' })).toContainText(/not found|no such file|does not exist/i);
});

test('the sample pipelines run from the UI', async ({ appPage: page }) => {
  for (const name of ['penguins-species', 'churn', 'housing-prices', 'churn-drift']) {
    await page.getByRole('tab', { name, exact: true }).click();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 60_000 });
    const statuses = await page.locator('[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(3);
    expect(statuses.every((s) => s === 'done' || s === 'cached'), statuses.join(',')).toBe(true);
  }
});
