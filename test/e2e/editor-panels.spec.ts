// Issue 14 items 1, 4 and 5 at 1280×720: column pickers filled before anything runs (the read_csv → split →
// trainer deadlock), "run to node" ignoring a half-configured trainer downstream, splitters that resize and are
// remembered, maximized outputs, and the task: auto hint for whole-number targets; item 4's outputs that fill the
// window (Esc restores) or pop out into a tab of their own, and result tables sorted and searched from their headers.
import { addFromPalette, newPipeline, node, rect, selectNode, shot } from './canvas-helpers.js';
import { expect, test } from './fixtures.js';

test.use({ viewport: { width: 1280, height: 720 } });

test('pickers know the columns before a run, and running to the split ignores the trainer still missing its target', async ({ appPage: page }) => {
  await newPipeline(page, 'from_scratch');
  await addFromPalette(page, 'csv', 'Read CSV');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.getByLabel(/^path( \*)?$/).fill('datasets/churn.csv');
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/);
  await addFromPalette(page, 'split', 'Train/test split');
  await addFromPalette(page, 'gradient', 'Gradient boosting');

  // Split has two outputs, so the trainer is wired by hand: its train input reads split.train.
  await node(page, 'gradient_boosting').click();
  const trainInput = inspector.getByLabel(/^Input train/);
  const option = await trainInput.locator('option', { hasText: 'split.train' }).first().getAttribute('value');
  await trainInput.selectOption(option!);

  // The trainer's target picker lists the CSV's columns with their types, nothing having run.
  const target = inspector.getByLabel(/^target( \*)?$/);
  await expect(target.getByRole('option', { name: 'churn · VARCHAR' })).toHaveCount(1);
  await expect(target.getByRole('option', { name: /^tenure_months · / })).toHaveCount(1);
  await shot(page, 'editor-1280-picker-before-run');

  // Stratify on the split is a picker too; running to the split works although the trainer has no target.
  await node(page, 'split').click();
  await page.getByRole('button', { name: 'Run to selected node' }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished|Done|ok/i, { timeout: 60_000 });
  await expect(node(page, 'split')).toContainText(/done/i);

  // Picking the target then trains; a 0/1 integer column would get the classification hint (covered in unit tests).
  await node(page, 'gradient_boosting').click();
  await target.selectOption('churn');
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/);
});

test('splitters resize palette, inspector and outputs, remember the sizes, and the outputs can fill the editor', async ({ appPage: page }) => {
  const outputs = page.getByRole('region', { name: 'Outputs' });
  const before = await rect(outputs);
  const splitter = page.getByRole('separator', { name: 'Resize the outputs panel' });
  const bar = await rect(splitter);
  await page.mouse.move(bar.x + bar.width / 2, bar.y + 2);
  await page.mouse.down();
  await page.mouse.move(bar.x + bar.width / 2, bar.y - 150, { steps: 6 });
  await page.mouse.up();
  const taller = await rect(outputs);
  expect(taller.height).toBeGreaterThan(before.height + 100);

  // Keyboard: the inspector grows with ArrowLeft on its splitter.
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const narrow = (await rect(inspector)).width;
  await page.getByRole('separator', { name: 'Resize the inspector' }).focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  expect((await rect(inspector)).width).toBeGreaterThan(narrow + 50);
  await shot(page, 'editor-1280-resized');

  // Sizes survive a reload.
  await page.reload();
  await expect(outputs).toBeVisible();
  expect(Math.abs((await rect(outputs)).height - taller.height)).toBeLessThan(8);

  await page.getByRole('button', { name: 'Maximize outputs' }).click();
  await expect(page.getByRole('application', { name: 'Pipeline canvas' })).toBeHidden();
  expect((await rect(outputs)).height).toBeGreaterThan(500);
  await shot(page, 'editor-1280-outputs-maximized');
  await page.getByRole('button', { name: 'Restore outputs' }).click();
  await expect(page.getByRole('application', { name: 'Pipeline canvas' })).toBeVisible();
});

test('New from CSV builds read → split → train → evaluate → explain for the chosen target, and it runs', async ({ appPage: page }) => {
  await page.getByRole('button', { name: 'New from CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'New pipeline from a CSV' });
  await dialog.getByLabel('CSV file (relative to the project folder)').fill('datasets/churn.csv');
  await expect(dialog.getByRole('status')).toHaveText(/\d+ columns/);
  await dialog.getByLabel('Column to predict').selectOption('churn');
  await expect(dialog.getByLabel('Task')).toHaveValue('classification');
  await expect(dialog.getByLabel('Model').getByRole('option', { name: 'Linear regression' })).toHaveCount(0);
  await dialog.getByLabel('Pipeline name').fill('churn-starter');
  await shot(page, 'editor-1280-new-from-csv');
  await dialog.getByRole('button', { name: 'Create pipeline' }).click();
  await expect(page.getByRole('tab', { name: 'churn-starter', selected: true })).toBeVisible();
  for (const id of ['data', 'split', 'model', 'evaluate', 'explain']) await expect(node(page, id)).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/Run finished/, { timeout: 120_000 });
  await expect(node(page, 'explain')).toContainText(/done/i);

  // `?` on the canvas shows the shortcut sheet.
  await page.getByRole('application', { name: 'Pipeline canvas' }).click({ position: { x: 30, y: 30 } });
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet.getByRole('row', { name: /Ctrl\+Enter Run the pipeline/ })).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toHaveCount(0);
});

/** The numbers of one column of a result table, in the order shown ('—' for a missing value). */
async function columnNumbers(table: import('@playwright/test').Locator, index: number): Promise<(number | null)[]> {
  const texts = await table.locator(`tbody tr > :nth-child(${index + 1})`).allTextContents();
  return texts.map((t) => (t.trim() === '—' ? null : Number(t)));
}

test('an output fills the window and Esc restores it, pops out into its own tab that follows new runs, and its table sorts', async ({ appPage: page, context }) => {
  await page.getByRole('tab', { name: 'churn-drift', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 90_000 });
  await selectNode(page, 'drift');
  const outputs = page.getByRole('region', { name: 'Outputs' });
  const table = outputs.getByRole('table', { name: 'Drift by column' });
  await expect(table.locator('tbody tr')).toHaveCount(9);

  // Sorting by the statistic: numeric order (not text order), missing values last, both ways.
  const header = table.getByRole('columnheader', { name: 'statistic' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const up = await columnNumbers(table, 3);
  const present = up.filter((v): v is number => v !== null);
  expect(present.length).toBeGreaterThan(1);
  expect(present).toEqual([...present].sort((a, b) => a - b));
  expect(up.slice(present.length).every((v) => v === null)).toBe(true);
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const down = (await columnNumbers(table, 3)).filter((v): v is number => v !== null);
  expect(down).toEqual([...present].reverse());

  // Searching one column: only the drifted rows, as many as the verdict column counts.
  const verdicts = await table.locator('tbody tr td:last-child').allTextContents();
  const drifted = verdicts.filter((v) => v === 'drifted').length;
  await outputs.getByRole('searchbox', { name: 'Search Drift by column' }).fill('verdict:drifted');
  await expect(table.locator('tbody tr')).toHaveCount(drifted);
  await outputs.getByRole('searchbox', { name: 'Search Drift by column' }).fill('');

  // Maximize: the output covers the whole window; Escape gives the canvas back.
  await outputs.getByRole('button', { name: 'Maximize outputs' }).click();
  const full = await rect(outputs);
  expect(full.x).toBe(0);
  expect(full.y).toBe(0);
  expect(full.width).toBe(1280);
  expect(full.height).toBe(720);
  await shot(page, 'editor-1280-output-fills-window');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('application', { name: 'Pipeline canvas' })).toBeVisible();
  await expect(outputs.getByRole('button', { name: 'Maximize outputs' })).toHaveAttribute('aria-pressed', 'false');
  expect((await rect(outputs)).height).toBeLessThan(600);

  // Pop out: a new tab of the same origin with only this output, no token in its address.
  const opening = context.waitForEvent('page');
  await outputs.getByRole('button', { name: 'Pop out drift.drift' }).click();
  const popped = await opening;
  expect(popped.url()).toMatch(/#\/output\?/);
  expect(popped.url()).not.toContain('token');
  await expect(popped.getByRole('heading', { name: 'drift.drift' })).toBeVisible();
  const poppedTable = popped.getByRole('table', { name: 'Drift by column' });
  await expect(poppedTable.locator('tbody tr')).toHaveCount(9);
  await expect(popped.getByRole('application', { name: 'Pipeline canvas' })).toHaveCount(0);
  await shot(popped, 'output-popped-out-1280');

  // The main window runs again: the popped-out output moves to the new run.
  const shownRun = popped.getByRole('status', { name: 'Shown run' });
  const firstRun = await shownRun.getAttribute('title');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 90_000 });
  await expect(shownRun).not.toHaveAttribute('title', firstRun!, { timeout: 30_000 });
  await expect(poppedTable.locator('tbody tr')).toHaveCount(9);
});
