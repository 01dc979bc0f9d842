// The LIME panel warns when the local surrogate follows the model poorly (local R² below 0.5), and only then.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LimePanel } from '../../../../../renderer/panels/explain/LimePanel.js';

const lime = (score: number) => ({
  rows: [{ row: 7, intercept: 0.2, prediction: 0.8, local_prediction: 0.7, score, weights: [{ feature: 'x', condition: 'x <= 3.2', weight: 0.4 }] }],
});

describe('LimePanel', () => {
  it('shows a fidelity warning below R² 0.5 and none from 0.5 up', () => {
    expect(renderToStaticMarkup(createElement(LimePanel, { value: lime(0.31) }))).toMatch(/aria-label="LIME fidelity warning"[^>]*>The local model explains only 0\.31 .*row 7/);
    expect(renderToStaticMarkup(createElement(LimePanel, { value: lime(0.5) }))).not.toMatch(/fidelity warning/);
    expect(renderToStaticMarkup(createElement(LimePanel, { value: lime(0.93) }))).not.toMatch(/fidelity warning/);
  });
});
