// The node palette: node types grouped like the catalog, a search box, drag to the canvas or click / Enter to add.
import { useMemo, useState, type DragEvent } from 'react';
import { nodeDeclarations } from '../../shared/catalog/index.js';
import type { NodeDeclaration } from '../../shared/catalog/define.js';
import { useGraphStore } from '../state/graph.js';
import { addNodeAt } from './commands.js';
import { GROUP_TITLES, NODE_DRAG_TYPE, paletteGroups } from './palette-filter.js';

function PaletteItem({ declaration, disabled }: { declaration: NodeDeclaration; disabled: boolean }) {
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(NODE_DRAG_TYPE, declaration.type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li>
      <button
        type="button"
        className="palette-item"
        draggable={!disabled}
        disabled={disabled}
        onDragStart={onDragStart}
        onClick={() => addNodeAt(declaration.type)}
        aria-label={`Add ${declaration.title}`}
        title={`${declaration.type}\n\n${declaration.docs}`}
      >
        <span className="palette-title">{declaration.title}</span>
        <span className="palette-type">{declaration.type}</span>
      </button>
    </li>
  );
}

export function Palette() {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => paletteGroups(nodeDeclarations, query), [query]);
  const disabled = useGraphStore((s) => s.pipeline === null);
  return (
    <aside className="palette" aria-label="Node palette">
      <h2 className="panel-title">Nodes</h2>
      <input
        type="search"
        className="palette-search"
        placeholder="Search nodes"
        aria-label="Search nodes"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="palette-groups">
        {groups.length === 0 && <p className="muted">No node matches “{query}”.</p>}
        {groups.map((g) => (
          <section key={g.group} className="palette-group" aria-labelledby={`palette-group-${g.group}`}>
            <h3 id={`palette-group-${g.group}`}>{GROUP_TITLES[g.group]}</h3>
            <ul>
              {g.nodes.map((d) => (
                <PaletteItem key={d.type} declaration={d} disabled={disabled} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="palette-hint muted">Drag a node onto the canvas, or press Enter on it to add it.</p>
    </aside>
  );
}
