// A Plumb tree ensemble (decision tree, random forest, HistGBM, imported XGBoost) as one ai.onnx.ml
// TreeEnsembleRegressor computing the margin (one target per output, base_values = the base margin), followed by
// the link and the label/probabilities heads. Thresholds follow float32-thresholds.ts.

import type { TreeEnsemble } from '../tree/types.js';
import { outputScales } from '../tree/predict.js';
import { ceil32, floor32 } from './float32-thresholds.js';
import { ML_DOMAIN, tensorProto, type OnnxGraph } from './graph.js';

/** Does every tree feed every output (so ONNX's AVERAGE divides by the same count Plumb does)? */
function everyTreeFeedsAll(e: TreeEnsemble): boolean {
  return e.trees.every((t) => t.nValues === e.nOutputs);
}

/** The ensemble's margin, float [N, nOutputs], from the float [N, F] feature matrix `x`. */
export function treeEnsembleMargin(g: OnnxGraph, e: TreeEnsemble, x: string, inputType: 'float' | 'double' = 'float'): string {
  // double inputs (after a folded preprocessing chain) are compared with the exact double thresholds (opset 3's
  // *_as_tensor attributes); float inputs with float32 thresholds rounded as float32-thresholds.ts explains
  const exact = inputType === 'double';
  const average = e.aggregation === 'mean' && everyTreeFeedsAll(e);
  // mean over trees that do not all feed every output: scale each tree's leaves by 1 / (trees of its output)
  const scales = e.aggregation === 'mean' && !average ? outputScales(e) : new Float64Array(e.nOutputs).fill(1);
  const le = e.splitRule === 'le';
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const values: number[] = [];
  const modes: string[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const missingTrue: number[] = [];
  const tTree: number[] = [];
  const tNode: number[] = [];
  const tId: number[] = [];
  const tWeight: number[] = [];
  e.trees.forEach((tree, t) => {
    for (let node = 0; node < tree.feature.length; node++) {
      treeIds.push(t);
      nodeIds.push(node);
      const f = tree.feature[node];
      if (f < 0) {
        featureIds.push(0);
        values.push(0);
        modes.push('LEAF');
        trueIds.push(0);
        falseIds.push(0);
        missingTrue.push(0);
        const outputs = tree.nValues === 1 ? [e.treeOutput[t] ?? 0] : Array.from({ length: tree.nValues }, (_, k) => k);
        outputs.forEach((k, v) => {
          tTree.push(t);
          tNode.push(node);
          tId.push(k);
          tWeight.push(tree.value[node * tree.nValues + v] * scales[k]);
        });
        continue;
      }
      featureIds.push(f);
      values.push(exact ? tree.threshold[node] : le ? floor32(tree.threshold[node]) : ceil32(tree.threshold[node]));
      modes.push(le ? 'BRANCH_LEQ' : 'BRANCH_LT');
      // the true branch is Plumb's left child; a missing value follows it when missingLeft
      trueIds.push(tree.left[node]);
      falseIds.push(tree.right[node]);
      missingTrue.push(tree.missingLeft[node]);
    }
  });
  const base = Array.from(e.baseMargin.length ? e.baseMargin : new Float64Array(e.nOutputs));
  return g.op(
    'TreeEnsembleRegressor',
    [x],
    {
      n_targets: { i: e.nOutputs },
      aggregate_function: { s: average ? 'AVERAGE' : 'SUM' },
      post_transform: { s: 'NONE' },
      ...(exact
        ? {
            base_values_as_tensor: { tensor: tensorProto('double', [e.nOutputs], base) },
            nodes_values_as_tensor: { tensor: tensorProto('double', [values.length], values) },
            target_weights_as_tensor: { tensor: tensorProto('double', [tWeight.length], tWeight) },
          }
        : { base_values: { floats: base }, nodes_values: { floats: values }, target_weights: { floats: tWeight } }),
      nodes_treeids: { ints: treeIds },
      nodes_nodeids: { ints: nodeIds },
      nodes_featureids: { ints: featureIds },
      nodes_modes: { strings: modes },
      nodes_truenodeids: { ints: trueIds },
      nodes_falsenodeids: { ints: falseIds },
      nodes_missing_value_tracks_true: { ints: missingTrue },
      target_treeids: { ints: tTree },
      target_nodeids: { ints: tNode },
      target_ids: { ints: tId },
    },
    ML_DOMAIN,
  );
}
