// Monitoring in the app: run the sample drift pipeline, read the drift view (verdict, drifted columns on top,
// overlay chart, HTML export, the PDF print tab), see the alert it raised, and retrain the churn model from the alert.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.js';
import { selectNode } from './canvas-helpers.js';

test('churn-drift: drifted columns on top with an overlay chart, an alert, and a retrain run', async ({ appPage: page, context }) => {
  await page.getByRole('tab', { name: 'churn-drift', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 90_000 });

  await selectNode(page, 'drift');
  const report = page.getByRole('region', { name: 'Drift report' });
  await expect(report.getByRole('status', { name: 'Dataset verdict' })).toHaveText('Dataset drift detected');
  const table = report.getByRole('table', { name: 'Drift by column' });
  const verdicts = await table.locator('tbody tr td:last-child').allTextContents();
  expect(verdicts.length).toBe(9);
  // Drifted columns come first, and there are some of each.
  const firstStable = verdicts.indexOf('stable');
  expect(firstStable).toBeGreaterThan(0);
  expect(verdicts.slice(firstStable).every((v) => v === 'stable')).toBe(true);
  // The most drifted column is shown first; picking another column shows its overlay.
  await expect(report.getByRole('figure', { name: /^Distribution of monthly_charges: reference vs current/ })).toBeVisible();
  await report.getByRole('button', { name: 'Show distribution of contract' }).click();
  const overlay = report.getByRole('figure', { name: 'Distribution of contract: reference vs current' });
  await expect(overlay).toBeVisible();
  await expect(overlay.locator('.recharts-bar-rectangle').first()).toBeVisible();

  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Export HTML' }).click();
  const html = readFileSync((await (await download).path())!, 'utf8');
  expect(html).toContain('Dataset drift detected');
  expect(html).toContain('monthly_charges');
  expect(html).not.toContain('<script');
  // In the browser host the PDF export opens the same report in a print tab, under the print CSP.
  const printing = context.waitForEvent('page');
  await report.getByRole('button', { name: 'Report as PDF…' }).click();
  const tab = await printing;
  await expect(tab.getByRole('heading', { level: 1 })).toContainText('Drift report');
  await expect(tab.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /default-src 'none'/);
  await tab.close();

  // The alert node fired: the badge counts it and the list shows it.
  await expect(page.getByRole('status', { name: 'Unacknowledged alerts' })).toHaveText('1');
  await page.getByRole('button', { name: 'Alerts', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Alerts' });
  const row = dialog.getByRole('row', { name: /The new batch of customers drifted/ });
  await expect(row).toContainText('warning');
  await expect(row).toContainText('dataset_drift or share_drifted >= 0.3');

  await row.getByRole('button', { name: 'Retrain' }).click();
  await expect(row.getByRole('status', { name: 'Retrain status' })).toHaveText(/: ok$/, { timeout: 90_000 });
  await expect(row.getByRole('button', { name: 'Retrain' })).toBeDisabled();
  // The refitted forest is the next churn version, aliased challenger, shown against the champion.
  const comparison = row.getByRole('table', { name: /^churn: retrained v3 \(challenger\) against v1 \(champion\)$/ });
  await expect(comparison).toBeVisible();
  await expect(comparison.getByRole('row', { name: /roc_auc/ }).first()).toBeVisible();
  await row.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(row.getByRole('button', { name: 'Acknowledged' })).toBeDisabled();
  await expect(page.getByRole('status', { name: 'Unacknowledged alerts' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The retrain run is a normal run of the churn pipeline.
  await page.getByRole('tab', { name: 'churn', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i);
});
