// Short summaries of a run's JSON outputs for lists and side-by-side views: top features of an explanation,
// the verdict of a drift report, a model file's input signature.
import type { ModelSignature } from '../../shared/api/lifecycle.js';
import { inputSignature, preprocessingChainSchema } from '../ml/preprocessing/index.js';

export interface FeatureImportance {
  feature: string;
  importance: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const stringLists = (levels: Record<string, unknown>): Record<string, string[]> =>
  Object.fromEntries(Object.entries(levels).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown[]).map(String)]));

/** Mean |value| per feature of a SHAP-like matrix `[row][feature]` (or `[class][row][feature]`). */
function meanAbs(values: unknown, features: string[]): number[] | undefined {
  const sums = new Float64Array(features.length);
  let rows = 0;
  const addRow = (row: unknown) => {
    if (!Array.isArray(row)) return;
    row.forEach((v, j) => {
      if (typeof v === 'number' && j < sums.length) sums[j] += Math.abs(v);
    });
    rows++;
  };
  if (!Array.isArray(values)) return undefined;
  for (const item of values) {
    if (Array.isArray(item) && Array.isArray(item[0])) item.forEach(addRow);
    else addRow(item);
  }
  return rows ? Array.from(sums, (s) => s / rows) : undefined;
}

/** The `k` most important features of an explain.* output, or undefined when it has no per-feature importance. */
export function topFeatures(explanation: unknown, k = 10): FeatureImportance[] | undefined {
  if (!isRecord(explanation)) return undefined;
  let found: FeatureImportance[] | undefined;
  if (Array.isArray(explanation.feature_names) && explanation.values !== undefined) {
    const names = explanation.feature_names.map(String);
    const importance = meanAbs(explanation.values, names);
    if (importance) found = names.map((feature, j) => ({ feature, importance: importance[j] }));
  } else if (Array.isArray(explanation.features)) {
    found = explanation.features.filter(isRecord).map((f) => ({ feature: String(f.feature), importance: Number(f.mean) }));
  } else if (Array.isArray(explanation.rows)) {
    const sums = new Map<string, { total: number; n: number }>();
    const rows = explanation.rows.filter(isRecord);
    for (const row of rows) {
      for (const w of Array.isArray(row.weights) ? row.weights.filter(isRecord) : []) {
        const s = sums.get(String(w.feature)) ?? { total: 0, n: 0 };
        s.total += Math.abs(Number(w.weight));
        s.n++;
        sums.set(String(w.feature), s);
      }
    }
    if (sums.size) found = [...sums].map(([feature, s]) => ({ feature, importance: s.total / rows.length }));
  }
  return found
    ?.filter((f) => Number.isFinite(f.importance))
    .sort((a, b) => b.importance - a.importance || a.feature.localeCompare(b.feature))
    .slice(0, k);
}

export function driftSummary(report: unknown): { datasetDrift: boolean; shareDrifted: number; drifted: string[] } | undefined {
  if (!isRecord(report) || typeof report.dataset_drift !== 'boolean') return undefined;
  const columns = Array.isArray(report.columns) ? report.columns.filter(isRecord) : [];
  return {
    datasetDrift: report.dataset_drift,
    shareDrifted: Number(report.share_drifted ?? 0),
    drifted: columns.filter((c) => c.drifted === true).map((c) => String(c.name)),
  };
}

/** What a Plumb model file reads and predicts. */
export function modelSignature(model: unknown): ModelSignature | undefined {
  if (!isRecord(model) || !Array.isArray(model.features)) return undefined;
  const levels = isRecord(model.feature_levels) ? model.feature_levels : {};
  // With a preprocessing chain the model reads the original columns in front of it (SPEC §5).
  const chain = preprocessingChainSchema.safeParse(model.preprocessing);
  const columns = chain.success
    ? inputSignature({ features: model.features.map(String), feature_levels: stringLists(levels), preprocessing: chain.data }).map((c) =>
        c.kind === 'number' ? { name: c.name, type: 'numeric' as const } : { name: c.name, type: 'categorical' as const, ...(c.categories ? { levels: c.categories } : {}) },
      )
    : model.features.map(String).map((name) =>
        Array.isArray(levels[name]) ? { name, type: 'categorical' as const, levels: (levels[name] as unknown[]).map(String) } : { name, type: 'numeric' as const },
      );
  return {
    columns,
    target: typeof model.target === 'string' ? model.target : null,
    task: model.task === 'regression' ? 'regression' : 'classification',
    classes: Array.isArray(model.classes) ? model.classes.map(String) : [],
  };
}
