// The pipeline model and its YAML codec: the one import for the editor, the CLI and the engine.
export * from './schema.js';
export * from './issues.js';
export * from './graph.js';
export { checkPipelineStructure } from './structure.js';
export { validatePipeline } from './validate.js';
export { declaredParamNames, paramDefault, checkNodeParams } from './params.js';
export { resolveParams } from './resolve.js';
export { applyParamOverrides } from './overrides.js';
export { checkPipelineYaml, parsePipelineYaml, type PipelineReadOptions } from './parse.js';
export { exportPipelineYaml } from './export.js';
export { closestName } from './suggest.js';
export {
  catalogWithComponents,
  componentNameOf,
  componentType,
  flatNodeIds,
  flatOutputRef,
  flattenComponents,
  COMPONENT_INPUT_NODE,
  COMPONENT_TYPE_PREFIX,
  FLAT_ID_SEPARATOR,
  type ComponentMap,
} from './components.js';
