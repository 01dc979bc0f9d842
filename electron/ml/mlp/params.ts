// Parameters of the multi-layer perceptron, with scikit-learn MLPClassifier/MLPRegressor names and defaults,
// plus `dropout` (Keras-style, after each hidden layer) which scikit-learn does not have.

import { invalidInput } from '../../../shared/errors.js';

export type MlpActivation = 'relu' | 'tanh' | 'logistic' | 'identity';
export type MlpSolver = 'adam' | 'sgd';

export interface MlpParams {
  /** units per hidden layer, input side first */
  hidden_layer_sizes: number[];
  activation: MlpActivation;
  /** share of each hidden layer's units dropped per training batch, 0 ≤ dropout < 1 */
  dropout: number;
  solver: MlpSolver;
  learning_rate_init: number;
  /** sgd only: Nesterov momentum, as scikit-learn's default nesterovs_momentum=True */
  momentum: number;
  /** L2 penalty on the weights (not the biases), scaled by the batch size as scikit-learn does */
  alpha: number;
  /** rows per batch; 'auto' = min(200, rows) */
  batch_size: 'auto' | number;
  /** epochs at most */
  max_iter: number;
  /** hold out validation_fraction of the training rows (or use the `valid` rows) and stop when its score stalls */
  early_stopping: boolean;
  validation_fraction: number;
  n_iter_no_change: number;
  tol: number;
}

export const mlpDefaults: MlpParams = {
  hidden_layer_sizes: [100],
  activation: 'relu',
  dropout: 0,
  solver: 'adam',
  learning_rate_init: 0.001,
  momentum: 0.9,
  alpha: 0.0001,
  batch_size: 'auto',
  max_iter: 200,
  early_stopping: false,
  validation_fraction: 0.1,
  n_iter_no_change: 10,
  tol: 1e-4,
};

const ACTIVATIONS: readonly MlpActivation[] = ['relu', 'tanh', 'logistic', 'identity'];
const SOLVERS: readonly MlpSolver[] = ['adam', 'sgd'];

/** Defaults filled in and every value checked; errors name the param. */
export function resolveMlpParams(params: Partial<MlpParams>): MlpParams {
  const p: MlpParams = { ...mlpDefaults, ...params, hidden_layer_sizes: [...(params.hidden_layer_sizes ?? mlpDefaults.hidden_layer_sizes)] };
  const fail = (param: keyof MlpParams, message: string) => {
    throw invalidInput(`${param} ${message}`, { param });
  };
  if (!p.hidden_layer_sizes.every((u) => Number.isInteger(u) && u >= 1)) fail('hidden_layer_sizes', 'must be a list of whole numbers >= 1');
  if (!ACTIVATIONS.includes(p.activation)) fail('activation', `must be one of ${ACTIVATIONS.join(', ')}`);
  if (!SOLVERS.includes(p.solver)) fail('solver', `must be one of ${SOLVERS.join(', ')}`);
  if (!(p.dropout >= 0 && p.dropout < 1)) fail('dropout', 'must be in [0, 1)');
  if (!(p.learning_rate_init > 0)) fail('learning_rate_init', 'must be > 0');
  if (!(p.momentum >= 0 && p.momentum <= 1)) fail('momentum', 'must be in [0, 1]');
  if (!(p.alpha >= 0)) fail('alpha', 'must be >= 0');
  if (p.batch_size !== 'auto' && !(Number.isInteger(p.batch_size) && p.batch_size >= 1)) fail('batch_size', "must be 'auto' or a whole number >= 1");
  if (!(Number.isInteger(p.max_iter) && p.max_iter >= 1)) fail('max_iter', 'must be a whole number >= 1');
  if (!(p.validation_fraction > 0 && p.validation_fraction < 1)) fail('validation_fraction', 'must be in (0, 1)');
  if (!(Number.isInteger(p.n_iter_no_change) && p.n_iter_no_change >= 1)) fail('n_iter_no_change', 'must be a whole number >= 1');
  if (!(p.tol >= 0)) fail('tol', 'must be >= 0');
  return p;
}

/** scikit-learn: batch_size='auto' is min(200, n_samples); a larger number is clipped to n_samples. */
export function batchRows(batchSize: MlpParams['batch_size'], nRows: number): number {
  return Math.max(1, Math.min(batchSize === 'auto' ? 200 : batchSize, nRows));
}
