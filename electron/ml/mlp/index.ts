// Multi-layer perceptron: trained on TensorFlow.js (fit.ts), predicted in plain JavaScript (predict.ts).

export { fitMlp, type MlpFitControl, type MlpValidationData } from './fit.js';
export { decodedLayers, type MlpLayer, type MlpLayerActivation, type MlpModel } from './model.js';
export { batchRows, mlpDefaults, resolveMlpParams, type MlpActivation, type MlpParams, type MlpSolver } from './params.js';
export { mlpModelOutput, predictMlp, type MlpPrediction } from './predict.js';
export { checkMlpModel, mlpModelSchema, type MlpEnvelope } from './schema.js';
