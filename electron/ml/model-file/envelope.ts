// The part of a Plumb model file every model kind shares (the envelope), and what a model says about rows.
// Leaf types: the estimator records and the model-file modules both build on them.
import type { PreprocessingChain } from '../preprocessing/types.js';

export interface ModelFileEnvelope {
  plumb_model: 1;
  /** the input columns, in the order the model reads them */
  features: string[];
  /** the column the model predicts; null when unknown (an imported model without one) */
  target: string | null;
  task: 'classification' | 'regression';
  /** class labels in class-code order (sorted); empty for regression */
  classes: string[];
  /** per categorical (text or boolean) feature, its training levels in code order; predict-time text is mapped onto these */
  feature_levels: Record<string, string[]>;
  /** the node's params the model was trained with (besides target/features/task) */
  params: Record<string, unknown>;
  trained: { rows: number; seconds: number; backend?: string };
  /** the fitted data.impute/encode/scale/select steps between the raw table and the trainer (SPEC §5) */
  preprocessing?: PreprocessingChain;
  /** binary classifiers: the positive class (the last class) is predicted when its probability is ≥ this */
  decision_threshold?: number;
}

/** What a model says about rows: always a prediction; probabilities for classifiers; raw margins where they exist. */
export interface ModelOutput {
  /** classification: class code per row (index into `classes`); regression: the predicted value */
  prediction: Int32Array | Float64Array;
  /** classification: n × classes, row-major */
  proba?: Float64Array;
  /** the raw score before the link (n × outputs, row-major): log-odds, logits, or the regression value */
  margin?: Float64Array;
}
