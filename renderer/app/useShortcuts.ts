// Wires the keyboard shortcut table to the editor commands while the app is mounted.
import { useEffect } from 'react';
import { copySelection, deleteSelection, pasteClipboard, selectAll } from '../editor/commands.js';
import { askToGroupSelection, ungroupNode } from '../editor/component-commands.js';
import { redo, undo, useGraphStore } from '../state/graph.js';
import { useQuickAddStore } from '../state/quick-add.js';
import { startRun } from '../state/run.js';
import { useViewsStore } from '../state/views.js';
import { isTypingTarget, shortcutCommand } from './shortcuts.js';
import { showShortcutSheet } from './ShortcutSheet.js';

/** Node commands act only when focus is on the canvas, the palette or nowhere in particular, with the editor shown. */
function inEditorArea(target: EventTarget | null): boolean {
  // The editor stays mounted behind the Runs/Models/… views: Delete there must not delete hidden nodes.
  if (useViewsStore.getState().view !== 'editor') return false;
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
      else if (command === 'group') askToGroupSelection();
      else if (command === 'ungroup') ungroupNode();
      else if (command === 'help') showShortcutSheet();
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
