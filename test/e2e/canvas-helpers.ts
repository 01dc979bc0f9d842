// What the editor specs share: screenshots for review, nodes and the canvas by role, boxes, and the first steps of
// building a pipeline (a new pipeline, nodes from the palette).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.js';

const screens = resolve(import.meta.dirname, '../../test-results/screens');
mkdirSync(screens, { recursive: true });
export const shot = (page: Page, name: string) => page.screenshot({ path: join(screens, `${name}.png`) });

export type Rect = { x: number; y: number; width: number; height: number };

export const node = (page: Page, id: string) => page.getByRole('group', { name: `Node ${id}` });
/** Selects a node from the keyboard: works for cards outside the visible part of the canvas too. */
export async function selectNode(page: Page, id: string): Promise<void> {
  await node(page, id).focus();
  await page.keyboard.press('Enter');
}

export const canvas = (page: Page) => page.getByRole('application', { name: 'Pipeline canvas' });

export async function rect(locator: Locator): Promise<Rect> {
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  return box!;
}

export const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;
export const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

export async function nodeIds(page: Page): Promise<string[]> {
  return page.getByRole('group', { name: /^Node / }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!.slice(5)));
}

export async function newPipeline(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New pipeline' }).click();
  const dialog = page.getByRole('dialog', { name: 'New pipeline' });
  await dialog.getByLabel('Pipeline name').fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('tab', { name, exact: true, selected: true })).toBeVisible();
}

export async function addFromPalette(page: Page, search: string, title: string): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Search nodes' });
  await box.fill(search);
  await page.getByRole('button', { name: `Add ${title}` }).click();
  await box.fill('');
}


/** Imports `yaml` as pipeline `name`, opens its tab and runs it to the end. */
export async function importAndRun(page: Page, yaml: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Import YAML' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import YAML' });
  await importDialog.getByLabel('YAML text').fill(yaml);
  await importDialog.getByLabel('Pipeline name (optional)').fill(name);
  await importDialog.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 120_000 });
}

/** Selects a node from the keyboard (it may lie outside the visible canvas) and waits for its outputs. */
export async function openOutputs(page: Page, id: string): Promise<void> {
  await selectNode(page, id);
  await expect(page.getByRole('heading', { name: `Outputs of ${id}` })).toBeVisible();
}
