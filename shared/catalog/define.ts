// How a node type is declared: once, as data + zod params. Editor, YAML validation, CLI and engine read this.
import { z } from 'zod';
import type { PortType } from './ports.js';

export const NODE_GROUPS = ['data', 'model', 'evaluate', 'explain', 'monitor', 'control'] as const;
export type NodeGroup = (typeof NODE_GROUPS)[number];
/** Declarations made from a pipeline's `components:` (shared/pipeline/components.ts) are in no catalog group. */
export type DeclarationGroup = NodeGroup | 'component';

export interface PortDeclaration {
  type: PortType;
  label?: string;
  optional?: boolean;
  docs?: string;
}

/**
 * UI hint for one param. `column`/`columns` are filled from the schema of the table on input `port`;
 * `file` params are resolved against the pipeline's folder and their bytes are part of the cache key.
 */
export type ParamWidget =
  | { widget: 'column'; port: string }
  | { widget: 'columns'; port: string }
  | { widget: 'file'; extensions?: string[] }
  | { widget: 'sql' }
  | { widget: 'expression'; port: string }
  | { widget: 'json' };

/** One column of a table as a node's output will have it (DuckDB type names, e.g. DOUBLE, VARCHAR). */
export interface ColumnSchema {
  name: string;
  type: string;
}

/** A table's columns known without running (KNIME's configure step). */
export interface TableSchema {
  columns: ColumnSchema[];
  /** Some columns are known only after a run (e.g. one-hot levels read from the data). */
  partial?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- params are any zod object shape
export type ParamsSchema = z.ZodObject<any>;

export interface NodeDeclaration<
  P extends ParamsSchema = ParamsSchema,
  I extends Record<string, PortDeclaration> = Record<string, PortDeclaration>,
  O extends Record<string, PortDeclaration> = Record<string, PortDeclaration>,
> {
  type: string;
  /** Bumped when the meaning of params or outputs changes; old pipelines name the version they were made with. */
  version: number;
  group: DeclarationGroup;
  title: string;
  docs: string;
  inputs: I;
  outputs: O;
  /** Every field has a default or is required; key order is the order used in YAML export and the inspector. */
  params: P;
  ui?: Partial<Record<keyof z.infer<P> & string, ParamWidget>>;
  /** Heavy nodes run their compute in a worker thread. */
  heavy?: boolean;
  /**
   * How output tables follow from params and input tables, without running; a port left out is unknown until a
   * run. Nodes that must look at files or ask DuckDB declare theirs in the implementation instead.
   */
  schema?(params: z.infer<P>, inputs: { readonly [K in keyof I]?: TableSchema }): { [K in keyof O]?: TableSchema };
}

export function defineNode<
  P extends ParamsSchema,
  I extends Record<string, PortDeclaration>,
  O extends Record<string, PortDeclaration>,
>(declaration: NodeDeclaration<P, I, O>): NodeDeclaration<P, I, O> {
  if (!/^[a-z]+\.[a-z][a-z0-9_]*$/.test(declaration.type)) {
    throw new Error(`node type '${declaration.type}' must look like group.name`);
  }
  if (!declaration.type.startsWith(`${declaration.group}.`)) {
    throw new Error(`node type '${declaration.type}' is not in group '${declaration.group}'`);
  }
  return declaration;
}

export type ParamsOf<D> = D extends NodeDeclaration<infer P> ? z.infer<P> : never;
export type InputsOf<D> = D extends NodeDeclaration<ParamsSchema, infer I> ? I : never;
export type OutputsOf<D> = D extends NodeDeclaration<ParamsSchema, Record<string, PortDeclaration>, infer O> ? O : never;
