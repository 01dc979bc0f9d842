// Keyboard shortcuts of the editor as one table from key presses to command names (Ctrl or ⌘ alike).

export type ShortcutCommand = 'undo' | 'redo' | 'copy' | 'paste' | 'delete' | 'run' | 'selectAll' | 'quickAdd' | 'help' | 'group' | 'ungroup';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * The command a key press means, or undefined. While typing in a field only Ctrl+Enter (run) counts, so that
 * Delete, Ctrl+Z and Ctrl+C keep their text-editing meaning there.
 */
export function shortcutCommand(press: KeyPress, typingInField: boolean): ShortcutCommand | undefined {
  const mod = press.ctrlKey || press.metaKey;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (mod && key === 'Enter') return 'run';
  if (typingInField || press.altKey) return undefined;
  if (mod && key === 'z') return press.shiftKey ? 'redo' : 'undo';
  if (mod && key === 'y' && !press.shiftKey) return 'redo';
  if (mod && key === 'c' && !press.shiftKey) return 'copy';
  if (mod && key === 'v' && !press.shiftKey) return 'paste';
  if (mod && key === 'a' && !press.shiftKey) return 'selectAll';
  if (mod && key === 'g') return press.shiftKey ? 'ungroup' : 'group';
  if (!mod && !press.shiftKey && (key === 'Delete' || key === 'Backspace')) return 'delete';
  if (!mod && key === '/') return 'quickAdd';
  if (!mod && key === '?') return 'help';
  return undefined;
}

/** True when keys go to a text field, a select or an editable region rather than the canvas. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (element as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

/** What the shortcut sheet shows: each key press in words with what it does. */
export const SHORTCUT_SHEET: readonly { keys: string; does: string }[] = [
  { keys: 'Ctrl+Enter', does: 'Run the pipeline' },
  { keys: '/ or double-click the canvas', does: 'Quick add a node' },
  { keys: 'Ctrl+Z', does: 'Undo' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', does: 'Redo' },
  { keys: 'Ctrl+C / Ctrl+V', does: 'Copy / paste the selected nodes' },
  { keys: 'Ctrl+A', does: 'Select every node' },
  { keys: 'Delete or Backspace', does: 'Delete the selection' },
  { keys: 'Ctrl+G', does: 'Group the selected nodes into a component' },
  { keys: 'Ctrl+Shift+G', does: 'Ungroup the selected component' },
  { keys: 'Arrow keys on a splitter', does: 'Resize the palette, inspector or outputs' },
  { keys: '?', does: 'Show this sheet' },
];
