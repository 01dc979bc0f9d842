// Quick add on the canvas: a search box with the matching node types; Enter (or a click) adds the highlighted one
// where the search was opened, connected to the selection when that is obvious. Escape closes it.
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { nodeDeclarations } from '../../shared/catalog/index.js';
import { useQuickAddStore } from '../state/quick-add.js';
import { addNodeAt } from './commands.js';
import { paletteGroups } from './palette-filter.js';

const MAX_MATCHES = 8;

const BOX_WIDTH = 300;
const BOX_HEIGHT = 280;

export function QuickAdd() {
  const open = useQuickAddStore((s) => s.open);
  if (!open) return null;
  // Where the user double-clicked, kept on screen; without a point, at the top middle of the canvas.
  const left = open.screen ? Math.max(8, Math.min(open.screen.x, window.innerWidth - BOX_WIDTH - 8)) : undefined;
  const top = open.screen ? Math.max(8, Math.min(open.screen.y, window.innerHeight - BOX_HEIGHT - 8)) : undefined;
  return <QuickAddBox key={`${left}:${top}`} left={left} top={top} flow={open.flow} />;
}

function QuickAddBox({ left, top, flow }: { left?: number; top?: number; flow?: { x: number; y: number } }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = useMemo(() => paletteGroups(nodeDeclarations, query).flatMap((g) => g.nodes).slice(0, MAX_MATCHES), [query]);
  const hide = () => useQuickAddStore.getState().hide();
  const add = (type: string) => {
    hide();
    addNodeAt(type, flow);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') hide();
    else if (e.key === 'ArrowDown') setActive((a) => Math.min(matches.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter' && matches[active]) add(matches[active].type);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const style = left === undefined || top === undefined ? { left: '50%', top: 40, transform: 'translateX(-50%)', width: BOX_WIDTH } : { position: 'fixed' as const, left, top, width: BOX_WIDTH };
  return (
    <div className="quick-add" style={style} role="dialog" aria-label="Quick add">
      <input
        type="search"
        autoFocus
        role="combobox"
        aria-label="Quick add node"
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-activedescendant={matches[active] ? `${listId}-${active}` : undefined}
        placeholder="Add a node…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
        onBlur={hide}
      />
      <ul role="listbox" id={listId} aria-label="Matching nodes">
        {matches.length === 0 && <li className="muted small">No node matches “{query}”.</li>}
        {matches.map((d, i) => (
          <li
            key={d.type}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'is-active' : undefined}
            // mousedown, not click: the input's blur would close the list first
            onMouseDown={(e) => {
              e.preventDefault();
              add(d.type);
            }}
          >
            <span className="palette-title">{d.title}</span> <span className="palette-type">{d.type}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
