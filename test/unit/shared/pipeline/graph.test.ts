// The pipeline graph: port references, run order, cycles, up/downstream — checked by hand and against brute force.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlumbError } from '../../../../shared/errors.js';
import {
  downstreamOf,
  findCycle,
  formatPortRef,
  parsePortRef,
  pathBetween,
  pipelineEdges,
  topologicalOrder,
  upstreamClosure,
  upstreamOf,
} from '../../../../shared/pipeline/graph.js';
import type { PipelineDocument, PipelineNodeSpec } from '../../../../shared/pipeline/schema.js';
import { pipeline } from './arbitraries.js';

/** A document from "a <- b, c" lines: node a reads from b and c (types do not matter to the graph). */
function graph(...lines: string[]): PipelineDocument {
  const nodes: PipelineNodeSpec[] = lines.map((line) => {
    const [id, from = ''] = line.split('<-').map((s) => s.trim());
    const sources = from ? from.split(',').map((s) => s.trim()) : [];
    const inputs = Object.fromEntries(sources.map((source, i) => [`in${i}`, `${source}.out`]));
    return sources.length > 0 ? { id, type: 'data.any', inputs } : { id, type: 'data.any' };
  });
  return { plumb: 1, name: 'g', nodes };
}

function thrownBy(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (isPlumbError(e)) return e;
    throw e;
  }
  throw new Error('expected a PlumbError');
}

/** Random directed graphs (cycles allowed) on n nodes, as documents, plus their adjacency matrix. */
const anyGraph = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }).map((edge) => {
    // edge[i][j]: node j reads from node i, i.e. an edge i → j.
    const ids = Array.from({ length: n }, (_, i) => `n${i}`);
    const nodes: PipelineNodeSpec[] = ids.map((id, j) => {
      const inputs = Object.fromEntries(ids.flatMap((from, i) => (edge[i][j] ? [[`from_${from}`, `${from}.out`]] : [])));
      return { id, type: 'data.any', inputs };
    });
    return { doc: { plumb: 1, name: 'random', nodes } as PipelineDocument, edge, ids };
  }),
);

/** reach[i][j]: a path of one or more edges from i to j (Floyd–Warshall closure). */
function closure(edge: boolean[][]): boolean[][] {
  const n = edge.length;
  const reach = edge.map((row) => [...row]);
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) reach[i][j] ||= reach[i][k] && reach[k][j];
  return reach;
}

describe('port references', () => {
  it('split "node.port" and join back', () => {
    expect(parsePortRef('split.train')).toEqual({ node: 'split', port: 'train' });
    expect(parsePortRef('a1_b.model_a')).toEqual({ node: 'a1_b', port: 'model_a' });
    expect(formatPortRef({ node: 'split', port: 'train' })).toBe('split.train');
  });

  it.each(['split', 'split.', '.train', 'a.b.c', 'Split.train', 'split.Train', '1a.b', 'a .b', ''])(
    'rejects %j as invalid input',
    (ref) => {
      const error = thrownBy(() => parsePortRef(ref));
      expect(error.kind).toBe('invalid_input');
      expect(error.message).toContain(`'${ref}'`);
    },
  );

  it('lists edges in document order, skipping malformed references', () => {
    const doc = graph('a', 'b <- a', 'c <- b, a');
    doc.nodes[0].inputs = { bad: 'nope' };
    expect(pipelineEdges(doc)).toEqual([
      { from: { node: 'a', port: 'out' }, to: { node: 'b', port: 'in0' } },
      { from: { node: 'b', port: 'out' }, to: { node: 'c', port: 'in0' } },
      { from: { node: 'a', port: 'out' }, to: { node: 'c', port: 'in1' } },
    ]);
  });
});

describe('topologicalOrder', () => {
  it('puts every node after its sources, and otherwise keeps document order', () => {
    expect(topologicalOrder(graph('eval <- gbm, split', 'gbm <- split', 'data', 'split <- data'))).toEqual([
      'data',
      'split',
      'gbm',
      'eval',
    ]);
    expect(topologicalOrder(graph('a', 'b', 'c <- a', 'd'))).toEqual(['a', 'b', 'c', 'd']);
    expect(topologicalOrder(graph('z <- y', 'x', 'y'))).toEqual(['x', 'y', 'z']);
    expect(topologicalOrder(graph())).toEqual([]);
  });

  it('ignores references to nodes that are not there and repeated ids', () => {
    expect(topologicalOrder(graph('b <- ghost', 'a', 'b <- a'))).toEqual(['b', 'a']);
  });

  it('throws invalid_input naming the cycle', () => {
    const error = thrownBy(() => topologicalOrder(graph('data', 'a <- data, c', 'b <- a', 'c <- b', 'd <- c')));
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toBe('the pipeline has a cycle: a → b → c → a');
    expect(error.where.node).toBe('a');
  });

  it('on random valid pipelines: a permutation where every edge goes forward', () => {
    fc.assert(
      fc.property(pipeline, (doc) => {
        const order = topologicalOrder(doc);
        expect([...order].sort()).toEqual(doc.nodes.map((n) => n.id).sort());
        const at = new Map(order.map((id, i) => [id, i]));
        for (const { from, to } of pipelineEdges(doc)) expect(at.get(from.node)!).toBeLessThan(at.get(to.node)!);
      }),
      { numRuns: 300 },
    );
  });

  it('on random DAGs: equals "repeatedly take the first ready node in document order"', () => {
    fc.assert(
      fc.property(anyGraph, ({ doc, edge, ids }) => {
        const reach = closure(edge);
        fc.pre(ids.every((_, i) => !reach[i][i]));
        const placed: number[] = [];
        while (placed.length < ids.length) {
          const next = ids.findIndex((_, j) => !placed.includes(j) && ids.every((__, i) => !edge[i][j] || placed.includes(i)));
          placed.push(next);
        }
        expect(topologicalOrder(doc)).toEqual(placed.map((i) => ids[i]));
      }),
      { numRuns: 300 },
    );
  });
});

describe('findCycle', () => {
  it('finds none in a DAG', () => {
    expect(findCycle(graph('a', 'b <- a', 'c <- a, b'))).toBeUndefined();
    fc.assert(
      fc.property(pipeline, (doc) => {
        expect(findCycle(doc)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('names the nodes of a cycle from the one written first', () => {
    expect(findCycle(graph('c <- b', 'a <- c', 'b <- a'))).toEqual(['c', 'a', 'b']);
    expect(findCycle(graph('x', 'b <- a', 'a <- b, x'))).toEqual(['b', 'a']);
    expect(findCycle(graph('self <- self'))).toEqual(['self']);
  });

  it('on random graphs: finds a cycle exactly when one exists, and it is a real one', () => {
    fc.assert(
      fc.property(anyGraph, ({ doc, edge, ids }) => {
        const reach = closure(edge);
        const cyclic = ids.some((_, i) => reach[i][i]);
        const cycle = findCycle(doc);
        expect(cycle !== undefined).toBe(cyclic);
        if (!cycle) return;
        const index = cycle.map((id) => ids.indexOf(id));
        expect(new Set(index).size).toBe(index.length);
        index.forEach((i, k) => expect(edge[i][index[(k + 1) % index.length]]).toBe(true));
        expect(index[0]).toBe(Math.min(...index));
      }),
      { numRuns: 500 },
    );
  });

  it('handles long chains without overflowing the stack', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `n${i}`);
    const doc = graph(ids[0], ...ids.slice(1).map((id, i) => `${id} <- ${ids[i]}`));
    expect(findCycle(doc)).toBeUndefined();
    doc.nodes[0].inputs = { in0: `${ids[ids.length - 1]}.out` };
    expect(findCycle(doc)).toHaveLength(20_000);
  });
});

describe('upstreamOf / downstreamOf', () => {
  const doc = graph('data', 'split <- data', 'gbm <- split', 'rf <- split', 'eval <- gbm, split', 'other');

  it('give what a node needs and what depends on it, in document order, without the node itself', () => {
    expect(upstreamOf(doc, 'eval')).toEqual(['data', 'split', 'gbm']);
    expect(upstreamOf(doc, 'data')).toEqual([]);
    expect(downstreamOf(doc, 'split')).toEqual(['gbm', 'rf', 'eval']);
    expect(downstreamOf(doc, 'eval')).toEqual([]);
    expect(downstreamOf(doc, 'other')).toEqual([]);
  });

  it('upstreamClosure keeps a node and its ancestors as a document', () => {
    expect(upstreamClosure(doc, 'eval').nodes.map((n) => n.id)).toEqual(['data', 'split', 'gbm', 'eval']);
    expect(upstreamClosure(doc, 'other').nodes.map((n) => n.id)).toEqual(['other']);
    expect(upstreamClosure(doc, 'eval').name).toBe(doc.name);
  });

  it('throw invalid_input for a node that is not there', () => {
    const error = thrownBy(() => upstreamOf(doc, 'ghost'));
    expect(error.kind).toBe('invalid_input');
    expect(error.where.node).toBe('ghost');
    expect(() => downstreamOf(doc, 'ghost')).toThrow(/no node 'ghost'/);
  });

  it('on random graphs: match the transitive closure', () => {
    fc.assert(
      fc.property(anyGraph, fc.nat(), ({ doc, edge, ids }, pick) => {
        const reach = closure(edge);
        const k = pick % ids.length;
        expect(downstreamOf(doc, ids[k])).toEqual(ids.filter((_, j) => j !== k && reach[k][j]));
        expect(upstreamOf(doc, ids[k])).toEqual(ids.filter((_, i) => i !== k && reach[i][k]));
      }),
      { numRuns: 500 },
    );
  });
});

/** dist[i][j]: the fewest edges on a path from i to j (Infinity when there is none; 0 from a node to itself). */
function distances(edge: boolean[][]): number[][] {
  const n = edge.length;
  const dist = edge.map((row, i) => row.map((e, j) => (i === j ? 0 : e ? 1 : Infinity)));
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) dist[i][j] = Math.min(dist[i][j], dist[i][k] + dist[k][j]);
  return dist;
}

describe('pathBetween', () => {
  const doc = graph('data', 'split <- data', 'gbm <- split', 'rf <- split', 'eval <- gbm, split', 'other');
  const edges = pipelineEdges(doc);

  it('gives the shortest chain of nodes from one node to another, or undefined', () => {
    expect(pathBetween('data', 'eval', edges)).toEqual(['data', 'split', 'eval']);
    expect(pathBetween('data', 'rf', edges)).toEqual(['data', 'split', 'rf']);
    expect(pathBetween('split', 'split', edges)).toEqual(['split']);
    expect(pathBetween('eval', 'data', edges)).toBeUndefined();
    expect(pathBetween('other', 'eval', edges)).toBeUndefined();
    expect(pathBetween('ghost', 'eval', edges)).toBeUndefined();
  });

  it('on random graphs: follows edges, is as short as brute force finds, and exists exactly when the node is reachable', () => {
    fc.assert(
      fc.property(anyGraph, fc.nat(), fc.nat(), ({ doc, edge, ids }, a, b) => {
        const [i, j] = [a % ids.length, b % ids.length];
        const dist = distances(edge);
        const path = pathBetween(ids[i], ids[j], pipelineEdges(doc));
        if (dist[i][j] === Infinity) {
          expect(path).toBeUndefined();
          return;
        }
        expect(path).toBeDefined();
        expect(path!.length - 1).toBe(dist[i][j]);
        expect(path![0]).toBe(ids[i]);
        expect(path![path!.length - 1]).toBe(ids[j]);
        for (let k = 1; k < path!.length; k++) expect(edge[ids.indexOf(path![k - 1])][ids.indexOf(path![k])]).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
