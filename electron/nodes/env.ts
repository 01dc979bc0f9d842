// What every node implementation gets besides its inputs and params.
import type { DataSession } from '../data/types.js';
import type { WorkerPool } from '../engine/workers.js';
import type { NodeImplementation } from '../engine/types.js';
import type { NodeDeclaration } from '../../shared/catalog/define.js';

export interface NodeEnv {
  data: DataSession;
  /** Heavy compute (training, explanations) runs here, off the main thread. */
  workers: WorkerPool;
}

export type PlumbNode<D extends NodeDeclaration> = NodeImplementation<NodeEnv, D>;

/** Typed helper so `run` gets params inferred from the declaration. */
export function implementNode<D extends NodeDeclaration>(node: PlumbNode<D>): PlumbNode<D> {
  return node;
}
