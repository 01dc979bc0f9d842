// What every node implementation gets besides its inputs and params.
import type { DataSession } from '../data/types.js';
import type { WorkerPool } from '../engine/workers.js';
import type { NodeImplementation } from '../engine/types.js';
import type { NodeDeclaration } from '../../shared/catalog/define.js';

export interface NodeEnv {
  data: DataSession;
  /** Heavy compute (training, explanations) runs here, off the main thread. */
  workers: WorkerPool;
  /** The project's model registry; absent when the run has no project. */
  models?: ModelLookup;
}

/** A registered model version as `model.load` sees it. */
export interface RegisteredModel {
  name: string;
  version: number;
  /** sha256 of the model file: what the cache key needs. */
  hash: string;
  /** The Plumb model file bytes (JSON). */
  read(): Uint8Array;
}

/** The narrow view of the project's registry that nodes get (nodes never import the store). */
export interface ModelLookup {
  /** `name@alias`, `name@3` or `name`; throws invalid_input naming what is not there. */
  resolve(ref: string): RegisteredModel;
}

export type PlumbNode<D extends NodeDeclaration> = NodeImplementation<NodeEnv, D>;

/** Typed helper so `run` gets params inferred from the declaration. */
export function implementNode<D extends NodeDeclaration>(node: PlumbNode<D>): PlumbNode<D> {
  return node;
}
