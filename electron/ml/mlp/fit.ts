// model.mlp training on TensorFlow.js, following scikit-learn's MLPClassifier/MLPRegressor: mini-batch adam or
// Nesterov sgd, L2 `alpha`, stop when the training loss (or, with early stopping, the validation score) has not
// improved by `tol` for more than `n_iter_no_change` epochs. Every random step is seeded here, not by TensorFlow.js:
// initial weights, the shuffle of each epoch, the holdout split and each dropout mask.

import type { Tensor2D } from '@tensorflow/tfjs';
import { cancelledError, invalidInput, runtimeError } from '../../../shared/errors.js';
import { Random } from '../random.js';
import { checkFeatureCount, designRows, fitEncoding } from '../standardize.js';
import { selectTfBackend, type TfBackendChoice, type TfBackendPreference } from '../tfjs-backend.js';
import { checkTrainingData } from '../tree/model.js';
import { validationSplit } from '../tree/validation-split.js';
import type { FeatureMatrix, FitControl, Target } from '../types.js';
import { backward, forward, predictOutput } from './backprop.js';
import { encodeFloat32, type MlpLayer, type MlpModel } from './model.js';
import { outputHead } from './output-head.js';
import { batchRows, resolveMlpParams, type MlpParams } from './params.js';
import { deviceParameters, hostParameters } from './parameters.js';
import { initialWeights, rowBlock, scoreOutputs, targetScale, trainingTarget, type RowsScore, type TargetValues } from './training-data.js';

export interface MlpFitControl extends FitControl {
  /** where to start in the backend fallback order (default auto: tfjs-node-gpu, tfjs-node, wasm, cpu) */
  backend?: TfBackendPreference;
  /** called once the backend is chosen, before the first epoch */
  onBackend?: (choice: TfBackendChoice) => void;
  /** where the weights live; by default on the device for tfjs-node(-gpu), in JavaScript memory otherwise */
  placement?: 'host' | 'device';
}

/** Rows to validate on instead of a holdout split of the training rows. */
export interface MlpValidationData {
  X: FeatureMatrix;
  y: Target;
}

/** Rows scored per forward pass when evaluating, to bound memory. */
const EVAL_CHUNK_ROWS = 8192;
/** Batches between progress reports inside an epoch. */
const PROGRESS_EVERY_BATCHES = 16;

interface RowSet {
  x: Float32Array;
  target: TargetValues;
}

export async function fitMlp(
  X: FeatureMatrix,
  y: Target,
  params: Partial<MlpParams> = {},
  control: MlpFitControl = { seed: 0 },
  validation?: MlpValidationData,
): Promise<MlpModel> {
  const p = resolveMlpParams(params);
  const K = checkTrainingData(X, y);
  const classification = y.task === 'classification';
  if (classification && K < 2) throw invalidInput('the MLP needs at least two classes in the target', { param: 'target' });
  if (validation) checkValidation(X, y, validation);
  const rng = new Random(control.seed);
  const splitRng = rng.fork();
  const initRng = rng.fork();
  const shuffleRng = rng.fork();
  const dropoutRng = rng.fork();

  const encoding = fitEncoding(X, true);
  const width = encoding.feature.length;
  const design = designRows(encoding, X);
  const target: TargetValues = y.task === 'classification' ? y.codes : y.values;

  let trainRows: Int32Array | null = null;
  let holdoutRows: Int32Array | null = null;
  if (p.early_stopping && !validation) {
    if (X.nRows < 2) throw invalidInput('early stopping needs at least two training rows', { param: 'early_stopping' });
    const split = validationSplit(X.nRows, p.validation_fraction, splitRng, y.task === 'classification' ? y.codes : null, K);
    trainRows = split.train;
    holdoutRows = split.valid;
  }
  const outputs = classification ? (K === 2 ? 1 : K) : 1;
  const scale = y.task === 'regression' ? targetScale(y.values, trainRows) : null;
  const nTrain = trainRows ? trainRows.length : X.nRows;
  const train = { x: rowBlock(design, width, trainRows), target: trainingTarget(target, trainRows, scale) };
  let valid: RowSet | null = null;
  if (holdoutRows) valid = { x: rowBlock(design, width, holdoutRows), target: gatherTarget(target, holdoutRows) };
  else if (validation) {
    const v = validation.y;
    valid = { x: rowBlock(designRows(encoding, validation.X), width, null), target: v.task === 'classification' ? v.codes : v.values };
  }

  const sizes = [width, ...p.hidden_layer_sizes, outputs];
  const shapes = sizes.slice(1).flatMap((units, l) => [[sizes[l], units], [units]]);
  const initial = initialWeights(sizes, p.activation, initRng);
  const choice = await selectTfBackend(control.backend ?? 'auto');
  control.onBackend?.(choice);
  const tf = choice.tf;
  const placement = control.placement ?? (choice.backend === 'tensorflow' ? 'device' : 'host');
  const settings = { solver: p.solver, learningRate: p.learning_rate_init, momentum: p.momentum };
  const parameters = placement === 'host' ? hostParameters(tf, initial, shapes, settings) : deviceParameters(tf, initial, shapes, settings);
  const onesRows = new Map<number, Tensor2D>();
  const onesRow = (rows: number): Tensor2D => {
    let ones = onesRows.get(rows);
    if (!ones) onesRows.set(rows, (ones = tf.ones([1, rows])));
    return ones;
  };

  try {
    const evaluate = (rows: RowSet): RowsScore => {
      const n = rows.target.length;
      const raw = new Float32Array(n * outputs);
      for (let start = 0; start < n; start += EVAL_CHUNK_ROWS) {
        const end = Math.min(n, start + EVAL_CHUNK_ROWS);
        tf.tidy(() => {
          const x = tf.tensor2d(rows.x.slice(start * width, end * width), [end - start, width]);
          raw.set(predictOutput(tf, parameters.tensors(), x, p.activation).dataSync() as Float32Array, start * outputs);
        });
      }
      return scoreOutputs(raw, rows.target, outputs, scale);
    };

    const batch = batchRows(p.batch_size, nTrain);
    const nBatches = Math.ceil(nTrain / batch);
    const order = new Int32Array(nTrain);
    for (let i = 0; i < nTrain; i++) order[i] = i;
    const hiddenSizes = p.hidden_layer_sizes;
    // R² of the running training loss divides by the scaled target's variance: 1, or 0 for a constant target
    let scaledVariance = 0;
    if (scale) for (let i = 0; i < nTrain; i++) scaledVariance += (train.target[i] * train.target[i]) / nTrain;
    let bestLoss = Infinity;
    let bestScore = -Infinity;
    let bestWeights: Float32Array[] | null = null;
    let noImprovement = 0;
    let converged = false;
    let epoch = 0;

    while (epoch < p.max_iter) {
      epoch++;
      shuffleRng.shuffle(order);
      let lossSum = 0;
      let right = 0;
      for (let b = 0; b < nBatches; b++) {
        if (control.isCancelled?.()) throw cancelledError();
        const start = b * batch;
        const rows = Math.min(nTrain, start + batch) - start;
        const xb = new Float32Array(rows * width);
        const tb = scale ? new Float64Array(rows) : new Int32Array(rows);
        for (let r = 0; r < rows; r++) {
          const i = order[start + r];
          xb.set(train.x.subarray(i * width, (i + 1) * width), r * width);
          tb[r] = train.target[i];
        }
        const masks = p.dropout > 0 ? hiddenSizes.map((units) => dropoutMask(rows * units, p.dropout, dropoutRng)) : [];
        const ones = onesRow(rows);
        tf.tidy(() => {
          const weights = parameters.tensors();
          const maskTensors = masks.map((m, l) => tf.tensor2d(m, [rows, hiddenSizes[l]]));
          const pass = forward(tf, weights, tf.tensor2d(xb, [rows, width]), p.activation, maskTensors);
          const head = outputHead(pass.output.dataSync() as Float32Array, tb, outputs, scale !== null);
          lossSum += head.lossSum;
          right += head.right;
          const grads = backward(tf, weights, pass, tf.tensor2d(head.grad, [rows, outputs]), p.activation, maskTensors, ones);
          // scikit-learn's L2 term, 0.5 × alpha × Σ‖W‖² / rows, has the gradient alpha / rows × W
          parameters.step(grads, p.alpha / rows);
        });
        if (b % PROGRESS_EVERY_BATCHES === 0) control.onProgress?.((epoch - 1 + b / nBatches) / p.max_iter, `epoch ${epoch} of ${p.max_iter}`);
      }

      // train_loss: mean log loss, or mean squared error in the target's units
      const trainLoss = scale ? (lossSum / nTrain) * scale.std * scale.std : lossSum / nTrain;
      if (!Number.isFinite(trainLoss)) {
        throw runtimeError(`training diverged: the loss is not finite after epoch ${epoch}; a smaller learning_rate_init may help`, { param: 'learning_rate_init' });
      }
      const trainMetric = classification ? right / nTrain : scaledVariance > 0 ? 1 - lossSum / nTrain / scaledVariance : undefined;
      const validScore = valid ? evaluate(valid) : null;
      control.onStep?.({
        step: epoch,
        train_loss: trainLoss,
        ...(validScore ? { valid_loss: validScore.loss, metric: validScore.metric } : trainMetric !== undefined ? { metric: trainMetric } : {}),
      });
      control.onProgress?.(epoch / p.max_iter, `epoch ${epoch} of ${p.max_iter}`);

      if (p.early_stopping && validScore) {
        if (validScore.metric < bestScore + p.tol) noImprovement++;
        else noImprovement = 0;
        if (validScore.metric > bestScore) {
          bestScore = validScore.metric;
          bestWeights = parameters.values();
        }
      } else {
        // scikit-learn stops on its own loss: half squared error for regression
        const loss = scale ? trainLoss / 2 : trainLoss;
        if (loss > bestLoss - p.tol) noImprovement++;
        else noImprovement = 0;
        if (loss < bestLoss) bestLoss = loss;
      }
      if (noImprovement > p.n_iter_no_change) {
        converged = true;
        break;
      }
    }

    const finalWeights = bestWeights ?? parameters.values();
    const layers: MlpLayer[] = sizes.slice(1).map((units, l) => ({
      inputs: sizes[l],
      units,
      activation: l < sizes.length - 2 ? p.activation : scale ? 'identity' : outputs === 1 ? 'sigmoid' : 'softmax',
      kernel: encodeFloat32(finalWeights[2 * l]),
      bias: encodeFloat32(finalWeights[2 * l + 1]),
    }));
    return {
      kind: 'mlp',
      task: y.task,
      classes: y.task === 'classification' ? y.classes.slice() : [],
      params: p,
      encoding,
      layers,
      targetScale: scale,
      nIter: epoch,
      converged,
      backend: choice.backend,
      device: choice.device,
    };
  } finally {
    parameters.dispose();
    for (const ones of onesRows.values()) ones.dispose();
  }
}

/** Inverted dropout: each unit kept with probability 1 - rate and then scaled by 1 / (1 - rate). */
function dropoutMask(length: number, rate: number, rng: Random): Float32Array {
  const mask = new Float32Array(length);
  const kept = 1 / (1 - rate);
  for (let i = 0; i < length; i++) mask[i] = rng.uniform() < rate ? 0 : kept;
  return mask;
}

function gatherTarget(target: TargetValues, rows: Int32Array): TargetValues {
  const out = target instanceof Int32Array ? new Int32Array(rows.length) : new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = target[rows[r]];
  return out;
}

function checkValidation(X: FeatureMatrix, y: Target, validation: MlpValidationData): void {
  checkTrainingData(validation.X, validation.y);
  checkFeatureCount({ nFeatures: X.columns.length }, validation.X);
  if (validation.y.task !== y.task) throw invalidInput('the validation rows have a different task than the training rows');
  if (y.task === 'classification' && validation.y.task === 'classification' && validation.y.classes.join('\u0000') !== y.classes.join('\u0000')) {
    throw invalidInput('the validation target has different classes than the training target');
  }
}
