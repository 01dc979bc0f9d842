// evaluate.classification: the model's probabilities on labelled rows, scored by ml/metrics (SPEC §6).
import { evaluateClassification as declaration } from '../../../shared/catalog/evaluate/classification.js';
import { invalidInput } from '../../../shared/errors.js';
import { classificationMetrics } from '../../ml/metrics/index.js';
import { loadModelFile } from '../../ml/model-file.js';
import { implementNode } from '../env.js';
import { readLabelledData, tableFrom } from '../inputs/model-data.js';
import { predictInWorker } from '../inputs/predict-rows.js';

export const evaluateClassificationNode = implementNode({
  declaration,
  implVersion: 2,
  async run(ctx, inputs, _params, env) {
    const file = loadModelFile(inputs.model);
    if (file.task !== 'classification') throw invalidInput("this is a regression model: set task: classification on its trainer if the target holds classes, or use evaluate.regression", { param: 'task' });
    const { X, y } = await readLabelledData(ctx, env, tableFrom(inputs, 'data'), file, 'data');
    if (y.task !== 'classification') throw invalidInput('the target is not categorical');
    const out = await predictInWorker(ctx, env, file, X);
    if (file.decision_threshold === undefined) return { metrics: classificationMetrics(y.codes, out.proba!, file.classes) };
    // Threshold-dependent metrics (accuracy, precision, recall, F1, confusion matrix) use the model's own decision.
    const metrics = classificationMetrics(y.codes, out.proba!, file.classes, Int32Array.from(out.prediction));
    return { metrics: { ...metrics, decision_threshold: file.decision_threshold } };
  },
});
