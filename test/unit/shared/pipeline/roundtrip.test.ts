// Property tests: export → parse → export is byte-identical and loses nothing, over random valid pipelines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportPipelineYaml, sameValue } from '../../../../shared/pipeline/export.js';
import { parsePipelineYaml } from '../../../../shared/pipeline/parse.js';
import { paramDefault } from '../../../../shared/pipeline/params.js';
import { resolveParams } from '../../../../shared/pipeline/resolve.js';
import type { PipelineDocument } from '../../../../shared/pipeline/schema.js';
import { validatePipeline } from '../../../../shared/pipeline/validate.js';
import { pipeline, text, yamlData } from './arbitraries.js';
import { testCatalog as catalog } from './test-catalog.js';

const read = (yaml: string) => parsePipelineYaml(yaml, { catalog });
const write = (doc: PipelineDocument) => exportPipelineYaml(doc, catalog);

/** The same document with every map's keys in reverse order. */
function reverseKeys(doc: PipelineDocument): PipelineDocument {
  const flip = <T>(record: Record<string, T> | undefined) =>
    record === undefined ? undefined : Object.fromEntries(Object.entries(record).reverse());
  const nodes = doc.nodes.map((n) => ({ params: flip(n.params), inputs: flip(n.inputs), type: n.type, id: n.id }));
  return { layout: flip(doc.layout), nodes, description: doc.description, name: doc.name, plumb: doc.plumb } as PipelineDocument;
}

describe('round trip', () => {
  it('generates valid pipelines (the property below would be vacuous otherwise)', () => {
    fc.assert(
      fc.property(pipeline, (doc) => {
        expect(validatePipeline(doc, catalog)).toEqual([]);
      }),
      { numRuns: 200 },
    );
    const sizes = fc.sample(pipeline, { numRuns: 200, seed: 1 }).map((d) => d.nodes.length);
    expect(Math.max(...sizes)).toBe(8);
    const withInputs = fc.sample(pipeline, { numRuns: 200, seed: 2 }).filter((d) => d.nodes.some((n) => n.inputs && Object.keys(n.inputs).length > 1));
    expect(withInputs.length).toBeGreaterThan(20);
  });

  it('export → parse → export is byte-identical', () => {
    fc.assert(
      fc.property(pipeline, (doc) => {
        const first = write(doc);
        const second = write(read(first));
        expect(second).toBe(first);
      }),
      { numRuns: 500 },
    );
  });

  it('parse(export(doc)) keeps every id, type, connection, resolved param and rounded position', () => {
    fc.assert(
      fc.property(pipeline, (doc) => {
        const back = read(write(doc));
        expect(back.name).toBe(doc.name);
        expect(back.description).toBe(doc.description);
        expect(back.nodes.map((n) => [n.id, n.type, n.inputs ?? {}])).toEqual(doc.nodes.map((n) => [n.id, n.type, n.inputs ?? {}]));
        expect(resolveParams(back, catalog)).toEqual(resolveParams(doc, catalog));
        const layout = Object.entries(doc.layout ?? {}).map(([id, { x, y }]) => [id, Math.round(x) || 0, Math.round(y) || 0]);
        expect(Object.entries(back.layout ?? {}).map(([id, { x, y }]) => [id, x, y])).toEqual(
          // Exported in node order.
          back.nodes.map((n) => layout.find(([id]) => id === n.id)).filter((p) => p !== undefined),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('writes no default-valued param, and params in declared order', () => {
    fc.assert(
      fc.property(pipeline, (doc) => {
        for (const node of read(write(doc)).nodes) {
          const declaration = catalog.get(node.type)!;
          const declared = Object.keys(declaration.params.shape);
          const written = Object.keys(node.params ?? {});
          expect(written).toEqual(declared.filter((name) => written.includes(name)));
          for (const name of written) {
            const fallback = paramDefault(declaration, name);
            expect(fallback !== undefined && sameValue(fallback.value, node.params![name])).toBe(false);
          }
          if (node.params) expect(written.length).toBeGreaterThan(0);
          if (node.inputs) expect(Object.keys(node.inputs).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the key order of the document it is given', () => {
    fc.assert(
      fc.property(pipeline, (doc) => {
        expect(write(reverseKeys(doc))).toBe(write(doc));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps any text as name, description and param, and any YAML data in a free-form param', () => {
    fc.assert(
      fc.property(text.filter((t) => t.length > 0), text, text, yamlData, (name, description, path, settings) => {
        const doc: PipelineDocument = {
          plumb: 1,
          name,
          description,
          nodes: [
            { id: 'data', type: 'data.read_csv', params: { path } },
            { id: 'gbm', type: 'model.gradient_boosting', inputs: { train: 'data.table' }, params: { target: path } },
            { id: 'why', type: 'explain.shap', inputs: { model: 'gbm.model', data: 'data.table' }, params: { settings } },
          ],
        };
        const yaml = write(doc);
        const back = read(yaml);
        // toEqual tells -0 from 0 and treats NaN as equal to itself, which is what YAML can keep.
        expect(back).toEqual(doc);
        expect(write(back)).toBe(yaml);
      }),
      { numRuns: 1000 },
    );
  });
});
