// Inputs of model fitting: column-major numeric features and an encoded target.

export interface FeatureMatrix {
  nRows: number;
  /** one Float64Array per feature (column-major); NaN marks missing */
  columns: Float64Array[];
  names: string[];
  /** for categorical features: their levels (values are codes 0..k-1 stored as numbers) */
  levels: (string[] | null)[];
}

export type Target =
  | { task: 'classification'; codes: Int32Array; classes: string[] }
  | { task: 'regression'; values: Float64Array };

export interface FitControl {
  seed: number;
  /** fraction 0..1 with an optional message */
  onProgress?: (fraction: number, message?: string) => void;
  /** iterative models: one point per iteration/epoch */
  onStep?: (point: { step: number; train_loss?: number; valid_loss?: number; metric?: number }) => void;
  /** checked between iterations; when true the fit throws a cancelled error */
  isCancelled?: () => boolean;
  /** threads a fit may use (results are the same for any count); default: 2 on a machine with two or more cores */
  threads?: number;
}
