// Issue 14 item 7 at 1280×720 (and 1440×900): the start page — new pipelines, samples, recent projects — reached
// from the rail while `npm start` still opens the sample project in the editor, and shown by itself for an empty project.
import { join } from 'node:path';
import { shot } from './canvas-helpers.js';
import { expect, test } from './fixtures.js';

const SAMPLES = ['churn', 'churn-drift', 'housing-prices', 'penguins-species', 'served-monitoring'];

test.use({ viewport: { width: 1280, height: 720 } });

test('the start page offers new pipelines, samples and recent projects, and opens a sample', async ({ appPage: page }) => {
  // Started without a project file: the sample project opens in the editor, not on the start page.
  await expect(page.getByRole('application', { name: 'Pipeline canvas' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'churn', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Start page' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Start page' }).click();
  const start = page.getByRole('region', { name: 'Start page' });
  await expect(start).toBeVisible();
  await expect(page.getByRole('application', { name: 'Pipeline canvas' })).toBeHidden();
  for (const action of ['Pipeline from a CSV file…', 'Empty pipeline', 'Open a project file…', 'Create a project file…']) {
    await expect(start.getByRole('button', { name: action })).toBeVisible();
  }
  const samples = start.getByRole('region', { name: 'Samples' });
  for (const name of SAMPLES) await expect(samples.getByRole('button', { name: `Open sample ${name}`, exact: true })).toBeEnabled();
  const recent = start.getByRole('region', { name: 'Recent projects' });
  await expect(recent.getByRole('listitem').first()).toContainText('sample.plumb');
  await expect(recent.getByRole('listitem').first()).toContainText('open now');
  await expect(start.getByRole('region', { name: /^Pipelines in / }).getByRole('button', { name: 'housing-prices' })).toBeVisible();
  await shot(page, 'start-page-1280');

  // "New from CSV" is the starter dialog.
  await start.getByRole('button', { name: 'Pipeline from a CSV file…' }).click();
  const starter = page.getByRole('dialog', { name: 'New pipeline from a CSV' });
  await expect(starter.getByLabel('CSV file (relative to the project folder)')).toBeVisible();
  await starter.getByRole('button', { name: 'Cancel' }).click();
  await expect(starter).toHaveCount(0);

  // A sample opens in the editor; the Editor tab also leaves the start page.
  await samples.getByRole('button', { name: 'Open sample housing-prices', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'housing-prices', selected: true })).toBeVisible();
  await expect(start).toHaveCount(0);
  await expect(page.getByRole('application', { name: 'Pipeline canvas' })).toBeVisible();
  await page.getByRole('button', { name: 'Start page' }).click();
  await expect(start).toBeVisible();
  await page.getByRole('tab', { name: 'Editor' }).click();
  await expect(start).toHaveCount(0);
});

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('an empty project shows the start page by itself; a sample switches back to the sample project', async ({ appPage: page, app }) => {
    await page.getByRole('button', { name: 'Start page' }).click();
    const start = page.getByRole('region', { name: 'Start page' });
    await start.getByRole('button', { name: 'Create a project file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New project' });
    await dialog.getByLabel('Project file path').fill(join(app.userData, 'empty.plumb'));
    await dialog.getByRole('button', { name: 'Create' }).click();

    // No pipelines: the start page stays, naming the new project.
    await expect(start).toContainText('empty.plumb');
    await expect(start.getByRole('region', { name: 'Recent projects' }).getByRole('listitem').first()).toContainText('open now');
    await expect(start.getByRole('region', { name: 'Samples' })).toContainText('switches to the sample project');
    await shot(page, 'start-page-1440-empty-project');

    await start.getByRole('button', { name: 'Empty pipeline' }).click();
    await expect(page.getByRole('tab', { name: 'pipeline-1', selected: true })).toBeVisible();
    await expect(start).toHaveCount(0);

    await page.getByRole('button', { name: 'Start page' }).click();
    await start.getByRole('region', { name: 'Samples' }).getByRole('button', { name: 'Open sample churn-drift', exact: true }).click();
    await expect(page.getByRole('tab', { name: 'churn-drift', selected: true })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'pipeline-1' })).toHaveCount(0);
  });
});
