// Sampling a family's hyperparameter space (declared in shared/catalog/model/search-space.ts): a point of the unit
// cube (see sampling.ts) maps to params, numbers on their (log) scale, choices by equal cells; and grid expansion.
import type { Dimension, ParamSet, ParamValue, Space } from '../../../shared/catalog/model/search-space.js';

export { FAMILY_SPACES, SEARCH_FAMILIES, type Dimension, type Family, type ParamSet, type ParamValue, type Space } from '../../../shared/catalog/model/search-space.js';

/** The value of one dimension at u ∈ [0, 1). */
export function valueAt(dim: Dimension, u: number): ParamValue {
  if (dim.kind === 'choice') return dim.values[Math.min(dim.values.length - 1, Math.floor(u * dim.values.length))];
  if (dim.kind === 'int') {
    // whole numbers: the (log) range cut into equal cells, one per value
    const lo = dim.log ? Math.log(dim.low) : dim.low;
    const hi = dim.log ? Math.log(dim.high + 1) : dim.high + 1;
    const x = lo + u * (hi - lo);
    return Math.min(dim.high, Math.max(dim.low, Math.floor(dim.log ? Math.exp(x) : x)));
  }
  const x = dim.log ? Math.exp(Math.log(dim.low) + u * (Math.log(dim.high) - Math.log(dim.low))) : dim.low + u * (dim.high - dim.low);
  // 6 significant digits: params read well in the leaderboard and round-trip through JSON unchanged
  return Number(x.toPrecision(6));
}

/** Params at a point of the unit cube (one coordinate per dimension, in the space's key order). */
export function paramsAt(space: Space, point: readonly number[]): ParamSet {
  return Object.fromEntries(Object.entries(space).map(([name, dim], d) => [name, valueAt(dim, point[d])]));
}

/** Every combination of the listed values (grid search), in order: the last param varies fastest. */
export function gridOf(values: Record<string, readonly ParamValue[]>): ParamSet[] {
  let out: ParamSet[] = [{}];
  for (const [name, list] of Object.entries(values)) out = out.flatMap((p) => list.map((v) => ({ ...p, [name]: v })));
  return out;
}
