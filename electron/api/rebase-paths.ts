// Keeps file params pointing at the same files when a pipeline moves between folders
// (YAML file ↔ project file): relative paths are rewritten against the new folder.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Catalog } from '../../shared/catalog/catalog.js';
import { fileParamsOf } from '../engine/plan.js';
import type { PipelineDocument } from '../../shared/pipeline/index.js';

export function rebaseFileParams(doc: PipelineDocument, fromDir: string, toDir: string, catalog: Catalog): PipelineDocument {
  if (resolve(fromDir) === resolve(toDir)) return doc;
  return {
    ...doc,
    nodes: doc.nodes.map((node) => {
      const declaration = catalog.get(node.type);
      if (!declaration || !node.params) return node;
      const params = { ...node.params };
      for (const name of fileParamsOf(declaration)) {
        const value = params[name];
        if (typeof value !== 'string' || isAbsolute(value)) continue;
        const target = relative(toDir, resolve(fromDir, value));
        params[name] = isAbsolute(target) ? target : target.split(sep).join('/');
      }
      return { ...node, params };
    }),
  };
}
