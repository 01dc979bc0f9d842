// Explainers written once for synchronous and asynchronous models: an explainer is a generator that yields the
// feature rows it needs predicted and is resumed with the model's answer; a driver feeds it from a synchronous
// predict (our own kinds) or awaits an asynchronous one (an ONNX model through onnxruntime) between steps.

import type { FeatureMatrix } from '../types.js';

/** A computation that asks for the model's outputs on rows (yield X, resumed with R) and returns T. */
export type Predicting<T, R = Float64Array> = Generator<FeatureMatrix, T, R>;

/** Drives `steps` with a synchronous model. */
export function runWith<T, R>(steps: Predicting<T, R>, predict: (X: FeatureMatrix) => R): T {
  let next = steps.next();
  while (!next.done) next = steps.next(predict(next.value));
  return next.value;
}

/** Drives `steps` with a model that may answer asynchronously. */
export async function runWithAsync<T, R>(steps: Predicting<T, R>, predict: (X: FeatureMatrix) => R | Promise<R>): Promise<T> {
  let next = steps.next();
  while (!next.done) next = steps.next(await predict(next.value));
  return next.value;
}
