// The catalog as plain JSON (for `plumb nodes --json` and for the renderer): params become JSON Schema.
import { z } from 'zod';
import type { NodeDeclaration } from '../../shared/catalog/define.js';

export interface NodeCatalogEntry {
  type: string;
  version: number;
  group: string;
  title: string;
  docs: string;
  inputs: NodeDeclaration['inputs'];
  outputs: NodeDeclaration['outputs'];
  params: unknown;
  ui: NodeDeclaration['ui'];
}

export function catalogToJson(declarations: readonly NodeDeclaration[]): NodeCatalogEntry[] {
  return declarations.map((d) => ({
    type: d.type,
    version: d.version,
    group: d.group,
    title: d.title,
    docs: d.docs,
    inputs: d.inputs,
    outputs: d.outputs,
    params: z.toJSONSchema(d.params, { io: 'input', unrepresentable: 'any' }),
    ui: d.ui ?? {},
  }));
}
