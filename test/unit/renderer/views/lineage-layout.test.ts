// The lineage graph's layout: one column per kind from inputs to the model, no two boxes overlapping, every edge
// running from its source's right side to its target's left side.
import { describe, expect, it } from 'vitest';
import { BOX, KIND_ORDER, layoutLineage } from '../../../../renderer/views/models/lineage-layout.js';
import type { LineageView } from '../../../../shared/api/lifecycle.js';

const graph: LineageView['graph'] = {
  nodes: [
    { id: 'model:churn@3', kind: 'model', label: 'churn v3' },
    { id: 'run:r1', kind: 'run', label: 'run r1' },
    { id: 'pipeline:churn@2', kind: 'pipeline', label: 'churn v2' },
    { id: 'dataset:1', kind: 'dataset', label: 'churn v1' },
    { id: 'dataset:2', kind: 'dataset', label: 'extra v4' },
    { id: 'dataset:3', kind: 'dataset', label: 'lookup v1' },
  ],
  edges: [
    { from: 'run:r1', to: 'model:churn@3' },
    { from: 'pipeline:churn@2', to: 'run:r1' },
    { from: 'dataset:1', to: 'pipeline:churn@2' },
    { from: 'dataset:2', to: 'pipeline:churn@2' },
    { from: 'dataset:3', to: 'pipeline:churn@2' },
    { from: 'dataset:9', to: 'pipeline:churn@2' },
  ],
};

describe('layoutLineage', () => {
  const layout = layoutLineage(graph);
  const at = (id: string) => layout.nodes.find((n) => n.id === id)!;

  it('places kinds in columns left to right: datasets, pipeline, run, model', () => {
    const xs = KIND_ORDER.map((kind) => [...new Set(layout.nodes.filter((n) => n.kind === kind).map((n) => n.x))]);
    expect(xs.every((x) => x.length === 1)).toBe(true);
    const flat = xs.map((x) => x[0]);
    expect([...flat].sort((a, b) => a - b)).toEqual(flat);
    expect(new Set(flat).size).toBe(4);
  });

  it('never overlaps two boxes and keeps every box inside the drawing', () => {
    for (const a of layout.nodes) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y).toBeGreaterThanOrEqual(0);
      expect(a.x + BOX.width).toBeLessThanOrEqual(layout.width);
      expect(a.y + BOX.height).toBeLessThanOrEqual(layout.height);
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + BOX.width <= b.x || b.x + BOX.width <= a.x || a.y + BOX.height <= b.y || b.y + BOX.height <= a.y;
        expect(apart).toBe(true);
      }
    }
  });

  it('draws each edge from the source’s right side to the target’s left side, skipping unknown ends', () => {
    expect(layout.edges).toHaveLength(5);
    for (const e of layout.edges) {
      const [a, b] = [at(e.from), at(e.to)];
      expect(e.path.startsWith(`M${a.x + BOX.width},${a.y + BOX.height / 2} `)).toBe(true);
      expect(e.path.endsWith(` ${b.x},${b.y + BOX.height / 2}`)).toBe(true);
    }
  });

  it('lays out a model without run or pipeline (deleted) as one box', () => {
    const alone = layoutLineage({ nodes: [{ id: 'model:m@1', kind: 'model', label: 'm v1' }], edges: [] });
    expect(alone.nodes).toEqual([{ id: 'model:m@1', kind: 'model', label: 'm v1', x: BOX.margin, y: BOX.margin }]);
    expect(alone.width).toBe(BOX.margin * 2 + BOX.width);
  });
});
