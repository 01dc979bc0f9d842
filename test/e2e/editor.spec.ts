// The editor at 1280×720 (issue 14, items 3 and 5 and the renderer-only repros): the mini map beside the canvas,
// a readable fit view, palette and quick-add nodes placed in view and connected, port hints while dragging, auto
// layout without overlaps, a one-line toolbar with an overflow menu, visible failures, "Nothing to run", typed
// what-if fields and a scrolling alerts dialog. Controls are found by role and label; screenshots go to
// test-results/screens/ for review.
import type { Page } from '@playwright/test';
import { addFromPalette, canvas, inside, newPipeline, node, nodeIds, overlap, rect, shot } from './canvas-helpers.js';
import { test, expect } from './fixtures.js';

test.use({ viewport: { width: 1280, height: 720 } });

async function openSample(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(node(page, 'data')).toBeVisible();
}

test('canvas at 1280×720: one-line toolbar with an overflow menu, mini map beside the canvas, readable fit view', async ({ appPage: page }) => {
  await openSample(page, 'churn');

  // The toolbar is one line and every control in it is on screen; the project actions moved into "More actions".
  const toolbar = page.getByRole('banner');
  expect((await rect(toolbar)).height).toBeLessThan(48);
  for (const button of await toolbar.getByRole('button').all()) expect(inside(await rect(button), { x: 0, y: 0, width: 1280, height: 720 })).toBe(true);
  await expect(toolbar.getByRole('button', { name: 'New project' })).toHaveCount(0);
  await page.getByRole('button', { name: 'More actions' }).click();
  const menu = page.getByRole('menu', { name: 'More actions' });
  for (const item of ['New project', 'Open project', 'Save project as']) await expect(menu.getByRole('menuitem', { name: item })).toBeVisible();
  await shot(page, 'editor-1280-more-menu');
  await menu.getByRole('menuitem', { name: 'Open project' }).click();
  await expect(page.getByRole('dialog', { name: /Open project/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // YAML stays in the bar at this width.
  await toolbar.getByRole('button', { name: 'Export YAML' }).click();
  await expect(page.getByRole('dialog', { name: 'Export YAML' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Export YAML' }).getByRole('button', { name: 'Close' }).click();

  // Fit view keeps card text readable: a 220-px card is drawn at least 0.9 × 220 px wide (11-px text ≥ 9.9 px).
  await page.getByRole('button', { name: 'Fit view', exact: true }).click();
  await page.waitForTimeout(400);
  expect((await rect(node(page, 'data'))).width).toBeGreaterThanOrEqual(0.89 * 220);
  const titleSize = await node(page, 'data').getByText('Read CSV').evaluate((el) => {
    const zoom = el.getBoundingClientRect().height / (el as HTMLElement).offsetHeight;
    return parseFloat(getComputedStyle(el).fontSize) * zoom;
  });
  expect(titleSize).toBeGreaterThanOrEqual(10);

  // The mini map starts collapsed; shown, it sits in its own strip and covers no part of the drawing area.
  await expect(page.getByRole('complementary', { name: 'Overview' })).toHaveCount(0);
  await shot(page, 'editor-1280-churn-fit');
  const toggle = page.getByRole('button', { name: 'Show mini map' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  const overview = page.getByRole('complementary', { name: 'Overview' });
  await expect(overview).toBeVisible();
  await expect(page.getByRole('button', { name: 'Hide mini map' })).toHaveAttribute('aria-pressed', 'true');
  expect(overlap(await rect(overview), await rect(canvas(page)))).toBe(false);
  await shot(page, 'editor-1280-minimap-shown');
  await page.getByRole('button', { name: 'Hide mini map' }).click();
  await expect(overview).toHaveCount(0);
});

test('palette nodes land in view beside the selection and connect when obvious; quick add by double-click and /', async ({ appPage: page }) => {
  await newPipeline(page, 'placed');
  await addFromPalette(page, 'csv', 'Read CSV');
  const [readId] = await nodeIds(page);
  await addFromPalette(page, 'split', 'Train/test split');
  const splitId = (await nodeIds(page)).find((id) => id !== readId)!;
  // Placed right of the selected read_csv, inside the canvas, and wired read → split.
  const view = await rect(canvas(page));
  const readBox = await rect(node(page, readId));
  const splitBox = await rect(node(page, splitId));
  expect(inside(splitBox, view)).toBe(true);
  expect(splitBox.x).toBeGreaterThan(readBox.x + readBox.width);
  // (a level connection has an empty box, so it is checked as present, not visible)
  await expect(page.getByRole('group', { name: `Connection ${readId}.table to ${splitId}.table` })).toHaveCount(1);

  // Pan far away from the selected split: the next node still lands in view (no connection: split has two outputs).
  const box = await rect(canvas(page));
  await page.mouse.move(box.x + box.width - 30, box.y + box.height - 30);
  await page.mouse.down();
  await page.mouse.move(box.x + 30, box.y + 30, { steps: 5 });
  await page.mouse.up();
  await addFromPalette(page, 'sql', 'SQL');
  const sqlId = (await nodeIds(page)).find((id) => ![readId, splitId].includes(id))!;
  expect(inside(await rect(node(page, sqlId)), view)).toBe(true);
  await expect(page.getByRole('group', { name: new RegExp(`^Connection .* to ${sqlId}\\.`) })).toHaveCount(0);

  // Double-click on the empty canvas opens quick add there; Enter adds the first match at that point.
  await page.getByRole('button', { name: 'Fit view', exact: true }).click();
  await page.waitForTimeout(300);
  const at = { x: view.x + 80, y: view.y + view.height - 120 };
  await page.mouse.dblclick(at.x, at.y);
  const quick = page.getByRole('combobox', { name: 'Quick add node' });
  await expect(quick).toBeFocused();
  await quick.fill('parquet');
  await expect(page.getByRole('option', { name: /Read Parquet/ })).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'editor-1280-quick-add');
  await quick.press('Enter');
  await expect(quick).toHaveCount(0);
  const parquetBox = await rect(node(page, 'read_parquet'));
  expect(Math.abs(parquetBox.x + parquetBox.width / 2 - at.x)).toBeLessThan(parquetBox.width);
  expect(Math.abs(parquetBox.y - at.y)).toBeLessThan(80);

  // `/` with a node selected: quick add beside it, connected when obvious.
  await node(page, 'read_parquet').click();
  await page.keyboard.press('/');
  await expect(quick).toBeFocused();
  await quick.fill('filter rows');
  await quick.press('Enter');
  await expect(page.getByRole('group', { name: 'Connection read_parquet.table to filter.table' })).toHaveCount(1);
  expect(inside(await rect(node(page, 'filter')), view)).toBe(true);
  // Escape closes it without adding anything.
  await page.keyboard.press('/');
  await quick.press('Escape');
  await expect(quick).toHaveCount(0);
  expect(await nodeIds(page)).toHaveLength(5);
  await shot(page, 'editor-1280-placed');
});

test('dragging a connection highlights the ports that can take it', async ({ appPage: page }) => {
  await openSample(page, 'penguins-species');
  await page.getByRole('button', { name: 'Auto layout' }).click();
  await page.waitForTimeout(400);
  const from = await rect(page.getByLabel('data.table output (table)'));
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 120, from.y + 60, { steps: 6 });
  // split's table input takes a table; gbm's… any model input does not; data's own output is not a target.
  await expect(page.getByLabel('gbm.train input (table)')).toHaveAttribute('data-compatible', 'true');
  await expect(page.getByLabel('evaluate.model input (model)')).toHaveAttribute('data-compatible', 'false');
  await shot(page, 'editor-1280-connection-hints');
  await page.mouse.up();
  await expect(page.getByLabel('gbm.train input (table)')).not.toHaveAttribute('data-compatible', /./);
});

test('auto layout leaves real room between cards, taller ones included', async ({ appPage: page }) => {
  await openSample(page, 'churn');
  await page.getByRole('button', { name: 'Auto layout' }).click();
  await page.waitForTimeout(500);
  // Zoom out with the zoom controls so every card is on screen, then check every pair.
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Zoom Out' }).click();
  await page.waitForTimeout(300);
  const zoom = (await rect(node(page, 'data'))).width / 220;
  const boxes = await Promise.all((await nodeIds(page)).map(async (id) => ({ id, ...(await rect(node(page, id))) })));
  expect(boxes.length).toBeGreaterThan(8);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const dx = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width)) / zoom;
      const dy = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height)) / zoom;
      expect(dx >= 40 || dy >= 40, `${a.id} and ${b.id}: ${dx.toFixed(0)} × ${dy.toFixed(0)} px apart`).toBe(true);
    }
  }
  await shot(page, 'editor-1280-auto-layout');
});

test('a failed run selects and outlines the failed node, names it in a toast, and lists it in Problems with a jump-to', async ({ appPage: page }) => {
  await newPipeline(page, 'broken');
  // An empty pipeline has nothing to run, and says so.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText('Nothing to run: the pipeline has no nodes');

  await addFromPalette(page, 'csv', 'Read CSV');
  await addFromPalette(page, 'sql', 'SQL');
  await node(page, 'read_csv').click();
  const path = page.getByRole('complementary', { name: 'Inspector' }).getByLabel(/^path( \*)?$/);
  await expect(path).toHaveAttribute('placeholder', 'path relative to the project folder');
  await path.fill('no/such/file.csv');
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/);
  await node(page, 'sql').click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  const toast = page.getByRole('alert', { name: 'Node read_csv failed' });
  await expect(toast).toBeVisible();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText('Run failed');
  await expect(page.getByRole('heading', { name: 'Outputs of read_csv' })).toBeVisible();
  await expect(node(page, 'read_csv')).toContainText('Failed');
  const outline = await node(page, 'read_csv').locator('.node-card').evaluate((el) => getComputedStyle(el).outlineWidth);
  expect(parseFloat(outline)).toBeGreaterThanOrEqual(2);
  await shot(page, 'editor-1280-failure');

  // Problems counts the runtime error and never says "No problems" while a node has failed.
  await node(page, 'sql').click();
  await page.getByRole('tab', { name: /^Problems \([1-9]/ }).click();
  const problems = page.getByRole('list', { name: 'Problems' });
  const jump = problems.getByRole('button', { name: /^read_csv failed: .*Show read_csv on the canvas$/ });
  await expect(jump).toBeVisible();
  await expect(page.getByText('No problems.')).toHaveCount(0);

  // Pan the failed node out of sight, then jump to it: selected and back in the middle of the canvas.
  const box = await rect(canvas(page));
  await page.mouse.move(box.x + 40, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 40, box.y + box.height - 40, { steps: 5 });
  await page.mouse.up();
  await jump.click();
  await expect(page.getByRole('heading', { name: 'Outputs of read_csv' })).toBeVisible();
  await page.waitForTimeout(500);
  const failed = await rect(node(page, 'read_csv'));
  const view = await rect(canvas(page));
  expect(Math.abs(failed.x + failed.width / 2 - (view.x + view.width / 2))).toBeLessThan(30);
  expect(Math.abs(failed.y + failed.height / 2 - (view.y + view.height / 2))).toBeLessThan(30);
  await toast.getByRole('button', { name: 'Dismiss failure' }).click();
  await expect(toast).toHaveCount(0);
  await shot(page, 'editor-1280-problems');
});

test('what-if refuses text in a numeric field with an inline message', async ({ appPage: page }) => {
  await openSample(page, 'penguins-species');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 90_000 });
  await node(page, 'gbm').click();
  await page.getByRole('tab', { name: 'What-if' }).click();
  const whatIf = page.getByRole('region', { name: 'What-if' });
  const waterfall = whatIf.getByRole('img', { name: /What-if SHAP waterfall: base/ });
  await expect(waterfall).toBeVisible({ timeout: 30_000 });
  const before = await waterfall.getAttribute('aria-label');
  const field = whatIf.getByLabel('flipper_length_mm', { exact: true });
  await field.fill('abc');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(whatIf.getByRole('alert')).toHaveText(/“abc” is not a number/);
  // Nothing was sent: the explanation is the one before the bad text.
  await page.waitForTimeout(400);
  await expect(waterfall).toHaveAttribute('aria-label', before!);
  await shot(page, 'editor-1280-what-if-invalid');
  await field.fill('190');
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await expect(whatIf.getByRole('alert')).toHaveCount(0);
});

test('the alerts dialog stays inside the window after a retrain and scrolls inside', async ({ appPage: page }) => {
  await page.getByRole('tab', { name: 'churn-drift', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 90_000 });
  await page.getByRole('button', { name: 'Alerts', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Alerts' });
  const row = dialog.getByRole('row', { name: /drifted/ }).first();
  await row.getByRole('button', { name: 'Retrain' }).click();
  await expect(row.getByRole('status', { name: 'Retrain status' })).toHaveText(/: \w+$/, { timeout: 90_000 });
  const box = await rect(dialog);
  expect(inside(box, { x: 0, y: 0, width: 1280, height: 720 })).toBe(true);
  const scroller = dialog.getByRole('region', { name: 'Alerts' });
  const fits = await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 || getComputedStyle(el).overflowX === 'auto');
  expect(fits).toBe(true);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeInViewport();
  await shot(page, 'editor-1280-alerts-after-retrain');
  await dialog.getByRole('button', { name: 'Close' }).click();
});
