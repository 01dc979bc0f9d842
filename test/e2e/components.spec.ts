// Components as a KNIME user knows metanodes, at 1280×720: group three connected nodes of the sample pipeline into
// a component (one node, same results), find it in the palette of a new pipeline, expand it to see inside, ungroup
// it back into its nodes; the exported YAML carries the `components:` section.
import type { Page } from '@playwright/test';
import { newPipeline, node, nodeIds, selectNode, shot } from './canvas-helpers.js';
import { expect, test } from './fixtures.js';

test.use({ viewport: { width: 1280, height: 720 } });

/** Adds the focused-from-keyboard node to the selection (Ctrl+Space, as Ctrl+click does). */
async function addToSelection(page: Page, id: string): Promise<void> {
  await node(page, id).focus();
  await page.keyboard.down('Control');
  await page.keyboard.press(' ');
  await page.keyboard.up('Control');
}

const status = (page: Page, id: string) => node(page, id).locator('[data-status]').first();
const inner = (page: Page, component: string, id: string) => page.getByRole('group', { name: `Inside component ${component}: ${id}` });

async function speciesSummary(page: Page): Promise<string> {
  await selectNode(page, 'by_species');
  const grid = page.getByRole('grid', { name: 'Rows of by_species.table' });
  await expect(grid).toBeVisible({ timeout: 30_000 });
  await expect(grid.getByText('Gentoo')).toBeVisible();
  return grid.innerText();
}

test('group nodes into a component, run it, reuse it from the palette, expand and ungroup it', async ({ appPage: page }) => {
  await page.getByRole('tab', { name: 'penguins-species', exact: true }).click();
  await expect(node(page, 'split')).toHaveCount(1);

  // The result before grouping: the per-species summary computed from split's training rows.
  await selectNode(page, 'by_species');
  await page.getByRole('button', { name: 'Run to selected node' }).click();
  await expect(status(page, 'by_species')).toHaveAttribute('data-status', /done|cached/, { timeout: 90_000 });
  const before = await speciesSummary(page);

  // Select measured → clean → split and group them (Ctrl+G).
  await selectNode(page, 'measured');
  await addToSelection(page, 'clean');
  await addToSelection(page, 'split');
  await page.keyboard.press('Control+g');
  const dialog = page.getByRole('dialog', { name: 'Group into component' });
  await expect(dialog).toBeVisible();
  const ports = dialog.getByRole('list', { name: 'Component ports' });
  await expect(ports).toContainText('input table (table) ← data.table');
  await expect(ports).toContainText('output train (table) ← split.train');
  await expect(ports).toContainText('output test (table) ← split.test');
  await dialog.getByLabel('Component name').fill('prep');
  await dialog.getByLabel('split.seed').check();
  await shot(page, 'components-group-dialog');
  await dialog.getByRole('button', { name: 'Group' }).click();
  await expect(dialog).toBeHidden();

  // One node in place of three, wired to what they were wired to.
  const ids = await nodeIds(page);
  expect(ids).toContain('prep');
  expect(ids).not.toContain('measured');
  expect(ids).not.toContain('split');
  await expect(page.getByRole('group', { name: 'Connection prep.train to gbm.train' })).toHaveCount(1);
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/);
  await shot(page, 'components-grouped');

  // The whole pipeline runs; the component shows its inner nodes' summed-up status; the summary is unchanged.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 120_000 });
  await expect(status(page, 'prep')).toHaveAttribute('data-status', /done|cached/);
  await expect(status(page, 'quality_gate')).toHaveAttribute('data-status', /done|cached/);
  expect(await speciesSummary(page)).toBe(before);

  // Expanded in place: the inner nodes with their own run status.
  await page.getByRole('button', { name: 'Expand component prep' }).click();
  await expect(inner(page, 'prep', 'split')).toHaveCount(1);
  await expect(inner(page, 'prep', 'split').locator('[data-status]')).toHaveAttribute('data-status', /done|cached/);
  await selectNode(page, 'prep');
  await shot(page, 'components-expanded-after-run');
  await page.getByRole('button', { name: 'Collapse component prep' }).click();
  await expect(inner(page, 'prep', 'split')).toHaveCount(0);

  // The YAML keeps the component.
  await page.getByRole('button', { name: 'Export YAML' }).click();
  const exported = await page.getByRole('textbox', { name: 'Exported YAML' }).inputValue();
  expect(exported).toContain('components:');
  expect(exported).toContain('type: component.prep');
  expect(exported).toMatch(/seed: ["']?\$\{seed\}/);
  await page.getByRole('dialog', { name: 'Export YAML' }).getByRole('button', { name: 'Close' }).click();

  // A new pipeline finds the component in the palette.
  await newPipeline(page, 'reuse');
  await page.getByRole('searchbox', { name: 'Search nodes' }).fill('prep');
  await expect(page.getByRole('heading', { name: 'Components' })).toBeVisible();
  await page.getByRole('button', { name: 'Add component prep' }).click();
  await page.getByRole('searchbox', { name: 'Search nodes' }).fill('');
  await expect(node(page, 'prep')).toHaveCount(1);
  await page.getByRole('button', { name: 'Expand component prep' }).click();
  await expect(inner(page, 'prep', 'clean')).toHaveCount(1);
  await shot(page, 'components-expanded-new-pipeline');

  // Ungroup from the node's context menu: its three nodes come back, connected.
  await node(page, 'prep').click({ button: 'right', position: { x: 60, y: 12 } });
  await expect(page.getByRole('menu', { name: 'Actions for prep' })).toBeVisible();
  await shot(page, 'components-context-menu');
  await page.getByRole('menuitem', { name: /Ungroup component/ }).click();
  await expect.poll(() => nodeIds(page)).toEqual(['measured', 'clean', 'split']);
  await expect(page.getByRole('group', { name: 'Connection clean.table to split.table' })).toHaveCount(1);
  await shot(page, 'components-ungrouped');

  // Undo brings the component back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => nodeIds(page)).toEqual(['prep']);
});
