// Right-click menu on canvas nodes: group the selection into a component, expand/collapse or ungroup a component.
import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import { componentNameOf } from '../../shared/pipeline/components.js';
import { isExpanded, useExpandedComponentsStore } from '../state/document/expanded-components.js';
import { useGraphStore } from '../state/graph.js';
import { useSelectionStore } from '../state/selection.js';
import { askToGroupSelection, toggleComponentExpanded, ungroupNode } from './component-commands.js';

interface MenuPlace {
  /** where, relative to the canvas element */
  x: number;
  y: number;
  /** the node right-clicked (the selection is what grouping takes) */
  node: string;
}

const useContextMenuStore = create<{ place: MenuPlace | null }>()(() => ({ place: null }));

const close = () => useContextMenuStore.setState({ place: null });

/** Open the menu for `node` at a point of the canvas; a node outside the selection becomes the selection. */
export function openNodeMenu(node: string, at: { x: number; y: number }): void {
  const selection = useSelectionStore.getState();
  if (!selection.nodes.includes(node)) selection.select([node]);
  useContextMenuStore.setState({ place: { ...at, node } });
}

export function CanvasContextMenu() {
  const place = useContextMenuStore((s) => s.place);
  const spec = useGraphStore((s) => (place ? s.doc.nodes.find((n) => n.id === place.node) : undefined));
  const expanded = useExpandedComponentsStore(isExpanded(place?.node ?? ''));
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!place) return;
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    const onPointer = (e: PointerEvent) => {
      if (!(e.target instanceof Element) || !e.target.closest('.canvas-menu')) close();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer, { capture: true });
    };
  }, [place]);

  if (!place || !spec) return null;
  const isComponent = componentNameOf(spec.type) !== undefined;
  const act = (run: () => void) => () => {
    close();
    run();
  };
  return (
    <div role="menu" aria-label={`Actions for ${spec.id}`} className="menu canvas-menu" style={{ left: place.x, top: place.y, right: 'auto' }}>
      {!isComponent && (
        <button ref={first} type="button" role="menuitem" onClick={act(askToGroupSelection)}>
          Group into component… <kbd>Ctrl+G</kbd>
        </button>
      )}
      {isComponent && (
        <>
          <button ref={first} type="button" role="menuitem" onClick={act(() => toggleComponentExpanded(spec.id))}>
            {expanded ? 'Collapse component' : 'Expand component'}
          </button>
          <button type="button" role="menuitem" onClick={act(() => ungroupNode(spec.id))}>
            Ungroup component <kbd>Ctrl+Shift+G</kbd>
          </button>
        </>
      )}
    </div>
  );
}
