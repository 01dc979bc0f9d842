// The preprocessing chain of a model file (SPEC §5): its types and schema, applying it to raw rows, the raw input
// signature, and the model's feature matrix from raw rows. Used by model.predict's callers, serving and ONNX export.
export { applyPreprocessing, type TypedColumns } from './apply.js';
export { featureMatrixOf, rawFeatureMatrix } from './features.js';
export { inputSignature, requiredInputs } from './signature.js';
export {
  preprocessingChainSchema,
  type ColumnScaling,
  type ColumnSpec,
  type EncodeStep,
  type ImputeStep,
  type InputColumn,
  type PreprocessingChain,
  type PreprocessingStep,
  type RawColumns,
  type RawValue,
  type ScaleStep,
  type SelectStep,
} from './types.js';
export { doubleText, kindOfType, readCell, textForm } from './values.js';
