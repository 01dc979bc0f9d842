// What Plumb knows about one model kind, in one record (after scikit-learn's estimator tags): the tasks it learns,
// its fit and predict, the shape of its fitted object in a model file, its defaults and traits explainers read.

import type { z } from 'zod';
import type { LinearTerms } from './explain/linear-shap.js';
import type { ModelFileEnvelope, ModelOutput } from './model-file/envelope.js';
import type { Problems } from './model-file/problems.js';
import type { TreeEnsembleJson } from './tree/json.js';
import type { FeatureMatrix, FitControl, Target } from './types.js';

export type Task = Target['task'];

/** Labelled rows a fit may validate on (early stopping, the history's validation loss). */
export interface LabelledRows {
  X: FeatureMatrix;
  y: Target;
}

/** What of the envelope prediction reads. */
export type PredictedFile = Pick<ModelFileEnvelope, 'task' | 'classes'>;

/**
 * What a record's predict gets besides its model. Today nothing reads it; it is where a composite kind (AutoML's
 * stacked `ensemble`, whose fitted object holds member model files) will find `predictMember`, so it can predict
 * its members through the registry without importing it (which would be a file cycle).
 */
export interface PredictContext {
  predictMember?(file: unknown, X: FeatureMatrix): ModelOutput;
}

/**
 * One model kind. `Model` is its fitted object as the model file keeps it under `model` (plain JSON: no typed
 * arrays, no non-finite numbers); `Params` are its fit params with scikit-learn's names.
 *
 * Room for what comes next: a kind whose prediction is asynchronous or batched (an ONNX model runs through
 * onnxruntime, whose `session.run` returns a promise) sets `predictAsync`, and callers that can wait (worker
 * tasks, the scoring server) will prefer it; `predict` stays the synchronous path every current kind has.
 */
export interface Estimator<Type extends string = string, Model = unknown, Params extends object = object> {
  type: Type;
  /** the tasks it learns; a kind with one refuses a target of the other task */
  tasks: readonly Task[];
  /**
   * The fit params it falls back on for what the caller leaves out, or null when Plumb does not train this kind
   * (an imported XGBoost booster). A test ties these to the trainer node's zod defaults.
   */
  defaults: Readonly<Partial<Params>> | null;
  /** Fits on the rows (synchronously, inside a worker) and returns the model-file form; absent for imported kinds and
   * for kinds that train in their own worker task (the MLP chooses a TensorFlow.js backend first). */
  fit?(X: FeatureMatrix, y: Target, params: Partial<Params>, control: FitControl, valid?: LabelledRows): Model;
  /** zod shape of the fitted object under `model`: structure only */
  schema: z.ZodType;
  /** Rules beyond the shape (sizes that agree, indices in range), reported into `problems`. */
  check(model: Model, file: ModelFileEnvelope, problems: Problems): void;
  /** Predicts the rows of X, whose columns are the file's features in order. */
  predict(model: Model, X: FeatureMatrix, file: PredictedFile, context: PredictContext): ModelOutput;
  /** Asynchronous or batched prediction (see above); no kind has it yet. */
  predictAsync?(model: Model, X: FeatureMatrix, file: PredictedFile, context: PredictContext): Promise<ModelOutput>;
  /** SHAP explains its raw margin (log-odds, logits, the value); false: the response (probabilities, predictions). */
  hasMargin: boolean;
  /** A tree ensemble: TreeSHAP reads these trees (null: this model has none, e.g. a stacked ensemble with a kNN member). */
  treeEnsemble?(model: Model): TreeEnsembleJson | null;
  /** Linear terms in one design (linear and logistic regression): LinearSHAP reads them. */
  linearTerms?(model: Model): LinearTerms;
  /** A composite kind (the stacked `ensemble`): its member model files, which loading checks like any model file. */
  members?(model: Model): unknown[];
}

