// A model version's lineage as a small read-only graph (SVG): dataset versions → pipeline version → run → model
// version. Boxes are buttons: a run opens in the Runs view, a dataset in the Datasets view, a pipeline in the editor.
import type { LineageView } from '../../../shared/api/lifecycle.js';
import { BOX, layoutLineage, type PlacedNode } from './lineage-layout.js';

const KIND_LABEL: Record<PlacedNode['kind'], string> = { dataset: 'dataset version', pipeline: 'pipeline version', run: 'run', model: 'model version' };

export interface LineageGraphProps {
  lineage: LineageView;
  onOpen(node: PlacedNode): void;
  /** whether a box leads anywhere (a deleted run or pipeline does not) */
  canOpen(node: PlacedNode): boolean;
}

export function LineageGraph({ lineage, onOpen, canOpen }: LineageGraphProps) {
  const layout = layoutLineage(lineage.graph);
  return (
    <figure className="lineage" aria-label={`Lineage of ${lineage.model.name} v${lineage.model.version}`}>
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" style={{ maxWidth: layout.width }} role="group" aria-label="Lineage graph">
        <defs>
          <marker id="lineage-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#8b949e" />
          </marker>
        </defs>
        {layout.edges.map((e) => (
          <path key={`${e.from}-${e.to}`} d={e.path} fill="none" stroke="#8b949e" strokeWidth={1.5} markerEnd="url(#lineage-arrow)" />
        ))}
        {layout.nodes.map((n) => {
          const open = canOpen(n);
          return (
            <g
              key={n.id}
              transform={`translate(${n.x},${n.y})`}
              className={`lineage-node kind-${n.kind}${open ? ' can-open' : ''}`}
              role="button"
              aria-label={`${KIND_LABEL[n.kind]} ${n.label}`}
              aria-disabled={!open || undefined}
              tabIndex={open ? 0 : -1}
              onClick={() => open && onOpen(n)}
              onKeyDown={(e) => {
                if (open && (e.key === 'Enter' || e.key === ' ')) {
                  e.preventDefault();
                  onOpen(n);
                }
              }}
            >
              <rect width={BOX.width} height={BOX.height} rx={6} />
              <text x={10} y={17} className="lineage-kind">
                {KIND_LABEL[n.kind]}
              </text>
              <text x={10} y={35} className="lineage-label">
                {n.label.length > 21 ? `${n.label.slice(0, 20)}…` : n.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
