// A data scientist trains, evaluates and explains in the app: metrics charts, SHAP views and what-if.
import { test, expect } from './fixtures.js';
import { selectNode } from './canvas-helpers.js';

test('penguins: confusion matrix, SHAP summary and waterfall, and a live what-if', async ({ appPage: page }) => {
  await page.getByRole('tab', { name: 'penguins-species', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 90_000 });

  await selectNode(page, 'evaluate');
  const matrix = page.getByRole('table', { name: 'Confusion matrix' });
  await expect(matrix).toBeVisible();
  await expect(matrix).toContainText('Gentoo');

  await selectNode(page, 'shap');
  await expect(page.getByRole('figure', { name: 'SHAP summary' })).toBeVisible();
  // Click one dot of the beeswarm (found by its colour on the canvas): that row's waterfall opens.
  const swarm = page.getByRole('img', { name: /^SHAP summary:/ });
  const dot = await swarm.evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const { width, height } = canvas;
    const pixels = ctx.getImageData(0, 0, width, height).data;
    const scale = canvas.getBoundingClientRect().width / width;
    for (let y = 0; y < height; y++) {
      for (let x = Math.floor(width * 0.3); x < width; x++) {
        const i = (y * width + x) * 4;
        const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]];
        if (pixels[i + 3] > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 80) return { x: x * scale + 1, y: y * scale + 1 };
      }
    }
    return null;
  });
  expect(dot).not.toBeNull();
  await swarm.click({ position: dot! });
  await expect(page.getByRole('figure', { name: /SHAP waterfall for row/ }).first()).toBeVisible();

  await selectNode(page, 'gbm');
  await page.getByRole('tab', { name: 'What-if' }).click();
  const whatIf = page.getByRole('region', { name: 'What-if' });
  await expect(whatIf).toBeVisible();
  const waterfall = whatIf.getByRole('img', { name: /What-if SHAP waterfall: base/ });
  await expect(waterfall).toBeVisible({ timeout: 30_000 });
  // Editing a feature re-explains the row: the waterfall's summary changes.
  const before = await waterfall.getAttribute('aria-label');
  const flipper = whatIf.getByLabel('flipper_length_mm', { exact: true });
  await flipper.fill('172');
  await expect(waterfall).not.toHaveAttribute('aria-label', before!);
});

test('churn: the random forest gets ROC, precision-recall and calibration curves', async ({ appPage: page }) => {
  await page.getByRole('tab', { name: 'churn', exact: true }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toHaveText(/finished/i, { timeout: 90_000 });
  await selectNode(page, 'evaluate_forest');
  for (const name of [/ROC curve/, 'Precision-recall curve', /Calibration/]) {
    await expect(page.getByRole('figure', { name }).first()).toBeVisible();
  }
});
