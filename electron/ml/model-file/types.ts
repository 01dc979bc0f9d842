// TypeScript view of a Plumb model file: the shared envelope plus the fitted model object per model type (the
// types come from the estimator registry).

import type { FittedModel } from '../estimators.js';
import type { ModelFileEnvelope } from './envelope.js';

export type { FittedModel, ModelType } from '../estimators.js';
export type { XgboostModelJson } from '../xgboost/estimator.js';
export type { ModelFileEnvelope, ModelOutput } from './envelope.js';

export type PlumbModelFile = ModelFileEnvelope & FittedModel;
