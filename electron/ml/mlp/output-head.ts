// The loss at the network's output, in plain JavaScript on the batch's raw outputs: its value, the right answers,
// and its gradient dLoss/d(pre-activation), which for these losses is simply (prediction − target) / rows.

export interface HeadResult {
  /** summed over the batch: log loss, or squared error on the scaled target */
  lossSum: number;
  /** classification: rows whose most probable class is the true one */
  right: number;
  /** rows × outputs: gradient of the batch's mean loss (scikit-learn's: half squared error for regression) */
  grad: Float32Array;
}

/**
 * `outputs` 1 with a class target: sigmoid + binary log loss; more: softmax + log loss;
 * a regression target (`regression` true): identity + half squared error.
 */
export function outputHead(raw: Float32Array, target: ArrayLike<number>, outputs: number, regression: boolean): HeadResult {
  const rows = target.length;
  const grad = new Float32Array(rows * outputs);
  let lossSum = 0;
  let right = 0;
  if (regression) {
    for (let i = 0; i < rows; i++) {
      const d = raw[i] - target[i];
      lossSum += d * d;
      grad[i] = d / rows;
    }
  } else if (outputs === 1) {
    for (let i = 0; i < rows; i++) {
      const z = raw[i];
      const y = target[i];
      lossSum += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
      const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      grad[i] = (p - y) / rows;
      if ((z > 0 ? 1 : 0) === y) right++;
    }
  } else {
    for (let i = 0; i < rows; i++) {
      const o = i * outputs;
      const y = target[i];
      let max = -Infinity;
      let best = 0;
      for (let c = 0; c < outputs; c++) {
        if (raw[o + c] > max) {
          max = raw[o + c];
          best = c;
        }
      }
      let sum = 0;
      for (let c = 0; c < outputs; c++) sum += Math.exp(raw[o + c] - max);
      lossSum += Math.log(sum) + max - raw[o + y];
      for (let c = 0; c < outputs; c++) grad[o + c] = (Math.exp(raw[o + c] - max) / sum - (c === y ? 1 : 0)) / rows;
      if (best === y) right++;
    }
  }
  return { lossSum, right, grad };
}
