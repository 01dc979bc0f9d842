// The explain declarations: one implementation each, valid ui hints, JSON Schema export, and the SPEC's params with
// their defaults (the lead registers the arrays in the global registries).
import { describe, expect, it } from 'vitest';
import { explainNodes } from '../../../../../shared/catalog/explain/index.js';
import { createCatalog } from '../../../../../shared/catalog/catalog.js';
import { catalogToJson } from '../../../../../electron/cli/catalog-json.js';
import { explainImplementations } from '../../../../../electron/nodes/explain/index.js';

describe('explain catalog', () => {
  it('pairs every declaration with its implementation', () => {
    expect(explainImplementations.map((i) => i.declaration)).toEqual([...explainNodes]);
    expect(explainNodes.map((d) => d.type)).toEqual(['explain.shap', 'explain.lime', 'explain.permutation_importance', 'explain.pdp', 'explain.interactions', 'explain.counterfactual']);
  });

  it('declares the SPEC ports and params with their defaults', () => {
    const [shap, lime, permutation, pdp, interactions] = explainNodes;
    expect(Object.keys(shap.inputs)).toEqual(['model', 'data', 'background']);
    expect(shap.inputs.background.optional).toBe(true);
    expect(shap.params.parse({})).toEqual({
      method: 'auto',
      output: 'raw',
      feature_perturbation: 'tree_path_dependent',
      max_rows: 1000,
      nsamples: 'auto',
      group_encoded: true,
      seed: 0,
    });
    expect(shap.params.parse({ nsamples: 500 }).nsamples).toBe(500);
    expect(shap.params.safeParse({ nsamples: 'many' }).success).toBe(false);
    expect(shap.params.safeParse({ output: 'logit' }).success).toBe(false);
    expect(Object.keys(lime.inputs)).toEqual(['model', 'data', 'background']);
    expect(lime.params.parse({})).toMatchObject({ num_features: 10, num_samples: 5000, seed: 0 });
    expect(permutation.params.parse({})).toEqual({ n_repeats: 5, metric: 'auto', seed: 0 });
    expect(pdp.params.parse({})).toMatchObject({ features: [], grid_resolution: 100, percentiles: [0.05, 0.95] });
    expect(pdp.params.safeParse({ percentiles: [0.9, 0.1] }).success).toBe(false);
    expect(Object.keys(interactions.inputs)).toEqual(['model', 'data']);
    expect(interactions.params.parse({})).toEqual({ max_rows: 200, seed: 0 });
    for (const d of explainNodes) expect(Object.keys(d.outputs)).toEqual(['explanation']);
  });

  it('exports a JSON Schema per node and only names real params and ports in ui hints', () => {
    const json = catalogToJson(createCatalog(explainNodes).all());
    expect(json.length).toBe(6);
    for (const entry of json) expect(entry.params).toMatchObject({ type: 'object' });
    for (const d of explainNodes) {
      for (const [name, hint] of Object.entries(d.ui ?? {})) {
        expect(Object.keys(d.params.shape)).toContain(name);
        if (hint && 'port' in hint) expect(Object.keys(d.inputs)).toContain(hint.port);
      }
    }
  });
});
