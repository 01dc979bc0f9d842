// Wires the keyboard shortcut table to the editor commands while the app is mounted.
import { useEffect } from 'react';
import { copySelection, deleteSelection, pasteClipboard, selectAll } from '../editor/commands.js';
import { redo, undo, useGraphStore } from '../state/graph.js';
import { useQuickAddStore } from '../state/quick-add.js';
import { startRun } from '../state/run.js';
import { isTypingTarget, shortcutCommand } from './shortcuts.js';

/** Node commands act only when focus is on the canvas, the palette or nowhere in particular. */
function inEditorArea(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return true;
  return target === document.body || target.closest('.canvas, .palette') !== null;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const command = shortcutCommand(event, isTypingTarget(event.target));
      if (!command) return;
      if (command === 'run') {
        // Let a field being edited commit its value first.
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        // React Flow reads Ctrl+Enter on a focused node as "toggle its selection"; the run keeps the selection.
        event.stopPropagation();
        void startRun();
      } else if (command === 'undo') undo();
      else if (command === 'redo') redo();
      else if (!inEditorArea(event.target)) return;
      else if (command === 'copy') {
        if (!copySelection()) return;
      } else if (command === 'paste') pasteClipboard();
      else if (command === 'delete') deleteSelection();
      else if (command === 'selectAll') selectAll();
      else if (command === 'quickAdd') {
        if (!useGraphStore.getState().pipeline) return;
        useQuickAddStore.getState().show();
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
