// SPEC §6 `group_encoded`: the one-hot columns `data.encode` makes (`<column>=<level>`) are folded back into their
// original column. Shapley values are additive over a partition of features, so summing them is exact.

import type { ShapValues } from './exact-shapley.js';

export interface FeatureGroups {
  /** group names in order of first appearance: original column names, or ungrouped feature names */
  names: string[];
  /** members[g] = feature indices of group g */
  members: number[][];
  /** group of each feature */
  groupOf: Int32Array;
}

/**
 * Groups `<column>=<level>` features by `<column>` (the text before the first '='). A prefix that is itself a
 * feature name is not grouped, so no two outputs share a name.
 */
export function encodedGroups(featureNames: readonly string[]): FeatureGroups {
  const plain = new Set(featureNames);
  const names: string[] = [];
  const members: number[][] = [];
  const index = new Map<string, number>();
  const groupOf = new Int32Array(featureNames.length);
  featureNames.forEach((name, j) => {
    const cut = name.indexOf('=');
    const prefix = cut > 0 ? name.slice(0, cut) : '';
    const key = prefix && !plain.has(prefix) ? prefix : `\u0000${name}`;
    let g = index.get(key);
    if (g === undefined) {
      g = names.length;
      index.set(key, g);
      names.push(key.startsWith('\u0000') ? name : prefix);
      members.push([]);
    }
    members[g].push(j);
    groupOf[j] = g;
  });
  return { names, members, groupOf };
}

/** Each feature alone: what `group_encoded: false` means. */
export function singletonGroups(featureNames: readonly string[]): FeatureGroups {
  return {
    names: featureNames.slice(),
    members: featureNames.map((_, j) => [j]),
    groupOf: Int32Array.from(featureNames, (_, j) => j),
  };
}

/** SHAP values with each group's members summed; base values are unchanged. */
export function sumGroups(shap: ShapValues, groups: FeatureGroups): ShapValues {
  const { nOutputs, nRows, nFeatures: m } = shap;
  const g = groups.names.length;
  const values = new Float64Array(nOutputs * nRows * g);
  for (let kr = 0; kr < nOutputs * nRows; kr++) {
    for (let j = 0; j < m; j++) values[kr * g + groups.groupOf[j]] += shap.values[kr * m + j];
  }
  return { baseValue: shap.baseValue, values, nOutputs, nRows, nFeatures: g };
}
