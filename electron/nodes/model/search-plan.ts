// The candidates model.automl and model.tune evaluate: seeded samples of each family's space (round-robin over
// the families), or a grid, with ids that name family and sample number. Pure: the same params give the same list.
import { FAMILY_SPACES, type Family, type ParamSet, type Space } from '../../../shared/catalog/model/search-space.js';
import { invalidInput } from '../../../shared/errors.js';
import { haltonPoints, uniformPoints } from '../../ml/automl/sampling.js';
import type { Candidate } from '../../ml/automl/search.js';
import { gridOf, paramsAt } from '../../ml/automl/space.js';

export interface SearchPlan {
  candidates: Candidate[];
  /** scored on all rows whatever happens: the default gradient boosting (automl) or the estimator's defaults (tune) */
  baseline: Candidate;
  stacking: boolean;
  /** successive halving over rows (automl); tune cross-validates every candidate on all rows */
  halving: boolean;
}

/** A per-family seed, so adding a family does not change another family's samples. */
function familySeed(seed: number, family: Family): number {
  let h = seed >>> 0;
  for (const ch of family) h = (Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0) ^ (h >>> 15);
  return h >>> 0;
}

/** `total` samples split in proportion to `shares` (largest remainder; ties to the earlier family). */
export function apportion(total: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (total * s) / sum);
  const counts = exact.map((x) => Math.floor(x));
  const order = exact.map((x, i) => ({ r: x - Math.floor(x), i })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0, left = total - counts.reduce((a, b) => a + b, 0); left > 0; k++, left--) counts[order[k].i]++;
  return counts;
}

export function automlPlan(options: { families: readonly Family[]; task: 'classification' | 'regression'; maxModels: number; seed: number; stacking: boolean }): SearchPlan {
  const families = options.families.filter((f, i, all) => all.indexOf(f) === i && FAMILY_SPACES[f].tasks.includes(options.task));
  if (!families.length) throw invalidInput(`none of the families fits a ${options.task} task`, { param: 'families' });
  const counts = apportion(options.maxModels, families.map((f) => FAMILY_SPACES[f].share ?? 1));
  const samples = families.map((family, i) => {
    const { space, fixed } = FAMILY_SPACES[family];
    const dims = Object.keys(space).length;
    return haltonPoints(counts[i], dims, familySeed(options.seed, family)).map((point) => ({ ...paramsAt(space, point), ...fixed }));
  });
  const candidates: Candidate[] = [];
  // round-robin, so the candidate list interleaves families (what halving's tie-break order sees)
  for (let j = 0; candidates.length < options.maxModels; j++) {
    families.forEach((family, i) => {
      if (j < counts[i]) candidates.push({ id: `${family}_${j + 1}`, family, params: samples[i][j] });
    });
  }
  return { candidates, baseline: { id: 'gradient_boosting_default', family: 'gradient_boosting', params: {} }, stacking: options.stacking, halving: true };
}

export type SpaceEntry = readonly (number | string | boolean | null | number[])[] | { low: number; high: number; log: boolean };

/** The tune node's space as sampling dimensions (lists become choices). */
function toSpace(entries: Record<string, SpaceEntry>, integers: ReadonlySet<string>): Space {
  return Object.fromEntries(
    Object.entries(entries).map(([name, e]) => [
      name,
      Array.isArray(e) ? { kind: 'choice', values: e } : { kind: integers.has(name) ? 'int' : 'float', low: (e as { low: number }).low, high: (e as { high: number }).high, log: (e as { log: boolean }).log },
    ]),
  );
}

export function tunePlan(options: {
  estimator: Family;
  search: 'random' | 'grid';
  space: Record<string, SpaceEntry>;
  /** params whose values must be whole numbers */
  integers: ReadonlySet<string>;
  maxModels: number;
  seed: number;
}): SearchPlan {
  const family = options.estimator;
  const given = Object.keys(options.space).length > 0;
  const { space, fixed } = given ? { space: toSpace(options.space, options.integers), fixed: {} as ParamSet } : FAMILY_SPACES[family];
  let params: ParamSet[];
  if (options.search === 'grid') {
    params = gridOf(Object.fromEntries(Object.entries(options.space).map(([k, v]) => [k, v as readonly ParamSet[string][]])));
    if (params.length > 500) throw invalidInput(`the grid has ${params.length} combinations; at most 500`, { param: 'space' });
  } else {
    const dims = Object.keys(space).length;
    const points = dims ? haltonPoints(options.maxModels, dims, familySeed(options.seed, family)) : uniformPoints(0, 0, options.seed);
    params = points.map((p) => ({ ...paramsAt(space, p), ...fixed }));
  }
  return {
    candidates: params.map((p, i) => ({ id: `${family}_${i + 1}`, family, params: p })),
    baseline: { id: `${family}_default`, family, params: { ...fixed } },
    stacking: false,
    halving: false,
  };
}
