// Grouping nodes into a component and ungrouping it: ports follow the connections crossing the selection, the
// engine's flattening of the grouped pipeline is the original pipeline (up to the `<node>/` prefix), ungrouping
// gives the original graph back, and a selection the rest of the graph both reads and feeds is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenComponents } from '../../../../../shared/pipeline/components.js';
import { pipelineEdges } from '../../../../../shared/pipeline/graph.js';
import type { PipelineDocument, PipelineNodeSpec } from '../../../../../shared/pipeline/schema.js';
import { exportPipelineYaml } from '../../../../../shared/pipeline/export.js';
import { parsePipelineYaml } from '../../../../../shared/pipeline/parse.js';
import { validatePipeline } from '../../../../../shared/pipeline/validate.js';
import {
  boundaryPorts,
  componentNameProblem,
  groupIntoComponent,
  selectionProblem,
  ungroupComponent,
  withComponentDefinition,
} from '../../../../../renderer/state/document/component-edits.js';
import { removeNodes } from '../../../../../renderer/state/document/graph-edits.js';
import { randomDag } from '../../random-dags.js';
import { samplePipeline, testCatalog } from '../../test-catalog.js';

const byId = (nodes: readonly PipelineNodeSpec[]) => [...nodes].sort((a, b) => a.id.localeCompare(b.id));

/** The flattened pipeline with `<prefix>/` taken off every id and reference. */
function unprefixed(doc: PipelineDocument, prefix: string): PipelineNodeSpec[] {
  const strip = (s: string) => (s.startsWith(`${prefix}/`) ? s.slice(prefix.length + 1) : s);
  return byId(
    flattenComponents(doc).nodes.map((n) => ({
      ...n,
      id: strip(n.id),
      ...(n.inputs ? { inputs: Object.fromEntries(Object.entries(n.inputs).map(([p, r]) => [p, strip(r)])) } : {}),
    })),
  );
}

/** Brute force: some node outside `chosen` is reachable from it and reaches back into it. */
function outAndBack(doc: PipelineDocument, chosen: ReadonlySet<string>): boolean {
  const next = new Map<string, string[]>();
  for (const e of pipelineEdges(doc)) next.set(e.from.node, [...(next.get(e.from.node) ?? []), e.to.node]);
  const reach = (start: string) => {
    const seen = new Set<string>();
    const todo = [start];
    while (todo.length) for (const n of next.get(todo.pop()!) ?? []) if (!seen.has(n)) todo.push((seen.add(n), n));
    return seen;
  };
  const outside = doc.nodes.map((n) => n.id).filter((id) => !chosen.has(id));
  const fromChosen = new Set([...chosen].flatMap((id) => [...reach(id)]));
  return outside.some((o) => fromChosen.has(o) && [...reach(o)].some((r) => chosen.has(r)));
}

describe('boundary ports', () => {
  it('makes one input per outside output read inside and one output per inner output read outside', () => {
    const result = boundaryPorts(samplePipeline(), ['split', 'gbm'], testCatalog);
    expect(result).toEqual({
      ok: true,
      ports: {
        inputs: [{ port: 'table', type: 'table', source: 'data.table' }],
        outputs: [
          { port: 'test', type: 'table', inner: 'split.test' },
          { port: 'model', type: 'model', inner: 'gbm.model' },
        ],
      },
    });
  });

  it('shares an input between inner nodes reading the same output and names clashes after the inner node', () => {
    const doc: PipelineDocument = {
      plumb: 1,
      name: 'clash',
      nodes: [
        { id: 'a', type: 'data.read_csv', params: { path: 'a.csv' } },
        { id: 'b', type: 'data.read_csv', params: { path: 'b.csv' } },
        { id: 's1', type: 'data.sql', inputs: { t1: 'a.table', t2: 'b.table' } },
        { id: 's2', type: 'data.sql', inputs: { t1: 'a.table' } },
        { id: 'c', type: 'data.sql', inputs: { t1: 's1.table', t2: 's2.table' } },
      ],
    };
    const result = boundaryPorts(doc, ['s1', 's2'], testCatalog);
    expect(result.ok && result.ports.inputs.map((i) => `${i.port}<-${i.source}`)).toEqual(['t1<-a.table', 't2<-b.table']);
    expect(result.ok && result.ports.outputs.map((o) => `${o.port}<-${o.inner}`)).toEqual(['table<-s1.table', 's2_table<-s2.table']);
  });
});

describe('grouping', () => {
  it('replaces the selection by one valid component node that runs the same graph', () => {
    const doc = samplePipeline();
    const result = groupIntoComponent(doc, { ids: ['split', 'gbm'], name: 'prep' }, testCatalog, doc.layout!);
    if (!result.ok) throw new Error(result.reason);
    expect(result.id).toBe('prep');
    expect(result.doc.nodes.map((n) => n.id)).toEqual(['data', 'prep', 'eval', 'gate']);
    expect(result.doc.nodes[1]).toEqual({ id: 'prep', type: 'component.prep', inputs: { table: 'data.table' } });
    expect(result.doc.nodes[2].inputs).toEqual({ model: 'prep.model', data: 'prep.test' });
    expect(result.component.nodes.find((n) => n.id === 'split')?.inputs).toEqual({ table: 'in.table' });
    expect(validatePipeline(result.doc, testCatalog)).toEqual([]);
    expect(unprefixed(result.doc, 'prep')).toEqual(byId(doc.nodes));
    // inner positions are kept relative to the component node, which sits at their top-left corner
    expect(result.doc.layout).toMatchObject({ prep: { x: 300, y: 0 }, 'prep/split': { x: 0, y: 0 }, 'prep/gbm': { x: 300, y: 0 } });
  });

  it('exposes chosen params with their value as default, and the flattened run still uses that value', () => {
    const doc = samplePipeline();
    const result = groupIntoComponent(doc, { ids: ['split'], name: 'splitter', exposed: [{ node: 'split', param: 'seed' }] }, testCatalog, {});
    if (!result.ok) throw new Error(result.reason);
    expect(result.component.params).toEqual({ seed: { default: 7, doc: 'seed of split' } });
    expect(result.component.nodes[0].params).toEqual({ seed: '${seed}' });
    expect(validatePipeline(result.doc, testCatalog)).toEqual([]);
    expect(unprefixed(result.doc, 'splitter')).toEqual(byId(doc.nodes));
    // a value given on the component node reaches the inner node
    const withSeed = { ...result.doc, nodes: result.doc.nodes.map((n) => (n.id === 'splitter' ? { ...n, params: { seed: 42 } } : n)) };
    expect(flattenComponents(withSeed).nodes.find((n) => n.id === 'splitter/split')?.params).toEqual({ seed: 42 });
  });

  it('writes a components: section that reads back to the same document and the same bytes', () => {
    const doc = samplePipeline();
    const result = groupIntoComponent(doc, { ids: ['split', 'gbm'], name: 'prep', exposed: [{ node: 'split', param: 'seed' }] }, testCatalog, doc.layout!);
    if (!result.ok) throw new Error(result.reason);
    const yaml = exportPipelineYaml(result.doc, testCatalog);
    expect(yaml).toMatch(/^components:\n {2}prep:\n/m);
    const read = parsePipelineYaml(yaml, { catalog: testCatalog });
    expect(read).toEqual(result.doc);
    expect(exportPipelineYaml(read, testCatalog)).toBe(yaml);
  });

  it('refuses a selection the rest of the graph both reads and feeds (a cycle through the component)', () => {
    const doc = samplePipeline();
    const result = groupIntoComponent(doc, { ids: ['data', 'gbm'], name: 'loop' }, testCatalog, {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/cycle|feed itself/);
    expect(!result.ok && result.reason).toContain('split');
  });

  it('refuses an empty selection, a component inside, a taken or malformed name', () => {
    const doc = samplePipeline();
    expect(selectionProblem(doc, [])).toMatch(/Select/);
    const grouped = groupIntoComponent(doc, { ids: ['split'], name: 'prep' }, testCatalog, {});
    if (!grouped.ok) throw new Error(grouped.reason);
    expect(selectionProblem(grouped.doc, ['prep', 'gbm'])).toMatch(/already a component/);
    expect(componentNameProblem('Prep', [])).toMatch(/lower-case/);
    expect(componentNameProblem('prep', ['prep'])).toMatch(/already/);
    expect(groupIntoComponent(grouped.doc, { ids: ['gbm'], name: 'prep' }, testCatalog, {}).ok).toBe(false);
    expect(groupIntoComponent(doc, { ids: ['gbm'], name: 'lib' }, testCatalog, {}, ['lib']).ok).toBe(false);
  });

  it('for any DAG and selection: refuses exactly when a path leaves and re-enters it, else round-trips through ungroup', () => {
    fc.assert(
      fc.property(randomDag, fc.array(fc.nat(), { minLength: 1 }), (dag, picks) => {
        const chosen = new Set(picks.map((p) => dag.nodes[p % dag.nodes.length].id));
        const result = groupIntoComponent(dag, { ids: [...chosen], name: 'part' }, testCatalog, {});
        expect(result.ok).toBe(!outAndBack(dag, chosen));
        if (!result.ok) return;
        expect(unprefixed(result.doc, result.id)).toEqual(byId(dag.nodes));
        const back = ungroupComponent(result.doc, result.id);
        if (!back.ok) throw new Error(back.reason);
        expect(byId(back.doc.nodes)).toEqual(byId(dag.nodes));
        expect(back.doc.components).toBeUndefined();
      }),
    );
  });
});

describe('ungrouping', () => {
  it('restores the original nodes, connections, params and positions', () => {
    const doc = samplePipeline();
    const grouped = groupIntoComponent(doc, { ids: ['split', 'gbm'], name: 'prep', exposed: [{ node: 'split', param: 'seed' }] }, testCatalog, doc.layout!);
    if (!grouped.ok) throw new Error(grouped.reason);
    const back = ungroupComponent(grouped.doc, grouped.id);
    if (!back.ok) throw new Error(back.reason);
    expect(back.doc).toEqual(doc);
    expect(back.ids).toEqual(['split', 'gbm']);
  });

  it('writes the values given on the component node into the inlined nodes and renames ids that are taken', () => {
    const doc = samplePipeline();
    const grouped = groupIntoComponent(doc, { ids: ['split'], name: 'prep', exposed: [{ node: 'split', param: 'seed' }] }, testCatalog, doc.layout!);
    if (!grouped.ok) throw new Error(grouped.reason);
    // a second use of the component, after another node took the id `split`
    const twice: PipelineDocument = {
      ...grouped.doc,
      nodes: [...grouped.doc.nodes, { id: 'split', type: 'data.sql', inputs: { t1: 'data.table' } }, { id: 'again', type: 'component.prep', inputs: { table: 'data.table' }, params: { seed: 3 } }],
    };
    const back = ungroupComponent(twice, 'again');
    if (!back.ok) throw new Error(back.reason);
    expect(back.ids).toEqual(['split_2']);
    expect(back.doc.nodes.find((n) => n.id === 'split_2')).toEqual({ id: 'split_2', type: 'data.split', inputs: { table: 'data.table' }, params: { seed: 3 } });
    // `prep` still uses the definition, so it stays
    expect(Object.keys(back.doc.components ?? {})).toEqual(['prep']);
  });

  it('refuses a node that is not a component', () => {
    expect(ungroupComponent(samplePipeline(), 'split').ok).toBe(false);
  });
});

describe('library components in a pipeline', () => {
  it('adds the definition once, accepts the same one with keys in another order, refuses a different one', () => {
    const spec = { inputs: { table: 'table' as const }, nodes: [{ id: 'q', type: 'data.sql', inputs: { t1: 'in.table' } }] };
    const added = withComponentDefinition(samplePipeline(), 'q', spec);
    if (!added.ok) throw new Error(added.reason);
    expect(added.doc.components).toEqual({ q: spec });
    const reordered = { nodes: [{ inputs: { t1: 'in.table' }, type: 'data.sql', id: 'q' }], inputs: { table: 'table' as const } };
    const same = withComponentDefinition(added.doc, 'q', reordered);
    expect(same.ok && same.doc).toBe(added.doc);
    expect(withComponentDefinition(added.doc, 'q', { ...spec, nodes: [] }).ok).toBe(false);
  });

  it('deleting a component node drops the positions of its inner nodes', () => {
    const doc = samplePipeline();
    const grouped = groupIntoComponent(doc, { ids: ['split', 'gbm'], name: 'prep' }, testCatalog, doc.layout!);
    if (!grouped.ok) throw new Error(grouped.reason);
    expect(Object.keys(removeNodes(grouped.doc, ['prep']).layout ?? {}).sort()).toEqual(['data', 'eval', 'gate']);
  });
});
