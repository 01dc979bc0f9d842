// Wraps a fitted model in the model-file envelope: features and their levels, target, task, classes, params and
// training facts, taken from the data it was fitted on.
import { MODEL_FILE_VERSION, type FittedModel, type PlumbModelFile } from '../../ml/model-file.js';
import type { FeatureMatrix, Target } from '../../ml/types.js';

export interface TrainingFacts {
  X: FeatureMatrix;
  y: Target;
  target: string | null;
  params: Record<string, unknown>;
  seconds: number;
  backend?: string;
}

export function buildModelFile(fitted: FittedModel, facts: TrainingFacts): PlumbModelFile {
  return {
    plumb_model: MODEL_FILE_VERSION,
    type: fitted.type,
    features: facts.X.names.slice(),
    target: facts.target,
    task: facts.y.task,
    classes: facts.y.task === 'classification' ? facts.y.classes.slice() : [],
    feature_levels: featureLevels(facts.X),
    params: withoutUndefined(facts.params),
    model: fitted.model,
    trained: { rows: facts.X.nRows, seconds: facts.seconds, ...(facts.backend ? { backend: facts.backend } : {}) },
  } as PlumbModelFile;
}

/** Levels of the categorical features, by name: what predict-time text is mapped onto. */
export function featureLevels(X: FeatureMatrix): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  X.names.forEach((name, j) => {
    const levels = X.levels[j];
    if (levels) out[name] = levels.slice();
  });
  return out;
}

function withoutUndefined(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
}
