// The node palette: node types grouped like the catalog plus the project's library components, a search box, drag
// to the canvas or click / Enter to add.
import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { nodeDeclarations } from '../../shared/catalog/index.js';
import type { NodeDeclaration } from '../../shared/catalog/define.js';
import { componentType } from '../../shared/pipeline/components.js';
import { refreshComponentLibrary, useComponentLibraryStore, type LibraryComponent } from '../state/component-library.js';
import { useGraphStore } from '../state/graph.js';
import { useProjectStore } from '../state/project.js';
import { addNodeAt } from './commands.js';
import { GROUP_TITLES, NODE_DRAG_TYPE, paletteComponents, paletteGroups } from './palette-filter.js';

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

function ComponentItem({ component, disabled }: { component: LibraryComponent; disabled: boolean }) {
  const type = componentType(component.name);
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(NODE_DRAG_TYPE, type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  const inner = component.spec.nodes.map((n) => n.id).join(', ');
  return (
    <li>
      <button
        type="button"
        className="palette-item"
        draggable={!disabled}
        disabled={disabled}
        onDragStart={onDragStart}
        onClick={() => addNodeAt(type)}
        aria-label={`Add component ${component.name}`}
        title={`${type}\n\nA component of ${component.spec.nodes.length} nodes: ${inner}`}
      >
        <span className="palette-title">{component.name}</span>
        <span className="palette-type">{inner}</span>
      </button>
    </li>
  );
}

export function Palette() {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => paletteGroups(nodeDeclarations, query), [query]);
  const library = useComponentLibraryStore((s) => s.components);
  const components = useMemo(() => paletteComponents(library, query), [library, query]);
  const disabled = useGraphStore((s) => s.pipeline === null);
  const project = useProjectStore((s) => s.info?.path);

  useEffect(() => {
    if (project) void refreshComponentLibrary();
  }, [project]);
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
        {groups.length === 0 && components.length === 0 && <p className="muted">No node matches “{query}”.</p>}
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
        {components.length > 0 && (
          <section className="palette-group" aria-labelledby="palette-group-components">
            <h3 id="palette-group-components">Components</h3>
            <ul>
              {components.map((c) => (
                <ComponentItem key={c.name} component={c} disabled={disabled} />
              ))}
            </ul>
          </section>
        )}
      </div>
      <p className="palette-hint muted">Drag a node onto the canvas, or press Enter on it to add it.</p>
    </aside>
  );
}
