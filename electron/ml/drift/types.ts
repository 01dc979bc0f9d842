// The drift report's inputs and output (SPEC §6 drift.json, plus extra per-column fields for the UI).

/** One column of a table as typed arrays; the shape of a data Frame column, so frames pass straight in. */
export type DriftColumn =
  | { name: string; kind: 'numeric'; values: Float64Array } // NaN (and ±∞) mark missing
  | { name: string; kind: 'categorical' | 'boolean'; codes: Int32Array; levels: readonly string[] }; // −1 missing

/** A table's columns (a data Frame fits). */
export interface DriftTable {
  nrows: number;
  columns: DriftColumn[];
}

export const DRIFT_TESTS = ['ks', 'chi2', 'z', 'wasserstein', 'jensenshannon', 'psi', 'kl'] as const;
export type DriftTest = (typeof DRIFT_TESTS)[number];

export type DriftKind = 'numeric' | 'categorical';

export interface DriftOptions {
  /** One test for every column; 'auto' (default) picks per column as Evidently does. */
  test?: DriftTest | 'auto';
  /** Overrides the threshold of whichever test runs (default: 0.05 for p-values, 0.1 for distances). */
  threshold?: number | null;
  /** Per-column test, winning over `test`. */
  columnTests?: Readonly<Record<string, DriftTest>>;
  /** Per-column kind, e.g. integer codes that are really categories. */
  columnKinds?: Readonly<Record<string, DriftKind>>;
  /** Columns to compare (default: every column the two tables share, in reference order). */
  columns?: readonly string[];
  /** Dataset drift when the share of drifted columns is at least this (default 0.5). */
  driftShare?: number;
}

/** Reference vs current counts for the drift view: shared bins for numbers, categories otherwise. */
export type DriftDistribution =
  | { type: 'bins'; edges: number[]; reference: number[]; current: number[] }
  | { type: 'categories'; categories: string[]; reference: number[]; current: number[]; other?: { reference: number; current: number } };

export interface DriftColumnResult {
  name: string;
  kind: DriftKind;
  test: DriftTest;
  /** KS D, χ², z, or the distance itself; null when it cannot be computed (or is infinite, as χ² with a new category) */
  statistic: number | null;
  /** null for distances */
  p_value: number | null;
  threshold: number;
  drifted: boolean;
  /** how the p-value was computed, for the KS test */
  method?: 'exact' | 'asymptotic';
  /** non-missing values on each side */
  count: { reference: number; current: number };
  /** share of missing values on each side */
  missing: { reference: number; current: number };
  distribution: DriftDistribution;
  /** why a column could not be tested (e.g. no values in current) */
  note?: string;
}

export interface DriftReport {
  dataset_drift: boolean;
  share_drifted: number;
  drift_share_threshold: number;
  columns: DriftColumnResult[];
  number_of_columns: number;
  number_of_drifted_columns: number;
  rows: { reference: number; current: number };
}

export const P_VALUE_TESTS: ReadonlySet<DriftTest> = new Set(['ks', 'chi2', 'z']);

export const DEFAULT_THRESHOLD: Readonly<Record<DriftTest, number>> = {
  ks: 0.05,
  chi2: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
  kl: 0.1,
};

export const DEFAULT_DRIFT_SHARE = 0.5;
