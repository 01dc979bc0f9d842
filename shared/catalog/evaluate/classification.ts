// evaluate.classification: a classifier's metrics on labelled rows (SPEC §6).
import { z } from 'zod';
import { defineNode } from '../define.js';

export const evaluateClassification = defineNode({
  type: 'evaluate.classification',
  version: 1,
  group: 'evaluate',
  title: 'Evaluate classifier',
  docs:
    'Scores a classifier on rows that hold its target column (named in the model): accuracy, balanced accuracy, ' +
    'macro precision / recall / F1, log-loss, ROC AUC (binary: the last class is positive; multiclass: one-vs-rest ' +
    'macro), the confusion matrix (rows = true class) and, for two classes, the ROC curve. Definitions follow ' +
    'scikit-learn. Rows with a missing target are left out (with a warning); a class the model does not know is an error.',
  inputs: {
    model: { type: 'model', docs: 'A classification model.' },
    data: { type: 'table', docs: 'Labelled rows, usually the test split.' },
  },
  outputs: { metrics: { type: 'metrics', docs: 'The metrics as JSON.' } },
  params: z.object({}),
  heavy: true,
});
