// Issue 17 in the app at 1280×720: a pipeline with interactions, metrics with the threshold slider and costs,
// fairness by a column, counterfactuals of a row and estimated performance — opened as a new user would.
import { expect, test } from './fixtures.js';
import { importAndRun, openOutputs, shot } from './canvas-helpers.js';

test.use({ viewport: { width: 1280, height: 720 } });

const PIPELINE = `plumb: 1
name: explain-more
nodes:
  - id: data
    type: data.read_csv
    params: { path: datasets/churn.csv }
  - id: split
    type: data.split
    inputs: { table: data.table }
    params: { test_size: 0.2, seed: 42, stratify: churn }
  - id: forest
    type: model.random_forest
    inputs: { train: split.train }
    params: { target: churn, features: [tenure_months, monthly_charges, contract, senior, support_calls], n_estimators: 30, max_depth: 6 }
  - id: interactions
    type: explain.interactions
    inputs: { model: forest.model, data: split.test }
    params: { max_rows: 150 }
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
    params: { k: 3, immutable: [senior], max_rows: 5 }
  - id: estimate
    type: monitor.estimate_performance
    inputs: { model: forest.model, reference: split.test, current: data.table }
    params: { chunk_size: 1000 }
`;

test('interactions, threshold and cost, fairness, counterfactuals and estimated performance', async ({ appPage: page }) => {
  await importAndRun(page, PIPELINE, 'explain-more');
  const outputs = page.getByRole('region', { name: 'Outputs' });
  const open = (id: string) => openOutputs(page, id);

  // Interactions: heat map with its legend, the top pairs, a dependence plot coloured by the strongest partner.
  await open('interactions');
  await expect(outputs.getByRole('figure', { name: 'Interaction heat map' })).toBeVisible();
  const pairs = outputs.getByRole('region', { name: 'Top interaction pairs' });
  await expect(pairs.getByRole('listitem')).toHaveCount(10);
  await outputs.getByLabel('Interaction feature').selectOption({ label: 'tenure_months' });
  await outputs.getByLabel('Dependence value').selectOption('pair');
  await expect(outputs.getByRole('figure', { name: 'Interaction dependence for tenure_months' })).toBeVisible();
  await expect(outputs.getByRole('img', { name: /interaction of tenure_months with/ })).toBeVisible();
  await shot(page, 'explain-more-interactions');

  // Threshold and cost: move the slider, set costs, jump to the cost-optimal threshold.
  await open('evaluate');
  const panel = outputs.getByRole('region', { name: 'Threshold and cost' });
  const matrix = panel.getByRole('table', { name: 'Confusion matrix at the threshold' });
  const before = await matrix.textContent();
  await panel.getByRole('slider', { name: 'Decision threshold' }).fill('5');
  await expect(matrix).not.toHaveText(before!);
  await panel.getByLabel('Cost of a false negative').fill('5');
  await expect(panel.getByRole('status', { name: 'Cost-optimal threshold' })).toContainText(/Cost-optimal threshold: 0\.\d+/);
  await panel.getByRole('button', { name: 'Use cost-optimal threshold' }).click();
  await expect(panel.getByRole('button', { name: 'Use cost-optimal threshold' })).toBeDisabled();
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'explain-more-threshold');

  // Fairness by the senior column.
  await open('fairness');
  await expect(outputs.getByRole('figure', { name: 'Rates by group' })).toBeVisible();
  const disparities = outputs.getByRole('table', { name: 'Fairness disparities' });
  await expect(disparities.getByRole('row', { name: /Demographic parity difference/ })).toContainText(/0\.\d+/);
  await expect(outputs.getByRole('table', { name: 'Rates by group table' }).getByRole('row')).toHaveCount(3);
  await shot(page, 'explain-more-fairness');

  // Counterfactuals: what to change for a row to get another decision.
  await open('counterfactual');
  const generated = outputs.getByRole('table', { name: 'Generated counterfactuals' });
  await expect(generated.getByRole('row')).toHaveCount(4);
  await expect(generated).toContainText('→');
  await expect(outputs.getByText(/DiCE proximity/)).toBeVisible();
  await expect(outputs.getByRole('region', { name: 'Nearest counterfactual' })).toContainText(/distance/);
  await shot(page, 'explain-more-counterfactual');

  // Estimated performance per chunk with its band and thresholds.
  await open('estimate');
  await outputs.getByLabel('Estimated metric').selectOption('accuracy');
  await expect(outputs.getByRole('figure', { name: 'Estimated accuracy per chunk' })).toBeVisible();
  await shot(page, 'explain-more-estimate');
});
