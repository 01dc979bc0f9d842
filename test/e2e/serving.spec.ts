// Serving from the app: start the sample's churn champion in the Serving view, send requests from the test (the
// model's own metadata says what columns to send), see throughput and latency move, start an A/B split with the
// challenger (the response header names the version), and stop.
import { test, expect } from './fixtures.js';

interface Metadata {
  metadata: { signature_def: { signature_def: { serving_default: { inputs: Record<string, { dtype: string; categories?: string[] }> } } } };
}

test('serve the champion, watch traffic, split A/B with the challenger, stop', async ({ appPage: page, request }) => {
  await page.getByRole('tab', { name: 'Serving', exact: true }).click();
  const view = page.getByRole('region', { name: 'Serving' });
  await expect(view.getByLabel('Model')).toBeVisible();
  await view.getByLabel('Model').selectOption('churn@champion');
  await view.getByRole('button', { name: 'Start serving' }).click();
  const status = view.getByRole('status', { name: 'Serving status' });
  await expect(status).toContainText(/Serving churn at http:\/\/127\.0\.0\.1:\d+/);
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec((await status.textContent())!)![0];

  // One valid row from the model's input signature.
  const meta = (await (await request.get(`${url}/v1/models/churn/metadata`)).json()) as Metadata;
  const inputs = meta.metadata.signature_def.signature_def.serving_default.inputs;
  const row = Object.fromEntries(Object.entries(inputs).map(([name, c]) => [name, c.dtype === 'DT_STRING' ? c.categories![0] : 1]));
  const send = async () => {
    const response = await request.post(`${url}/v1/models/churn:predict`, { data: { instances: [row] } });
    expect(response.status()).toBe(200);
    return response.headers()['x-plumb-model-version'];
  };
  for (let i = 0; i < 25; i++) expect(await send()).toBe('1');

  const summary = view.getByRole('definition').first();
  await expect(summary).toHaveText(/^(2[5-9]|[3-9]\d|\d{3,})$/);
  await expect(view.getByRole('figure', { name: 'Throughput and latency' })).toBeVisible();
  await expect(view.getByRole('group', { name: 'Live numbers' }).or(view.getByLabel('Live numbers'))).toContainText(/\d+\.\d\d ms/);
  const recent = view.getByRole('table', { name: 'Last requests' });
  await expect(recent.getByRole('row').nth(1)).toContainText('/v1/models/churn:predict');

  // A/B: champion 50, challenger 50; both versions answer, sticky by key.
  await view.getByLabel('A/B with').selectOption('churn@challenger');
  await view.getByLabel('Weight A').fill('50');
  await view.getByLabel('Weight B').fill('50');
  await view.getByRole('button', { name: 'Restart serving' }).click();
  await expect(status).toContainText(/version 1 \(churn@champion, 50%\), version 2 \(churn@challenger, 50%\)/);
  const url2 = /http:\/\/127\.0\.0\.1:\d+/.exec((await status.textContent())!)![0];
  const versions = new Set<string>();
  for (let i = 0; i < 40; i++) {
    const response = await request.post(`${url2}/v1/models/churn:predict`, { data: { key: `customer-${i}`, instances: [row] } });
    expect(response.status()).toBe(200);
    versions.add(response.headers()['x-plumb-model-version']);
  }
  expect([...versions].sort()).toEqual(['1', '2']);
  await expect(recent.getByRole('row').nth(1).getByRole('cell').nth(3)).toHaveText(/^[12]$/);

  await view.getByRole('button', { name: 'Stop serving' }).click();
  await expect(status).toHaveText('Not serving');
  await expect(request.get(`${url2}/ping`)).rejects.toThrow();
});
