// The Plumb model file (SPEC §5): what trainers write on their `model` port and `model.predict`, evaluation,
// explanations and `plumb serve` read. One JSON object: an envelope (features, target, task, classes, levels,
// params, training facts) around the fitted model of one type. Pure: no DuckDB, no files.

export { loadModelFile, modelTypes, parseModelFile } from './model-file/load.js';
export { predictRawRows, predictWithModel } from './model-file/predict.js';
export type {
  FittedModel,
  ModelFileEnvelope,
  ModelOutput,
  ModelType,
  PlumbModelFile,
  XgboostModelJson,
} from './model-file/types.js';

export const MODEL_FILE_VERSION = 1;
