// model.mlp: a multi-layer perceptron trained on TensorFlow.js (scikit-learn MLPClassifier / MLPRegressor params).
import { z } from 'zod';
import { defineNode } from '../define.js';
import { ROWS_DOCS, trainerInputs, trainerOutputs, trainerParams, trainerUi } from './common.js';

/** Where to start in the backend fallback order (tfjs-node-gpu → tfjs-node → wasm → cpu). */
export const MLP_BACKENDS = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;

export const mlpParams = z.object({
  hidden_layer_sizes: z
    .array(z.number().int().min(1))
    .default([100])
    .describe('Units per hidden layer, input side first, e.g. [64, 64]; [] fits no hidden layer.'),
  activation: z.enum(['relu', 'tanh', 'logistic', 'identity']).default('relu').describe('Activation of the hidden layers.'),
  dropout: z.number().min(0).lt(1).default(0).describe('Share of each hidden layer\'s units dropped per training batch (0 = none).'),
  solver: z.enum(['adam', 'sgd']).default('adam').describe('adam, or mini-batch sgd with Nesterov momentum.'),
  learning_rate_init: z.number().positive().default(0.001).describe('Step size (constant).'),
  momentum: z.number().min(0).max(1).default(0.9).describe('Momentum of sgd (not used by adam).'),
  alpha: z.number().min(0).default(0.0001).describe('L2 penalty on the weights.'),
  batch_size: z
    .union([z.literal('auto'), z.number().int().min(1)])
    .default('auto')
    .describe("Rows per mini-batch; auto = min(200, rows)."),
  max_iter: z.number().int().min(1).default(200).describe('Epochs at most (passes over the training rows).'),
  early_stopping: z
    .boolean()
    .default(false)
    .describe('Hold out validation_fraction of the training rows (or use the `valid` table) and stop when its score stops improving; the best epoch is kept.'),
  validation_fraction: z
    .number()
    .gt(0)
    .lt(1)
    .default(0.1)
    .describe('Share of training rows held out for early stopping (stratified for classification).'),
  n_iter_no_change: z.number().int().min(1).default(10).describe('Epochs without an improvement of at least tol before training stops.'),
  tol: z.number().min(0).default(1e-4).describe('Smallest improvement of the loss (or validation score) that counts.'),
  backend: z
    .enum(MLP_BACKENDS)
    .default('auto')
    .describe('TensorFlow.js backend to try first; the next ones in the order tensorflow-gpu, tensorflow, wasm, cpu are the fallbacks.'),
});

export const mlp = defineNode({
  type: 'model.mlp',
  version: 1,
  group: 'model',
  title: 'Neural network (MLP)',
  docs:
    'A fully connected neural network trained with TensorFlow.js, with scikit-learn MLPClassifier / MLPRegressor ' +
    'params: mini-batches shuffled every epoch, L2 penalty `alpha`, a sigmoid (two classes), softmax (more) or ' +
    'linear (regression) output, and training that stops once the loss has not improved by `tol` for more than ' +
    '`n_iter_no_change` epochs. The backend is chosen when training starts: tfjs-node-gpu (GPU), tfjs-node, ' +
    'then WebAssembly, then plain JavaScript; the native ones are optional installs, and the one used is shown on ' +
    'the node and recorded in the model file. Regression targets are standardized internally. With the same seed ' +
    'and backend the model is the same. ' +
    'Missing numbers are replaced by the training mean and numeric columns are standardized; categorical columns ' +
    'are one-hot encoded over their training levels, so a missing or unseen level encodes as all zeros. ' +
    `${ROWS_DOCS} The history has one point ` +
    'per epoch: training loss (log loss, or mean squared error), validation loss when there are validation rows, ' +
    'and the metric (accuracy or R²) on the validation rows, else on the training batches as they were trained.',
  inputs: trainerInputs,
  outputs: trainerOutputs,
  params: trainerParams(mlpParams),
  ui: trainerUi,
  heavy: true,
});
