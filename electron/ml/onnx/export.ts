// A Plumb model file as ONNX bytes (SPEC §10): inputs one tensor per original column, outputs `label` and (for
// classifiers) `probabilities`. Which graph a model gets is read from its estimator record's traits: a tree
// ensemble, linear terms, or the MLP's layers, naive Bayes' log-likelihood or kNN's neighbours (member-margin.ts),
// or a stacked ensemble's weighted sum of those. Everything computes in double except the trees.
//
// Trees and float32: ONNX-ML's TreeEnsembleRegressor compares float32 inputs with float32 thresholds, Plumb
// compares doubles with double thresholds. Thresholds are rounded as float32-thresholds.ts explains (the largest
// float32 ≤ t for Plumb's `<=` splits), which gives Plumb's branch for every input that is a float32 value; after a
// folded preprocessing chain the trees compare doubles (*_as_tensor thresholds) and agree on those inputs too.
// The residual: the graph's numeric inputs are float32 tensors (SPEC §10), so a double that is not a float32 value
// (0.1 read from a CSV) is rounded by whoever builds the tensor, before the graph sees it. When the rounding carries
// it across a split threshold, ONNX gives what Plumb gives for the rounded row, not for the double row. That happens
// most on the training rows of HistGBM trained on such doubles: its quantile bin edges are training values, so those
// rows sit exactly on thresholds (test/unit/electron/ml/onnx/float32-inputs.test.ts). No threshold can remove it.

import { invalidInput } from '../../../shared/errors.js';
import { estimatorOf } from '../estimators.js';
import type { PlumbModelFile } from '../model-file/types.js';
import { inputSignature } from '../preprocessing/signature.js';
import { chainFeatures } from './chain.js';
import { featureInputs, type FeatureColumns } from './columns.js';
import { ensembleExportProblem, ensembleMargin } from './ensemble-export.js';
import { OnnxGraph } from './graph.js';
import { classifierOutputs, regressionOutputs, type ClassifierHead } from './heads.js';
import { modelMargin } from './member-margin.js';

/** Model kinds with their own graph (tree ensembles and linear models are known by their record's traits). */
const GRAPH_KINDS = new Set(['mlp', 'knn', 'naive_bayes', 'onnx']);

/**
 * Model kinds exportOnnx writes: tree ensembles, linear models, the MLP, kNN, naive Bayes, AutoML's stacked
 * ensemble of those, and an imported ONNX model (its own bytes).
 */
export function canExportOnnx(file: PlumbModelFile): boolean {
  if (file.type === 'ensemble') return ensembleExportProblem(file as Parameters<typeof ensembleExportProblem>[0]) === null;
  const record = estimatorOf(file.type);
  return Boolean(record.treeEnsemble?.(file.model) || record.linearTerms) || GRAPH_KINDS.has(file.type);
}

/** The decision threshold a model file carries (optional; binary classifiers only). */
function decisionThreshold(file: PlumbModelFile): number | null {
  return file.decision_threshold ?? null;
}

export function exportOnnx(file: PlumbModelFile, source?: string): Uint8Array {
  if (file.type === 'onnx') return new Uint8Array(Buffer.from(file.model.onnx, 'base64'));
  if (file.type === 'ensemble' && !canExportOnnx(file)) {
    throw invalidInput(`ONNX export of this stacked ensemble is not possible: ${ensembleExportProblem(file as Parameters<typeof ensembleExportProblem>[0])}`, source ? { file: source } : {});
  }
  if (!canExportOnnx(file)) {
    throw invalidInput(`ONNX export does not support '${file.type}' models yet (trees, forests, gradient boosting, XGBoost, linear, logistic, MLP, kNN and naive Bayes models are supported)`, source ? { file: source } : {});
  }
  const g = new OnnxGraph(`plumb_${file.type}`);
  const chain = file.preprocessing && file.preprocessing.steps.length > 0 ? file.preprocessing : null;
  const columns: FeatureColumns = chain ? { tensors: chainFeatures(g, file, chain), type: 'double' } : { tensors: featureInputs(g, file), type: 'float' };
  const head: ClassifierHead = { classes: file.classes, decisionThreshold: decisionThreshold(file) };
  const margin = file.type === 'ensemble' ? ensembleMargin(g, file as Parameters<typeof ensembleMargin>[1], columns) : modelMargin(g, file, columns)!;
  if (file.task === 'regression') {
    regressionOutputs(g, margin.link === 'identity' ? margin.tensor : g.op(margin.link === 'logistic' ? 'Sigmoid' : 'Softmax', [margin.tensor]), margin.isDouble);
  } else {
    classifierOutputs(g, margin.tensor, margin.link, head);
  }
  return g.encode(`Plumb ${file.type} model (${file.task}) predicting ${file.target ?? 'its target'}`, {
    [INPUT_CATEGORIES_KEY]: JSON.stringify(inputCategories(file)),
  });
}

/** metadata_props key: the categories of each text input, so model.import_onnx can map table text onto codes. */
export const INPUT_CATEGORIES_KEY = 'plumb.input_categories';

function inputCategories(file: PlumbModelFile): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const column of inputSignature(file)) {
    if (column.kind === 'text' || column.kind === 'boolean') out[column.name] = column.categories ?? (column.kind === 'boolean' ? ['false', 'true'] : []);
  }
  return out;
}
