// AutoML's stacked ensemble as ONNX: each member's margin subgraph (member-margin.ts) on the same input tensors, the
// score the meta-model reads from it (a binary member's positive column), their weighted sum plus the intercept in
// double, then the meta-model's link. An imported ONNX member has no subgraph here, so an ensemble weighting one has
// no ONNX form.
import type { EnsembleMemberFile, EnsembleModel } from '../ensemble/estimator.js';
import { scoreWidth } from '../ensemble/scores.js';
import type { PlumbModelFile } from '../model-file/types.js';
import type { FeatureColumns } from './columns.js';
import type { OnnxGraph } from './graph.js';
import { modelMargin, type Margin } from './member-margin.js';

type EnsembleFile = PlumbModelFile & { model: EnsembleModel };

const EXPORTABLE_MEMBERS = new Set([
  'decision_tree',
  'random_forest',
  'gradient_boosting',
  'xgboost',
  'linear_regression',
  'logistic_regression',
  'mlp',
  'knn',
  'naive_bayes',
]);

/** The members the graph computes: those with a weight (the first one when none has, so the shape is known). */
function usedMembers(model: EnsembleModel): EnsembleModel['members'] {
  const weighted = model.members.filter((m) => m.weight > 0);
  return weighted.length ? weighted : model.members.slice(0, 1);
}

/** Why this ensemble cannot be exported (null: it can). */
export function ensembleExportProblem(file: EnsembleFile): string | null {
  for (const { file: member } of usedMembers(file.model)) {
    if (!EXPORTABLE_MEMBERS.has(member.type)) return `its member '${member.type}' has no ONNX form`;
    if (JSON.stringify(member.preprocessing ?? null) !== JSON.stringify(file.preprocessing ?? null)) return 'its members were trained on different preprocessing';
  }
  return null;
}

/** intercept + Σ weight × member score, double [N, width], with the meta-model's link. */
export function ensembleMargin(g: OnnxGraph, file: EnsembleFile, columns: FeatureColumns): Margin {
  const { model } = file;
  const width = scoreWidth(file.task, file.classes.length);
  let sum: string | null = null;
  for (const { weight, file: member } of usedMembers(model)) {
    const margin = modelMargin(g, member as EnsembleMemberFile as PlumbModelFile, columns);
    if (!margin) throw new Error(`ONNX export: ensemble member '${member.type}' has no margin graph`);
    let score = margin.isDouble ? margin.tensor : g.op('Cast', [margin.tensor], { to: { i: 11 } });
    if (margin.outputs !== width) {
      // one column per class where the ensemble reads one score: the positive (last) class, as ensemble/scores.ts does
      const last = margin.outputs - 1;
      score = g.op('Slice', [score, g.constant('int64', [1], [last]), g.constant('int64', [1], [last + 1]), g.constant('int64', [1], [1])]);
    }
    const weighted = g.op('Mul', [score, g.constant('double', [], [weight], 'weight')]);
    sum = sum === null ? weighted : g.op('Add', [sum, weighted]);
  }
  const tensor = g.op('Add', [sum!, g.constant('double', [width], model.intercept, 'intercept')]);
  return { tensor, outputs: width, isDouble: true, link: model.link };
}
