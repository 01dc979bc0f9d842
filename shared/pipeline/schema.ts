// The shape of a pipeline document, format version 1 (SPEC §3): structure only; the node catalog
// decides which types, params and connections are allowed (validate.ts).
import { z } from 'zod';
import { PORT_TYPES } from '../catalog/ports.js';

export const PIPELINE_FORMAT_VERSION = 1;

/** Node ids and port names: lower-case identifiers, so `node.port` references need no quoting. */
export const NODE_ID_PATTERN = /^[a-z][a-z0-9_]*$/;
export const PORT_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
export const PORT_REF_PATTERN = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;
/** A reference in a flattened pipeline, where nodes of components are `<node id>/<inner id>` (components.ts). */
export const FLAT_PORT_REF_PATTERN = /^[a-z][a-z0-9_]*(?:\/[a-z][a-z0-9_]*)*\.[a-z][a-z0-9_]*$/;

/** Node ids name tables, cache entries and `--out` folders (file names are limited to 255 bytes). */
export const MAX_NODE_ID_LENGTH = 100;

const nodeId = z
  .string()
  .regex(NODE_ID_PATTERN, { error: 'node ids start with a lower-case letter and use only a-z, 0-9 and _' })
  .max(MAX_NODE_ID_LENGTH, { error: `node ids are at most ${MAX_NODE_ID_LENGTH} characters long` });

const portRef = z
  .string()
  .regex(PORT_REF_PATTERN, { error: 'an input must name an output as "<node id>.<output port>"' });

const portName = z
  .string()
  .regex(PORT_NAME_PATTERN, { error: 'port names start with a lower-case letter and use only a-z, 0-9 and _' });

export const pipelineNodeSchema = z.strictObject({
  id: nodeId,
  type: z.string().min(1),
  /** Input port name → "<node id>.<output port>". */
  inputs: z.record(portName, portRef).optional(),
  /** Raw param values as written; checked and defaulted against the node's declaration. */
  params: z.record(z.string(), z.unknown()).optional(),
});

const componentParamSchema = z.strictObject({
  /** Absent: the param must be set on every node using the component. */
  default: z.unknown().optional(),
  doc: z.string().optional(),
});

/** A reusable subgraph (SPEC §3 components): inner nodes read the component's inputs as `in.<port>`. */
export const componentSchema = z.strictObject({
  /** Input port name → port type. */
  inputs: z.record(portName, z.enum(PORT_TYPES)).optional(),
  /** Output port name → "<inner node id>.<output port>". */
  outputs: z.record(portName, portRef).optional(),
  /** Params that inner node params use as `${name}`. */
  params: z.record(portName, componentParamSchema).optional(),
  nodes: z.array(pipelineNodeSchema),
});

export const layoutPositionSchema = z.strictObject({ x: z.number(), y: z.number() });

export const pipelineDocumentSchema = z.strictObject({
  plumb: z.literal(PIPELINE_FORMAT_VERSION, {
    error: (issue) =>
      typeof issue.input === 'number'
        ? `format version ${issue.input} is not supported (this Plumb reads version ${PIPELINE_FORMAT_VERSION})`
        : `'plumb' must be the format version ${PIPELINE_FORMAT_VERSION}`,
  }),
  name: z.string().min(1),
  description: z.string().optional(),
  /** Component name → definition; a node of type `component.<name>` uses one. */
  components: z.record(nodeId, componentSchema).optional(),
  nodes: z.array(pipelineNodeSchema),
  /** Editor state (node positions); the engine ignores it. */
  layout: z.record(z.string(), layoutPositionSchema).optional(),
});

export type PipelineNodeSpec = z.infer<typeof pipelineNodeSchema>;
export type ComponentSpec = z.infer<typeof componentSchema>;
export type ComponentParamSpec = z.infer<typeof componentParamSchema>;
export type LayoutPosition = z.infer<typeof layoutPositionSchema>;
export type PipelineDocument = z.infer<typeof pipelineDocumentSchema>;

/** Top-level and per-node keys in the order they are written, used for "did you mean" hints too. */
export const DOCUMENT_KEYS = Object.keys(pipelineDocumentSchema.shape) as (keyof PipelineDocument)[];
export const NODE_KEYS = Object.keys(pipelineNodeSchema.shape) as (keyof PipelineNodeSpec)[];
export const COMPONENT_KEYS = Object.keys(componentSchema.shape) as (keyof ComponentSpec)[];
