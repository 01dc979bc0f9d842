// A component node's status summed up from its inner nodes, and the expanded view: a frame holding every inner
// node (flat ids, as runs report them) with the connections among them.
import { describe, expect, it } from 'vitest';
import { catalogWithComponents } from '../../../../../shared/pipeline/components.js';
import { withExpandedComponents } from '../../../../../renderer/state/document/component-flow.js';
import { componentRunState } from '../../../../../renderer/state/document/component-status.js';
import { groupIntoComponent } from '../../../../../renderer/state/document/component-edits.js';
import { buildFlowEdges, buildFlowNodes } from '../../../../../renderer/state/document/flow-elements.js';
import type { NodeRunState } from '../../../../../renderer/state/run-events.js';
import { samplePipeline, testCatalog } from '../../test-catalog.js';

describe('component run state', () => {
  const states = (entries: Record<string, NodeRunState>) => entries;

  it('is undefined before its inner nodes ran, and ignores other nodes', () => {
    expect(componentRunState(states({ prep: { status: 'done' }, 'prepared/x': { status: 'failed' } }), 'prep')).toBeUndefined();
  });

  it('shows the most pressing inner state, the summed time and the first error', () => {
    const nodes = states({
      'prep/a': { status: 'done', seconds: 1, fraction: 1 },
      'prep/b': { status: 'failed', seconds: 0.5, error: 'boom', fraction: 0 },
      'prep/c': { status: 'skipped' },
    });
    expect(componentRunState(nodes, 'prep')).toEqual({ status: 'failed', seconds: 1.5, error: 'boom', fraction: 1 / 3 });
  });

  it('is cached only when every inner node was, done when any was recomputed, running while one runs', () => {
    expect(componentRunState(states({ 'p/a': { status: 'cached' }, 'p/b': { status: 'cached' } }), 'p')?.status).toBe('cached');
    expect(componentRunState(states({ 'p/a': { status: 'cached' }, 'p/b': { status: 'done' } }), 'p')?.status).toBe('done');
    expect(componentRunState(states({ 'p/a': { status: 'done' }, 'p/b': { status: 'running' }, 'p/c': { status: 'queued' } }), 'p')?.status).toBe('running');
  });
});

describe('expanded component', () => {
  const doc = samplePipeline();
  const grouped = groupIntoComponent(doc, { ids: ['split', 'gbm'], name: 'prep' }, testCatalog, doc.layout!);
  if (!grouped.ok) throw new Error(grouped.reason);
  const catalog = catalogWithComponents(testCatalog, grouped.doc.components);
  const nodes = buildFlowNodes(grouped.doc, grouped.doc.layout!, new Set(), new Map());
  const edges = buildFlowEdges(grouped.doc, catalog, new Set());

  it('changes nothing while no component is expanded', () => {
    const view = withExpandedComponents(grouped.doc, catalog, nodes, edges, new Set(), new Map());
    expect(view.nodes).toBe(nodes);
    expect(view.edges).toBe(edges);
  });

  it('frames the inner nodes, after their parent, inside its bounds, with the inner connection only', () => {
    const view = withExpandedComponents(grouped.doc, catalog, nodes, edges, new Set(['prep']), new Map());
    const frame = view.nodes.find((n) => n.id === 'prep')!;
    expect(frame.data.expanded).toBe(true);
    const children = view.nodes.filter((n) => n.parentId === 'prep');
    expect(children.map((n) => n.id)).toEqual(['prep/split', 'prep/gbm']);
    expect(view.nodes.indexOf(frame)).toBeLessThan(view.nodes.indexOf(children[0]));
    for (const child of children) {
      expect(child.position.x).toBeGreaterThanOrEqual(0);
      expect(child.position.y).toBeGreaterThan(0);
      expect(child.position.x + 220).toBeLessThanOrEqual(frame.width!);
      expect(child.position.y + 120).toBeLessThanOrEqual(frame.height!);
    }
    // split and gbm keep their side-by-side arrangement
    expect(children[1].position.x - children[0].position.x).toBe(300);
    const inner = view.edges.filter((e) => !edges.includes(e));
    expect(inner.map((e) => `${e.source}.${e.sourceHandle}->${e.target}.${e.targetHandle}`)).toEqual(['prep/split.train->prep/gbm.train']);
  });
});
