// Issue 17 items 2, 3, 7 and issue 14 item 9 at 1280×720, as a new user would: a churn model behind one-hot
// encoding; interactions; the what-if form on the original columns (typed validation, test rows) and what to change
// for a customer predicted to churn; the threshold with costs saved as a new model version; fairness by a column;
// the explanation report exported as HTML (no scripts, every section) and as PDF (Chromium's print-to-PDF), also
// under the print CSP the desktop app prints it with.
import { readFileSync } from 'node:fs';
import { printablePage } from '../../shared/explain-report/printable-page.js';
import { expect, test } from './fixtures.js';
import { importAndRun, openOutputs, shot } from './canvas-helpers.js';

test.use({ viewport: { width: 1280, height: 720 } });

const PIPELINE = `plumb: 1
name: explain-report
nodes:
  - id: data
    type: data.read_csv
    params: { path: datasets/churn.csv }
  - id: encode
    type: data.encode
    inputs: { table: data.table }
    params: { exclude: [churn, senior] }
  - id: split
    type: data.split
    inputs: { table: encode.table }
    params: { test_size: 0.2, seed: 42, stratify: churn }
  - id: forest
    type: model.random_forest
    inputs: { train: split.train }
    params: { target: churn, n_estimators: 30, max_depth: 6 }
  - id: interactions
    type: explain.interactions
    inputs: { model: forest.model, data: split.test }
    params: { max_rows: 100 }
  - id: evaluate
    type: evaluate.classification
    inputs: { model: forest.model, data: split.test }
  - id: fairness
    type: evaluate.fairness
    inputs: { model: forest.model, data: split.test }
    params: { sensitive: [senior] }
  - id: counterfactual
    type: explain.counterfactual
    inputs: { model: forest.model, data: split.test, background: split.train }
    params: { k: 2, max_rows: 3 }
`;

test('what-if on original columns, counterfactuals, threshold saved as a version, fairness and the explanation report', async ({ appPage: page, context }) => {
  test.slow(); // a full run (forest, interactions, counterfactuals) and every panel: past 2 minutes on a loaded 2-core machine
  await importAndRun(page, PIPELINE, 'explain-report');
  const outputs = page.getByRole('region', { name: 'Outputs' });
  const open = (id: string) => openOutputs(page, id);

  // Interactions.
  await open('interactions');
  await expect(outputs.getByRole('figure', { name: 'Interaction heat map' })).toBeVisible();

  // What-if on the original columns: contract is a select of its categories, tenure a checked number field.
  await open('forest');
  await outputs.getByRole('tab', { name: 'What-if' }).click();
  const inputs = outputs.getByRole('table', { name: 'What-if inputs' });
  await expect(inputs.getByRole('columnheader', { name: 'column (before preprocessing)' })).toBeVisible();
  await expect(outputs.getByLabel('Rows from')).toContainText('split.test');
  const contract = inputs.getByRole('combobox', { name: 'contract' });
  await expect(contract.getByRole('option')).toHaveText(['(missing)', 'month-to-month', 'one_year', 'two_year']);
  const tenure = inputs.getByRole('textbox', { name: 'tenure_months' });
  await tenure.fill('abc');
  await expect(inputs.getByRole('alert')).toContainText('“abc” is not a number');
  await expect(tenure).toHaveAttribute('aria-invalid', 'true');
  await expect(inputs.getByText(/whole number, rows: \d+ – \d+/).first()).toBeVisible();
  // text that is not a number is never sent: the edit starts only with a number
  await expect(outputs.getByRole('button', { name: 'Reset edits' })).toBeDisabled();
  await tenure.fill('12');
  await expect(tenure).toHaveAttribute('aria-invalid', 'false');
  await outputs.getByRole('button', { name: 'Reset edits' }).click();

  // Find a test row the model predicts will churn ("yes"): the denied decision to explain.
  const prediction = outputs.getByRole('region', { name: 'Prediction of the edited row' });
  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await outputs.getByLabel('Row', { exact: true }).fill(String(i));
    await expect(prediction).toHaveAttribute('aria-busy', 'false');
    found = /Prediction: yes/.test((await prediction.textContent()) ?? '');
  }
  expect(found).toBe(true);
  await outputs.getByRole('tab', { name: 'Counterfactuals' }).click();
  await outputs.getByText('Constraints (what may change, and how)').click();
  await outputs.getByLabel('Keep senior fixed').check();
  await outputs.getByLabel('Direction of monthly_charges').selectOption('down');
  await outputs.getByRole('button', { name: 'Find counterfactuals' }).click();
  const results = outputs.getByRole('region', { name: 'Counterfactual results' });
  await expect(results).toContainText('Searched in the original columns');
  await expect(results).toContainText('median absolute deviation');
  const generated = results.getByRole('table', { name: 'Generated counterfactuals' });
  await expect(generated.getByRole('row').nth(1)).toContainText('→');
  await expect(generated.getByRole('row').nth(1)).toContainText('no');
  await expect(generated).not.toContainText('senior:');
  await expect(results.getByRole('region', { name: 'Nearest counterfactual' })).toContainText(/distance/);
  await page.getByRole('button', { name: 'Maximize outputs' }).click();
  await results.scrollIntoViewIfNeeded();
  await shot(page, 'explain-report-what-if-counterfactuals');
  await page.getByRole('button', { name: /Restore outputs|Maximize outputs/ }).click();

  // Threshold and cost, saved as a new version of the model.
  await open('evaluate');
  const panel = outputs.getByRole('region', { name: 'Threshold and cost' });
  await panel.getByRole('slider', { name: 'Decision threshold' }).fill('8');
  await panel.getByLabel('Cost of a false negative').fill('5');
  await panel.getByRole('button', { name: 'Use cost-optimal threshold' }).click();
  await panel.getByLabel('Model name for the new version').fill('churn-forest');
  await panel.getByRole('button', { name: 'Save as new version' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Saved churn-forest version 1' })).toContainText(/decision threshold 0\.\d+/);
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'explain-report-threshold-saved');

  // Fairness by the senior column.
  await open('fairness');
  await expect(outputs.getByRole('figure', { name: 'Rates by group' })).toBeVisible();
  await shot(page, 'explain-report-fairness-export');

  // The explanation report: one HTML file without scripts, every section; then as PDF.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export explanation report' }).click();
  const download = await downloading;
  const html = readFileSync((await download.path())!, 'utf8');
  expect(html).not.toMatch(/<script/i);
  for (const section of ['SHAP interaction heat map of interactions', 'Rates per group of fairness']) expect(html).toContain(section);
  expect(html).toContain('<h3>Counterfactuals</h3>');
  expect(html).toContain('<h3>Fairness by senior');

  const printing = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Report as PDF…' }).click();
  const tab = await printing;
  await expect(tab.getByRole('heading', { level: 1 })).toContainText('Explanation report: explain-report');
  await tab.close();

  const printed = await context.newPage();
  await printed.setViewportSize({ width: 1280, height: 720 });
  await printed.setContent(html);
  await shot(printed, 'explain-report-html');
  const pdf = await printed.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(pdf.length).toBeGreaterThan(10_000);
  await printed.close();

  // The desktop app prints the page under the print CSP (navigated to, as its hidden window loads it): the inline CSS
  // and SVG still render, while a script slipped into the page does not run.
  const locked = await context.newPage();
  await locked.setViewportSize({ width: 1280, height: 720 });
  const slipped = html.replace('</body>', '<script>document.documentElement.dataset.ran = "yes"</script></body>');
  await locked.route('http://report.invalid/', (route) => route.fulfill({ contentType: 'text/html', body: printablePage(slipped) }));
  await locked.goto('http://report.invalid/');
  await expect(locked.getByRole('heading', { level: 1 })).toContainText('Explanation report: explain-report');
  expect(await locked.evaluate(() => document.documentElement.dataset.ran ?? 'no')).toBe('no');
  expect(await locked.locator('h1').evaluate((h) => getComputedStyle(h).fontSize)).toBe('20px');
  expect((await locked.locator('figure svg').first().boundingBox())?.width).toBeGreaterThan(100);
  const lockedPdf = await locked.pdf({ format: 'A4', printBackground: true });
  expect(lockedPdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  await locked.close();
});
