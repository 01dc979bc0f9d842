// One fitting entry for every trainer: the model name picks the estimator record, whose fit returns the model in
// its model-file (plain JSON) form. Runs inside a worker (see train-task.ts).
import type { TrainerName } from '../../../shared/catalog/model/trainers.js';
import { invalidInput } from '../../../shared/errors.js';
import { estimatorOf } from '../../ml/estimators.js';
import type { FittedModel } from '../../ml/model-file.js';
import type { FeatureMatrix, FitControl, Target } from '../../ml/types.js';

export interface FitInput {
  X: FeatureMatrix;
  y: Target;
  /** the model's own params (the node's params without target, features, task and seed), already validated */
  params: Record<string, unknown>;
  valid?: { X: FeatureMatrix; y: Target };
}

/** Leaves out params the node did not set, so the fit function's own defaults apply to them. */
function given(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
}

export function fitModel(name: TrainerName, input: FitInput, control: FitControl): FittedModel {
  const { X, y, params } = input;
  const estimator = estimatorOf(name);
  if (!estimator.tasks.includes(y.task)) {
    const task = estimator.tasks[0];
    const hint = task === 'classification' ? 'set task: classification, or use a text/boolean target' : 'it needs a numeric target';
    throw invalidInput(`model.${name} is a ${task} model but the target makes this a ${y.task} task (${hint})`, { param: 'target' });
  }
  if (!estimator.fit) throw invalidInput(`model.${name} is not trained by the shared trainer`);
  return { type: name, model: estimator.fit(X, y, given(params), control, input.valid) } as FittedModel;
}
