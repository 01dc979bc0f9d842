// Every declared node type has exactly one implementation (and the reverse), built from the same declaration.
import { describe, expect, it } from 'vitest';
import { nodeDeclarations, nodeCatalog } from '../../../../shared/catalog/index.js';
import { nodeImplementations } from '../../../../electron/nodes/index.js';
import { catalogToJson } from '../../../../electron/cli/catalog-json.js';

describe('node registries', () => {
  it('declares and implements the same set of node types', () => {
    const declared = nodeDeclarations.map((d) => d.type).sort();
    const implemented = [...nodeImplementations.keys()].sort();
    expect(implemented).toEqual(declared);
  });

  it('implements each type against its own declaration object', () => {
    for (const declaration of nodeDeclarations) {
      expect(nodeImplementations.get(declaration.type)?.declaration, declaration.type).toBe(declaration);
    }
  });

  it('gives every param a default or marks it required, and every ui hint names a real param and port', () => {
    for (const d of nodeDeclarations) {
      const params = Object.keys(d.params.shape);
      for (const [name, hint] of Object.entries(d.ui ?? {})) {
        expect(params, `${d.type}: ui hint for unknown param '${name}'`).toContain(name);
        if (hint && 'port' in hint) {
          const ports = [...Object.keys(d.inputs), ...Object.keys(d.outputs)];
          expect(ports, `${d.type}.${name}: ui hint names unknown port '${hint.port}'`).toContain(hint.port);
        }
      }
      expect(d.docs.length, `${d.type} has docs`).toBeGreaterThan(20);
    }
  });

  it('serializes the catalog to JSON with a JSON Schema per node', () => {
    const json = catalogToJson(nodeCatalog.all());
    expect(json.length).toBe(nodeDeclarations.length);
    for (const entry of json) {
      expect(entry.params).toMatchObject({ type: 'object' });
      expect(() => JSON.stringify(entry)).not.toThrow();
    }
  });
});
