// File picking at 1280×720 (issue 14, item 6): Browse… on a file param opens the browser host's file browser
// (project folder only), picking datasets/churn.csv sets the path and fills the pickers downstream; a CSV file
// dropped onto the canvas is uploaded into the project folder and becomes a read_csv node that runs.
import type { Page } from '@playwright/test';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addFromPalette, canvas, newPipeline, nodeIds, shot } from './canvas-helpers.js';
import { test, expect } from './fixtures.js';

test.use({ viewport: { width: 1280, height: 720 } });

const node = (page: Page, id: string) => page.getByRole('group', { name: `Node ${id}`, exact: true });

test('Browse… picks a file from the project folder and the column pickers downstream fill', async ({ appPage: page }) => {
  await newPipeline(page, 'picked');
  await addFromPalette(page, 'csv', 'Read CSV');
  const [readId] = await nodeIds(page);

  await page.getByRole('button', { name: 'Browse for path' }).click();
  const browser = page.getByRole('dialog', { name: 'Choose a file' });
  await expect(browser).toBeVisible();
  await expect(browser.getByText('Folder:')).toContainText('Project folder');
  // The project file itself is not a CSV, so only the folder shows at the top.
  await expect(browser.getByRole('button', { name: /^Choose / })).toHaveCount(0);
  await browser.getByRole('button', { name: 'Open folder datasets' }).click();
  await expect(browser.getByText('Folder:')).toContainText('datasets');
  await expect(browser.getByRole('button', { name: 'Choose churn.csv' })).toBeVisible();
  await expect(browser.getByRole('button', { name: 'Up one folder' })).toBeEnabled();
  await shot(page, 'file-picking-browser');
  await browser.getByRole('button', { name: 'Choose churn.csv' }).click();
  await expect(browser).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: /^path( \*)?$/ })).toHaveValue('datasets/churn.csv');

  // A split added after it is wired to it; its stratify picker offers churn.csv's columns without a run.
  await addFromPalette(page, 'split', 'Train/test split');
  const splitId = (await nodeIds(page)).find((id) => id !== readId)!;
  await expect(page.getByRole('group', { name: `Connection ${readId}.table to ${splitId}.table` })).toHaveCount(1);
  const stratify = page.getByRole('combobox', { name: 'stratify', exact: true });
  await expect(stratify).toBeVisible();
  for (const column of ['tenure_months', 'contract', 'churn']) await expect(stratify.locator('option', { hasText: column }).first()).toBeAttached();
  await stratify.selectOption({ label: (await stratify.locator('option', { hasText: /^churn ·/ }).textContent())! });
  await shot(page, 'file-picking-picked');

  // A folder the user adds can be browsed; a file there is used by its absolute path, or copied into the project.
  const outside = mkdtempSync(join(tmpdir(), 'plumb-e2e-outside-'));
  writeFileSync(join(outside, 'extra.csv'), 'x,y\n1,2\n');
  await page.getByRole('group', { name: `Node ${readId}`, exact: true }).click();
  await page.getByRole('button', { name: 'Browse for path' }).click();
  await browser.getByLabel('Add a folder (full path)').fill(outside);
  await browser.getByRole('button', { name: 'Add folder' }).click();
  await expect(browser.getByRole('navigation', { name: 'Places' }).getByRole('button')).toHaveCount(2);
  await shot(page, 'file-picking-added-folder');
  await browser.getByRole('button', { name: 'Choose extra.csv' }).click();
  const pathBox = page.getByRole('textbox', { name: /^path( \*)?$/ });
  await expect(pathBox).toHaveValue(join(realpathSync(outside), 'extra.csv'));
  await page.getByRole('button', { name: 'Copy path into project' }).click();
  await expect(pathBox).toHaveValue('extra.csv');
  await expect(page.getByRole('button', { name: 'Copy path into project' })).toHaveCount(0);

  // Paths outside the project are refused by the host, not just hidden by the dialog.
  const refused = await page.evaluate(async () => {
    const res = await fetch('/api/files.list', { method: 'POST', headers: { 'content-type': 'application/json', 'x-plumb-token': sessionStorage.getItem('plumb-token') ?? '' }, body: JSON.stringify({ folder: '../..' }) });
    return { status: res.status, body: (await res.json()) as { error: { message: string } } };
  });
  expect(refused.status).toBe(400);
  expect(refused.body.error.message).toMatch(/outside the project folder/);
});

test('a CSV dropped onto the canvas is uploaded into the project and becomes a read_csv node that runs', async ({ appPage: page }) => {
  await newPipeline(page, 'dropped');
  const box = await canvas(page).boundingBox();
  const at = { x: box!.x + box!.width / 2, y: box!.y + box!.height / 3 };
  const csv = 'id,score,label\n1,0.5,yes\n2,0.25,no\n3,0.75,yes\n';
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'scores.csv', { type: 'text/csv' }));
    return dt;
  }, csv);
  await canvas(page).dispatchEvent('dragover', { dataTransfer: transfer, clientX: at.x, clientY: at.y });
  await canvas(page).dispatchEvent('drop', { dataTransfer: transfer, clientX: at.x, clientY: at.y });

  await expect(node(page, 'read_csv')).toBeVisible();
  const path = page.getByRole('textbox', { name: /^path( \*)?$/ });
  await expect(path).toHaveValue('scores.csv');
  // Dropped where it was let go: the card's top edge is near the drop point.
  const card = await node(page, 'read_csv').boundingBox();
  expect(Math.abs(card!.x + card!.width / 2 - at.x)).toBeLessThan(card!.width);
  expect(Math.abs(card!.y - at.y)).toBeLessThan(120);

  // The same name again is stored beside it, never over it.
  await canvas(page).dispatchEvent('drop', { dataTransfer: transfer, clientX: at.x + 300, clientY: at.y });
  await expect(node(page, 'read_csv_2')).toBeVisible();
  await expect(path).toHaveValue('scores-2.csv');
  // Adding the node and setting its path is one undo step.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(node(page, 'read_csv_2')).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(node(page, 'read_csv_2')).toBeVisible();
  await node(page, 'read_csv_2').click();
  await expect(path).toHaveValue('scores-2.csv');

  // Something that is not a data file is reported, not added.
  const text = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['hello'], 'notes.md', { type: 'text/markdown' }));
    return dt;
  });
  await canvas(page).dispatchEvent('drop', { dataTransfer: text, clientX: at.x, clientY: at.y + 200 });
  await expect(page.getByText(/notes\.md is not a CSV or Parquet file/)).toBeVisible();
  expect(await nodeIds(page)).toHaveLength(2);

  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText(/Saved/);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 90_000 });
  await expect(node(page, 'read_csv')).toContainText(/done/);
  await node(page, 'read_csv').click();
  await expect(page.getByRole('heading', { name: 'Outputs of read_csv' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /score/ }).first()).toBeVisible();
  await shot(page, 'file-picking-dropped');
});
