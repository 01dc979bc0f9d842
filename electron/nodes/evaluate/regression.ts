// evaluate.regression: the model's predictions on rows with known values, scored by ml/metrics (SPEC §6).
import { evaluateRegression as declaration } from '../../../shared/catalog/evaluate/regression.js';
import { invalidInput } from '../../../shared/errors.js';
import { regressionMetrics } from '../../ml/metrics/index.js';
import { loadModelFile } from '../../ml/model-file.js';
import { implementNode } from '../env.js';
import { readLabelledData, tableFrom } from '../inputs/model-data.js';
import { predictInWorker } from '../inputs/predict-rows.js';

export const evaluateRegressionNode = implementNode({
  declaration,
  implVersion: 1,
  async run(ctx, inputs, params, env) {
    const file = loadModelFile(inputs.model);
    if (file.task !== 'regression') throw invalidInput('this is a classification model: use evaluate.classification');
    const { X, y } = await readLabelledData(ctx, env, tableFrom(inputs, 'data'), file, 'data');
    if (y.task !== 'regression') throw invalidInput('the target is not numeric');
    const out = await predictInWorker(ctx, env, file, X);
    return { metrics: regressionMetrics(y.values, Float64Array.from(out.prediction), params.seed) };
  },
});
