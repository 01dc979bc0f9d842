// SHAP local accuracy for every model type on every bundled dataset: base + Σφ equals the model's output for
// the explained row (raw margin for tree/linear models, the SPEC's space otherwise), through the real nodes.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipelineDocument } from '../../electron/api/pipeline-run.js';
import { loadModelFile, predictWithModel, type PlumbModelFile } from '../../electron/ml/model-file.js';
import { modelFeatures } from '../../electron/nodes/inputs/ml-frame.js';
import type { Frame, TableRef } from '../../electron/data/types.js';
import type { PipelineDocument } from '../../shared/pipeline/index.js';

const datasets = resolve(import.meta.dirname, '../../assets/datasets');

interface Explanation {
  output: 'raw' | 'probability';
  base_value: number | number[];
  values: number[][] | number[][][];
  rows: number[];
  classes?: string[];
}

const CASES = [
  { file: 'penguins.csv', target: 'species', models: ['logistic_regression', 'decision_tree', 'random_forest', 'gradient_boosting', 'knn', 'naive_bayes', 'mlp'] },
  { file: 'churn.csv', target: 'churn', models: ['logistic_regression', 'decision_tree', 'random_forest', 'gradient_boosting', 'knn', 'naive_bayes', 'mlp'] },
  { file: 'housing.csv', target: 'price', models: ['linear_regression', 'decision_tree', 'random_forest', 'gradient_boosting', 'knn', 'mlp'] },
];
const KERNEL_MODELS = new Set(['knn', 'naive_bayes', 'mlp']);
const SMALL: Record<string, Record<string, unknown>> = { random_forest: { n_estimators: 20 }, mlp: { hidden_layer_sizes: [16], max_iter: 20 }, gradient_boosting: { max_iter: 30 } };

function pipeline(file: string, target: string, models: string[]): PipelineDocument {
  const nodes: PipelineDocument['nodes'] = [
    { id: 'data', type: 'data.read_csv', params: { path: file } },
    { id: 'clean', type: 'data.impute', inputs: { table: 'data.table' }, params: { strategy: 'most_frequent' } },
    { id: 'encode', type: 'data.encode', inputs: { table: 'clean.table' }, params: { exclude: [target] } },
    { id: 'split', type: 'data.split', inputs: { table: 'encode.table' }, params: { seed: 5 } },
  ];
  for (const model of models) {
    nodes.push({ id: model, type: `model.${model}`, inputs: { train: 'split.train' }, params: { target, ...(SMALL[model] ?? {}) } });
    const kernel = KERNEL_MODELS.has(model);
    nodes.push({
      id: `shap_${model}`,
      type: 'explain.shap',
      inputs: { model: `${model}.model`, data: 'split.test', ...(kernel ? { background: 'split.train' } : {}) },
      params: kernel ? { max_rows: 3, nsamples: 120 } : { max_rows: 40 },
    });
  }
  return { plumb: 1, name: 'local-accuracy', nodes };
}

describe.each(CASES)('SHAP local accuracy on $file', ({ file, target, models }) => {
  it(`holds for ${models.join(', ')}`, async () => {
    const modelFiles = new Map<string, PlumbModelFile>();
    const explanations = new Map<string, Explanation>();
    let test: Frame | undefined;
    const result = await runPipelineDocument({
      document: pipeline(file, target, models),
      baseDir: datasets,
      onNodeOutputs: async (node, outputs, env) => {
        if (node === 'split') test = await env.data.toFrame(outputs.test as TableRef);
        if (outputs.model) modelFiles.set(node, loadModelFile(outputs.model));
        if (node.startsWith('shap_')) explanations.set(node.slice(5), outputs.explanation as Explanation);
      },
    });
    expect(result.nodes.filter((n) => n.error).map((n) => `${n.id}: ${n.error?.message}`)).toEqual([]);
    for (const model of models) {
      const modelFile = modelFiles.get(model)!;
      const explanation = explanations.get(model)!;
      const { X } = modelFeatures(test!, modelFile);
      const out = predictWithModel(modelFile, X);
      const multiclass = Array.isArray(explanation.base_value);
      const nOut = multiclass ? (explanation.base_value as number[]).length : 1;
      explanation.rows.forEach((row, r) => {
        for (let k = 0; k < nOut; k++) {
          const phi = multiclass ? (explanation.values as number[][][])[k][r] : (explanation.values as number[][])[r];
          const base = multiclass ? (explanation.base_value as number[])[k] : (explanation.base_value as number);
          // Binary classifiers explain the positive (last) class; multiclass every class.
          const width = out.margin ? out.margin.length / X.nRows : 1;
          const classIndex = multiclass ? k : modelFile.task === 'classification' ? modelFile.classes.length - 1 : 0;
          let expected: number;
          if (explanation.output === 'raw') expected = out.margin ? out.margin[row * width + (multiclass ? k : width - 1)] : (out.prediction as Float64Array)[row];
          else expected = modelFile.task === 'classification' ? out.proba![row * modelFile.classes.length + classIndex] : (out.prediction as Float64Array)[row];
          const total = base + phi.reduce((a, b) => a + b, 0);
          expect(Math.abs(total - expected), `${file} ${model} row ${row} output ${k}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
        }
      });
    }
  });
});
