// What-if: an edited row is predicted like the model predicts, and its contributions add up to the raw output.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipelineDocument } from '../../../../electron/api/pipeline-run.js';
import { explainModelRow } from '../../../../electron/api/what-if.js';
import { loadModelFile } from '../../../../electron/ml/model-file.js';
import { predictWithModel } from '../../../../electron/ml/model-file/predict.js';
import type { PlumbModelFile } from '../../../../electron/ml/model-file/types.js';
import { rowMatrix } from '../../../../electron/api/what-if.js';

const datasets = resolve(import.meta.dirname, '../../../../assets/datasets');
const models = new Map<string, PlumbModelFile>();

beforeAll(async () => {
  const result = await runPipelineDocument({
    baseDir: datasets,
    document: {
      plumb: 1,
      name: 'what-if',
      nodes: [
        { id: 'penguins', type: 'data.read_csv', params: { path: 'penguins.csv' } },
        { id: 'gbm', type: 'model.gradient_boosting', inputs: { train: 'penguins.table' }, params: { target: 'species', max_iter: 20 } },
        { id: 'forest', type: 'model.random_forest', inputs: { train: 'penguins.table' }, params: { target: 'sex', n_estimators: 10 } },
        { id: 'housing', type: 'data.read_csv', params: { path: 'housing.csv' } },
        { id: 'numeric', type: 'data.select', inputs: { table: 'housing.table' }, params: { drop: ['neighborhood', 'garage'] } },
        { id: 'linear', type: 'model.linear_regression', inputs: { train: 'numeric.table' }, params: { target: 'price' } },
      ],
    },
    onNodeOutputs: async (node, outputs) => {
      if (outputs.model) models.set(node, loadModelFile(outputs.model));
    },
  });
  expect(result.status).toBe('ok');
});

const penguin = { island: 'Biscoe', bill_length_mm: 47.5, bill_depth_mm: 15.0, flipper_length_mm: 218, body_mass_g: 4950, sex: 'MALE' };

describe('what-if', () => {
  it('explains a multiclass tree model row: the prediction matches the model and base + Σφ is the class margin', () => {
    const file = models.get('gbm')!;
    const answer = explainModelRow(file, penguin);
    const out = predictWithModel(file, rowMatrix(file, penguin));
    expect(answer.prediction).toBe(file.classes[out.prediction[0]]);
    expect(answer.method).toBe('tree');
    const k = file.classes.indexOf(answer.explainedClass!);
    const margin = out.margin![k];
    const total = answer.base_value + answer.contributions.reduce((s, c) => s + c.shap, 0);
    expect(total).toBeCloseTo(margin, 9);
    expect(answer.output_value).toBeCloseTo(margin, 9);
    expect(Object.values(answer.proba!).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // Choosing another class explains that class's margin.
    const other = (k + 1) % file.classes.length;
    const forOther = explainModelRow(file, penguin, other);
    expect(forOther.output_value).toBeCloseTo(out.margin![other], 9);
  });

  it('editing a feature moves the prediction and only that feature can change the sum', () => {
    const file = models.get('gbm')!;
    const heavy = explainModelRow(file, penguin);
    const light = explainModelRow(file, { ...penguin, flipper_length_mm: 185, bill_depth_mm: 19 });
    expect(light.prediction).not.toBe(heavy.prediction);
  });

  it('maps unseen categorical levels and blanks to missing, like predict does', () => {
    const file = models.get('forest')!;
    const answer = explainModelRow(file, { ...penguin, island: 'Atlantis', body_mass_g: null });
    const out = predictWithModel(file, rowMatrix(file, { ...penguin, island: 'Atlantis', body_mass_g: null }));
    expect(answer.output_value).toBeCloseTo(out.margin![0], 9);
    expect(Number.isNaN(rowMatrix(file, { ...penguin, island: 'Atlantis' }).columns[file.features.indexOf('island')][0])).toBe(true);
  });

  it('explains a linear model against its training means (closed form)', () => {
    const file = models.get('linear')!;
    const house = { sqft: 2100, bedrooms: 3, bathrooms: 2, year_built: 1990, lot_size: 6000, distance_km: 4.5 };
    const answer = explainModelRow(file, house);
    expect(answer.method).toBe('linear');
    const out = predictWithModel(file, rowMatrix(file, house));
    expect(answer.prediction).toBeCloseTo(out.prediction[0], 6);
    expect(answer.output_value).toBeCloseTo(out.prediction[0], 6);
    // φ_j = w_j (x_j − mean_j): doubling the distance from the mean doubles the contribution.
    const base = explainModelRow(file, { ...house, sqft: 2100 });
    const moved = explainModelRow(file, { ...house, sqft: 2600 });
    const delta = moved.contributions.find((c) => c.feature === 'sqft')!.shap - base.contributions.find((c) => c.feature === 'sqft')!.shap;
    const moved2 = explainModelRow(file, { ...house, sqft: 3100 });
    const delta2 = moved2.contributions.find((c) => c.feature === 'sqft')!.shap - base.contributions.find((c) => c.feature === 'sqft')!.shap;
    expect(delta2).toBeCloseTo(2 * delta, 6);
  });

  it('rejects text where a number is needed, naming the feature', () => {
    expect(() => explainModelRow(models.get('linear')!, { sqft: 'big' })).toThrow(/sqft/);
  });
});
