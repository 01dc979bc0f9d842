// The reduce step of `--shard` runs of the explain nodes: the shards' explanation.json files (each a contiguous
// range of the explained rows) back into the whole run's, rows concatenated in order.
import { runtimeError } from '../../../shared/errors.js';
import type { ShapExplanation } from './explanation-json.js';
import type { LimeExplanationRow } from './lime.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** SHAP shards: values (per class when multiclass), rows and data concatenated; the head must agree. */
export function concatShapExplanations(parts: readonly unknown[], node: string): ShapExplanation {
  const shaps = parts.map((part, i) => {
    if (!isObject(part) || !Array.isArray(part.values) || !Array.isArray(part.rows) || !Array.isArray(part.data)) {
      throw runtimeError(`shard ${i} is not a SHAP explanation`, { node });
    }
    return part as unknown as ShapExplanation;
  });
  const [first] = shaps;
  if (!first) throw runtimeError('no shards to concatenate', { node });
  for (const [i, part] of shaps.entries()) {
    for (const key of ['method', 'output', 'feature_names', 'base_value', 'classes'] as const) {
      if (!sameJson(part[key], first[key])) throw runtimeError(`shard ${i} disagrees with shard 0 on ${key}`, { node });
    }
  }
  const multi = Array.isArray(first.base_value);
  const values = multi
    ? (first.values as number[][][]).map((_, k) => shaps.flatMap((p) => (p.values as number[][][])[k]))
    : shaps.flatMap((p) => p.values as number[][]);
  return { ...first, values, rows: shaps.flatMap((p) => p.rows), data: shaps.flatMap((p) => p.data) } as ShapExplanation;
}

/** LIME shards: their rows concatenated. */
export function concatLimeExplanations(parts: readonly unknown[], node: string): { rows: LimeExplanationRow[] } {
  return {
    rows: parts.flatMap((part, i) => {
      if (!isObject(part) || !Array.isArray(part.rows)) throw runtimeError(`shard ${i} is not a LIME explanation`, { node });
      return part.rows as LimeExplanationRow[];
    }),
  };
}
