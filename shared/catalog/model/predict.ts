// model.predict: the model's predictions (and class probabilities) as new columns beside the input rows.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const predict = defineNode({
  type: 'model.predict',
  version: 1,
  group: 'model',
  title: 'Predict',
  docs:
    'Adds `prediction` (the class label as text for classifiers, the value for regression) and, for classifiers, ' +
    'one `proba_<class>` column per class to the input rows, in the same order. The table needs the model\'s ' +
    'feature columns (other columns are passed through); text is matched to the training levels, and a level the ' +
    'model never saw counts as missing (with a warning). An input column with one of the new names is replaced.',
  inputs: {
    model: { type: 'model', docs: 'A trained or imported model.' },
    data: { type: 'table', docs: 'Rows to predict, with the model\'s feature columns.' },
  },
  outputs: { table: { type: 'table', docs: 'The input rows plus prediction columns.' } },
  params: z.object({}),
  heavy: true,
});
