// Estimator record of the stacked ensemble AutoML builds: member model files, non-negative weights on their scores
// (see scores.ts), an intercept per output and a link. Its margin is the weighted sum, so TreeSHAP of an all-tree
// ensemble is exact (merge-trees.ts); with any other member, the explainers fall back to KernelSHAP.
import { z } from 'zod';
import type { Estimator, PredictContext } from '../estimator.js';
import type { ModelFileEnvelope, ModelOutput } from '../model-file/envelope.js';
import type { TreeEnsembleJson } from '../tree/json.js';
import type { FeatureMatrix } from '../types.js';
import { mergeTreeEnsembles } from './merge-trees.js';
import { ensembleOutputOf, type EnsembleLink } from './output.js';
import { memberScores, scoreWidth } from './scores.js';

/** A member: a whole Plumb model file of a non-composite kind (checked by the model-file loader like any file). */
export type EnsembleMemberFile = ModelFileEnvelope & { type: string; model: Record<string, unknown> };

export interface EnsembleModel {
  link: EnsembleLink;
  /** per output (1 for regression and binary, one per class otherwise) */
  intercept: number[];
  members: { weight: number; file: EnsembleMemberFile }[];
}

/** The link a task's ensemble uses. */
export function ensembleLink(task: 'classification' | 'regression', nClasses: number): EnsembleModel['link'] {
  return task === 'regression' ? 'identity' : nClasses === 2 ? 'logistic' : 'softmax';
}

function predictMember(context: PredictContext, file: EnsembleMemberFile, X: FeatureMatrix): ModelOutput {
  if (!context.predictMember) throw new Error('an ensemble needs the model-file predictor for its members');
  return context.predictMember(file, X);
}

/** The ensemble's margin: intercept + Σ weight × member score (n × outputs, row-major). */
export function ensembleMargin(model: EnsembleModel, X: FeatureMatrix, file: Pick<ModelFileEnvelope, 'task' | 'classes'>, context: PredictContext): Float64Array {
  const width = model.intercept.length;
  const n = X.nRows;
  const margin = new Float64Array(n * width);
  for (let i = 0; i < n; i++) margin.set(model.intercept, i * width);
  for (const { weight, file: member } of model.members) {
    if (weight === 0) continue;
    const s = memberScores(predictMember(context, member, X), n, width, file.task);
    for (let i = 0; i < margin.length; i++) margin[i] += weight * s[i];
  }
  return margin;
}

const merged = new WeakMap<EnsembleModel, TreeEnsembleJson | null>();

/** Trees of an all-tree ensemble (null otherwise); `treesOf` reads a member's trees from its estimator record. */
export function ensembleTrees(model: EnsembleModel, nFeatures: number, treesOf: (member: EnsembleMemberFile) => TreeEnsembleJson | null): TreeEnsembleJson | null {
  if (merged.has(model)) return merged.get(model)!;
  const members: { weight: number; trees: TreeEnsembleJson }[] = [];
  let all = true;
  for (const { weight, file } of model.members) {
    const trees = treesOf(file);
    if (!trees) {
      all = false;
      break;
    }
    members.push({ weight, trees });
  }
  const result = all ? mergeTreeEnsembles(members, model.intercept, model.link, nFeatures) : null;
  merged.set(model, result);
  return result;
}

const memberSchema = z.object({
  weight: z.number().min(0),
  file: z.object({ type: z.string(), features: z.array(z.string()), task: z.enum(['classification', 'regression']), classes: z.array(z.string()) }).passthrough(),
});

/**
 * The record. `treesOf` is given by the registry (estimators.ts), which knows every kind; this module does not
 * import it (that would be a file cycle).
 */
export function ensembleEstimator(treesOf: (member: EnsembleMemberFile) => TreeEnsembleJson | null): Estimator<'ensemble', EnsembleModel, object> {
  return {
    type: 'ensemble',
    tasks: ['classification', 'regression'],
    defaults: null,
    schema: z.object({
      link: z.enum(['identity', 'logistic', 'softmax']),
      intercept: z.array(z.number()),
      members: z.array(memberSchema).min(1),
    }),
    check(model, file, p) {
      const width = scoreWidth(file.task, file.classes.length);
      p.check(model.link === ensembleLink(file.task, file.classes.length), 'model.link', `must be '${ensembleLink(file.task, file.classes.length)}' for this task`);
      p.check(model.intercept.length === width, 'model.intercept', `expected ${width} values`);
      model.members.forEach(({ file: m }, k) => {
        const at = `model.members[${k}].file`;
        p.check(m.type !== 'ensemble', `${at}.type`, 'an ensemble member cannot be an ensemble');
        p.check(m.task === file.task, `${at}.task`, `does not match the ensemble's task '${file.task}'`);
        p.check(m.classes.length === file.classes.length && m.classes.every((c, i) => c === file.classes[i]), `${at}.classes`, "do not match the ensemble's classes");
        p.check(m.features.length === file.features.length && m.features.every((f, i) => f === file.features[i]), `${at}.features`, "do not match the ensemble's features");
      });
    },
    predict(model, X, file, context) {
      return ensembleOutputOf(ensembleMargin(model, X, file, context), model.link, file.classes.length);
    },
    hasMargin: true,
    treeEnsemble: (model) => ensembleTrees(model, model.members[0].file.features.length, treesOf),
    members: (model) => model.members.map((m) => m.file),
  };
}
