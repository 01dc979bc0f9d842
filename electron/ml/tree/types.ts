// The one tree representation shared by our trainers, the XGBoost importer, prediction and TreeSHAP:
// flat typed arrays per tree (structure of arrays), nodes indexed from 0 = root.

export interface Tree {
  /** split feature per node, -1 for a leaf */
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** 1 when a missing (NaN) value goes to the left child */
  missingLeft: Uint8Array;
  /** training weight (sample count or hessian sum) reaching each node: TreeSHAP needs it */
  cover: Float64Array;
  /** nodeCount × nValues; leaves hold the output, inner nodes the cover-weighted mean */
  value: Float64Array;
  nValues: number;
}

export interface TreeEnsemble {
  trees: Tree[];
  /** which output column each tree adds to when nValues = 1 (GBM: one tree per class per round) */
  treeOutput: Int32Array;
  nOutputs: number;
  /** margin added before the trees (per output) */
  baseMargin: Float64Array;
  /** 'le': go left when x <= t (scikit-learn); 'lt_f32': when fround(x) < t (XGBoost) */
  splitRule: 'le' | 'lt_f32';
  /** 'sum' for boosting, 'mean' for forests */
  aggregation: 'sum' | 'mean';
  /** how the margin turns into the prediction */
  link: 'identity' | 'logistic' | 'softmax';
  nFeatures: number;
}
