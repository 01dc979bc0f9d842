// Fake node types for tests that need a catalog of their own (pipeline codec, engine, renderer): `fakeNode` fills in
// what those tests never look at (version 1, the group taken from the type, empty ports) and checks the rest as
// defineNode does; `fakeCatalog` makes the catalog.
import { createCatalog, type Catalog } from '../../shared/catalog/catalog.js';
import { defineNode, type NodeDeclaration, type NodeGroup, type ParamsSchema, type PortDeclaration } from '../../shared/catalog/define.js';

type Ports = Record<string, PortDeclaration>;

export type FakeNodeSpec<P extends ParamsSchema, I extends Ports, O extends Ports> = Pick<NodeDeclaration<P, I, O>, 'type' | 'title' | 'docs' | 'params'> &
  Partial<Pick<NodeDeclaration<P, I, O>, 'inputs' | 'outputs' | 'ui' | 'version'>>;

export function fakeNode<P extends ParamsSchema, I extends Ports = Record<string, never>, O extends Ports = Record<string, never>>(
  spec: FakeNodeSpec<P, I, O>,
): NodeDeclaration<P, I, O> {
  const group = spec.type.split('.')[0] as NodeGroup;
  return defineNode<P, I, O>({ version: 1, group, inputs: {} as I, outputs: {} as O, ...spec });
}

export function fakeCatalog(declarations: readonly NodeDeclaration[]): Catalog {
  return createCatalog(declarations);
}
