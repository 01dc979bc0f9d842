// A weighted sum of tree ensembles is itself a tree ensemble: every member tree's values scaled by its member's
// weight (and by 1/trees for averaging forests), binary members kept to their positive-class column. TreeSHAP of
// the merged ensemble is therefore exactly the weighted sum of the members' TreeSHAP values.
import type { JsonNumber, TreeEnsembleJson, TreeJson } from '../tree/json.js';

export interface WeightedTrees {
  weight: number;
  trees: TreeEnsembleJson;
}

function scaled(values: readonly JsonNumber[], factor: number, nValues: number, column: number | null): JsonNumber[] {
  const out: JsonNumber[] = [];
  for (let i = 0; i < values.length; i++) {
    if (column !== null && i % nValues !== column) continue;
    const v = values[i];
    out.push(typeof v === 'number' ? v * factor : v);
  }
  return out;
}

/** Margin column of a member's `nOutputs` that feeds ensemble output `o` (binary: the last one). */
function sourceColumn(nOutputs: number, width: number, o: number): number {
  return nOutputs === width ? o : nOutputs - 1;
}

/** null when the members cannot be merged (different split rules or output shapes). */
export function mergeTreeEnsembles(
  members: readonly WeightedTrees[],
  intercept: readonly number[],
  link: TreeEnsembleJson['link'],
  nFeatures: number,
): TreeEnsembleJson | null {
  const width = intercept.length;
  const splitRule = members[0]?.trees.splitRule ?? 'le';
  const trees: TreeJson[] = [];
  const treeOutput: number[] = [];
  const baseMargin = intercept.slice();
  for (const { weight, trees: e } of members) {
    if (e.splitRule !== splitRule) return null;
    if (e.nOutputs !== width && !(width === 1 && e.nOutputs === 2)) return null;
    const perOutput = new Float64Array(e.nOutputs);
    e.trees.forEach((tree, t) => {
      if (tree.nValues === 1) perOutput[e.treeOutput[t] ?? 0]++;
      else perOutput.fill(perOutput[0] + 1);
    });
    for (let o = 0; o < width; o++) {
      const base = e.baseMargin[sourceColumn(e.nOutputs, width, o)];
      baseMargin[o] += weight * (typeof base === 'number' ? base : NaN);
    }
    e.trees.forEach((tree, t) => {
      const reduce = tree.nValues > 1 && tree.nValues !== width;
      const source = tree.nValues === 1 ? (e.treeOutput[t] ?? 0) : 0;
      if (tree.nValues === 1 && e.nOutputs !== width && source !== e.nOutputs - 1) return;
      const count = tree.nValues === 1 ? perOutput[source] : perOutput[0];
      const factor = e.aggregation === 'mean' && count > 0 ? weight / count : weight;
      const column = reduce ? tree.nValues - 1 : null;
      trees.push({
        ...tree,
        value: scaled(tree.value, factor, tree.nValues, column),
        nValues: reduce ? 1 : tree.nValues,
      });
      treeOutput.push(tree.nValues === 1 ? (e.nOutputs === width ? source : 0) : 0);
    });
  }
  return { trees, treeOutput, nOutputs: width, baseMargin, splitRule, aggregation: 'sum', link, nFeatures };
}
