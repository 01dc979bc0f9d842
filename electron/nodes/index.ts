// Registry of node implementations: one per declared node type (a test checks the two registries match).
import type { NodeImplementation } from '../engine/types.js';
import type { NodeEnv } from './env.js';
import { dataIoImplementations } from './data/io.js';
import { dataTransformImplementations } from './data/transform.js';
import { modelImplementations } from './model/index.js';
import { evaluateImplementations } from './evaluate/index.js';
import { explainImplementations } from './explain/index.js';
import { monitorImplementations } from './monitor/index.js';
import { controlImplementations } from './control/index.js';

const all: readonly NodeImplementation<NodeEnv>[] = [
  ...dataIoImplementations,
  ...dataTransformImplementations,
  ...modelImplementations,
  ...evaluateImplementations,
  ...explainImplementations,
  ...monitorImplementations,
  ...controlImplementations,
] as readonly NodeImplementation<NodeEnv>[];

export const nodeImplementations: ReadonlyMap<string, NodeImplementation<NodeEnv>> = (() => {
  const byType = new Map<string, NodeImplementation<NodeEnv>>();
  for (const impl of all) {
    const type = impl.declaration.type;
    if (byType.has(type)) throw new Error(`node type '${type}' is implemented twice`);
    byType.set(type, impl);
  }
  return byType;
})();
