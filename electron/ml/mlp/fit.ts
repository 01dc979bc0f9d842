// model.mlp training on TensorFlow.js, following scikit-learn's MLPClassifier/MLPRegressor: mini-batch adam or
// Nesterov sgd, L2 `alpha`, stop when the training loss (or, with early stopping, the validation score) has not
// improved by `tol` for more than `n_iter_no_change` epochs. Every random step is seeded here, not by TensorFlow.js:
// initial weights, the shuffle of each epoch, the holdout split and each dropout mask.

import type { Scalar, Tensor, Tensor2D, Variable } from '@tensorflow/tfjs';
import { cancelledError, invalidInput } from '../../../shared/errors.js';
import { Random } from '../random.js';
import { checkFeatureCount, designRows, fitEncoding } from '../standardize.js';
import { selectTfBackend, type TfBackendChoice, type TfBackendPreference } from '../tfjs-backend.js';
import { checkTrainingData } from '../tree/model.js';
import { validationSplit } from '../tree/validation-split.js';
import type { FeatureMatrix, FitControl, Target } from '../types.js';
import { encodeFloat32, type MlpLayer, type MlpModel } from './model.js';
import { batchRows, resolveMlpParams, type MlpParams } from './params.js';
import { initialWeights, rowBlock, scoreOutputs, targetBlock, targetScale, type RowsScore, type TargetValues } from './training-data.js';

export interface MlpFitControl extends FitControl {
  /** where to start in the backend fallback order (default auto: tfjs-node-gpu, tfjs-node, wasm, cpu) */
  backend?: TfBackendPreference;
  /** called once the backend is chosen, before the first epoch */
  onBackend?: (choice: TfBackendChoice) => void;
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
  const train = { x: rowBlock(design, width, trainRows), y: targetBlock(target, trainRows, outputs, scale) };
  let valid: RowSet | null = null;
  if (holdoutRows) valid = { x: rowBlock(design, width, holdoutRows), target: gatherTarget(target, holdoutRows) };
  else if (validation) {
    const v = validation.y;
    valid = { x: rowBlock(designRows(encoding, validation.X), width, null), target: v.task === 'classification' ? v.codes : v.values };
  }

  const sizes = [width, ...p.hidden_layer_sizes, outputs];
  const init = initialWeights(sizes, p.activation, initRng);
  const choice = await selectTfBackend(control.backend ?? 'auto');
  control.onBackend?.(choice);
  const tf = choice.tf;

  const batch = batchRows(p.batch_size, nTrain);
  const owned: Tensor[] = [];
  // the epoch's running [loss sum, right answers], replaced after every batch
  let sums: Tensor | null = null;
  const optimizer = p.solver === 'adam' ? tf.train.adam(p.learning_rate_init, 0.9, 0.999, 1e-8) : tf.train.momentum(p.learning_rate_init, p.momentum, true);
  try {
    const xTrain = keep(owned, tf.tensor2d(train.x, [nTrain, width]));
    const yTrain = keep(owned, tf.tensor2d(train.y, [nTrain, outputs]));
    const kernels = init.map((w, l) => keep(owned, tf.variable(tf.tensor2d(w.kernel, [sizes[l], sizes[l + 1]]), true, `kernel${l}`)));
    const biases = init.map((w, l) => keep(owned, tf.variable(tf.tensor1d(w.bias), true, `bias${l}`)));
    const variables: Variable[] = [];
    kernels.forEach((k, l) => variables.push(k, biases[l]));

    const forward = (x: Tensor2D, training: boolean): Tensor2D => {
      let h = x;
      for (let l = 0; l < kernels.length; l++) {
        const hidden = l < kernels.length - 1;
        h = tf.add(tf.matMul(h, kernels[l]), biases[l]);
        if (!hidden) break;
        if (p.activation === 'relu') h = tf.relu(h);
        else if (p.activation === 'tanh') h = tf.tanh(h);
        else if (p.activation === 'logistic') h = tf.sigmoid(h);
        if (training && p.dropout > 0) h = tf.dropout(h, p.dropout, undefined, dropoutRng.nextUint32()) as Tensor2D;
      }
      return h;
    };

    /** mean loss the optimizer minimizes (scikit-learn's: log loss, or half squared error on the scaled target) */
    const dataLoss = (z: Tensor2D, t: Tensor2D): Scalar => {
      if (scale) return tf.mul(tf.mean(tf.squaredDifference(z, t)), tf.scalar(0.5)) as Scalar;
      if (outputs === 1) return tf.mean(tf.add(tf.sub(tf.relu(z), tf.mul(z, t)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))));
      return tf.neg(tf.mean(tf.sum(tf.mul(t, tf.logSoftmax(z)), 1))) as Scalar;
    };

    /** the running training accuracy needs the count of right answers in the batch */
    const rightAnswers = (z: Tensor2D, t: Tensor2D): Scalar =>
      outputs === 1 ? tf.sum(tf.step(tf.mul(z, tf.sub(tf.mul(t, 2), 1)))) : tf.sum(tf.cast(tf.equal(tf.argMax(z, 1), tf.argMax(t, 1)), 'float32'));

    const evaluate = (rows: RowSet): RowsScore => {
      const n = rows.target.length;
      const raw = new Float32Array(n * outputs);
      for (let start = 0; start < n; start += EVAL_CHUNK_ROWS) {
        const end = Math.min(n, start + EVAL_CHUNK_ROWS);
        const out = tf.tidy(() => forward(tf.tensor2d(rows.x.subarray(start * width, end * width), [end - start, width]), false));
        raw.set(out.dataSync() as Float32Array, start * outputs);
        out.dispose();
      }
      return scoreOutputs(raw, rows.target, outputs, scale);
    };

    const order = new Int32Array(nTrain);
    for (let i = 0; i < nTrain; i++) order[i] = i;
    const nBatches = Math.ceil(nTrain / batch);
    const trackAccuracy = classification && !valid;
    // R² of the running training loss divides by the scaled target's variance: 1, or 0 for a constant target
    let scaledVariance = 0;
    if (scale) for (let i = 0; i < nTrain; i++) scaledVariance += (train.y[i] * train.y[i]) / nTrain;
    let bestLoss = Infinity;
    let bestScore = -Infinity;
    let bestWeights: Float32Array[] | null = null;
    let noImprovement = 0;
    let converged = false;
    let epoch = 0;

    while (epoch < p.max_iter) {
      epoch++;
      shuffleRng.shuffle(order);
      sums = tf.zeros([2]);
      for (let b = 0; b < nBatches; b++) {
        if (control.isCancelled?.()) throw cancelledError();
        const start = b * batch;
        const end = Math.min(nTrain, start + batch);
        const rows = end - start;
        const next = tf.tidy(() => {
          const index = tf.tensor1d(order.subarray(start, end), 'int32');
          const xb = tf.gather(xTrain, index);
          const yb = tf.gather(yTrain, index);
          let batchSums: Tensor | undefined;
          optimizer.minimize(
            () => {
              const z = forward(xb, true);
              const loss = dataLoss(z, yb);
              // kept out of the gradient's scope: the epoch's running loss and right answers, summed over rows
              batchSums = tf.keep(tf.stack([tf.mul(loss, scale ? 2 * rows : rows), trackAccuracy ? rightAnswers(z, yb) : tf.scalar(0)]));
              if (p.alpha === 0) return loss;
              const squares = kernels.map((k) => tf.sum(tf.square(k)));
              return tf.add(loss, tf.mul((0.5 * p.alpha) / rows, tf.addN(squares)));
            },
            false,
            variables,
          );
          const total = tf.add(sums as Tensor, batchSums as Tensor);
          (batchSums as Tensor).dispose();
          return total;
        });
        sums.dispose();
        sums = next;
        if (b % PROGRESS_EVERY_BATCHES === 0) control.onProgress?.((epoch - 1 + b / nBatches) / p.max_iter, `epoch ${epoch} of ${p.max_iter}`);
      }
      const [lossSum, right] = Array.from(sums.dataSync());
      sums.dispose();
      sums = null;

      // train_loss: mean log loss, or mean squared error in the target's units
      const trainLoss = scale ? (lossSum / nTrain) * scale.std * scale.std : lossSum / nTrain;
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
          bestWeights = variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
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

    const finalWeights = bestWeights ?? variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
    const layers: MlpLayer[] = kernels.map((_, l) => ({
      inputs: sizes[l],
      units: sizes[l + 1],
      activation: l < kernels.length - 1 ? p.activation : scale ? 'identity' : outputs === 1 ? 'sigmoid' : 'softmax',
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
    sums?.dispose();
    optimizer.dispose();
    for (const t of owned) t.dispose();
  }
}

function keep<T extends Tensor>(owned: Tensor[], t: T): T {
  owned.push(t);
  return t;
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
