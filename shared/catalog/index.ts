// The node catalog: every declared node type, grouped like the palette. Adding a node = one line here.
import { createCatalog, type Catalog } from './catalog.js';
import type { NodeDeclaration } from './define.js';
import { dataIoNodes } from './data/io.js';
import { dataTransformNodes } from './data/transform.js';
import { modelNodes } from './model/index.js';
import { evaluateNodes } from './evaluate/index.js';
import { explainNodes } from './explain/index.js';
import { monitorNodes } from './monitor/index.js';
import { controlNodes } from './control/index.js';

export const nodeDeclarations: readonly NodeDeclaration[] = [
  ...dataIoNodes,
  ...dataTransformNodes,
  ...modelNodes,
  ...evaluateNodes,
  ...explainNodes,
  ...monitorNodes,
  ...controlNodes,
];

export const nodeCatalog: Catalog = createCatalog(nodeDeclarations);
