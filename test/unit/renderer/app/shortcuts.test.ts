// Keyboard shortcuts: the table of key presses to commands, and that typing in a field keeps its own keys.
import { describe, expect, it } from 'vitest';
import { shortcutCommand, type KeyPress } from '../../../../renderer/app/shortcuts.js';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcutCommand', () => {
  it('maps the editor shortcuts, with Ctrl or ⌘', () => {
    expect(shortcutCommand(press('z', { ctrlKey: true }), false)).toBe('undo');
    expect(shortcutCommand(press('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(shortcutCommand(press('z', { metaKey: true, shiftKey: true }), false)).toBe('redo');
    expect(shortcutCommand(press('y', { ctrlKey: true }), false)).toBe('redo');
    expect(shortcutCommand(press('c', { ctrlKey: true }), false)).toBe('copy');
    expect(shortcutCommand(press('v', { metaKey: true }), false)).toBe('paste');
    expect(shortcutCommand(press('a', { ctrlKey: true }), false)).toBe('selectAll');
    expect(shortcutCommand(press('g', { ctrlKey: true }), false)).toBe('group');
    expect(shortcutCommand(press('G', { ctrlKey: true, shiftKey: true }), false)).toBe('ungroup');
    expect(shortcutCommand(press('g', { ctrlKey: true }), true)).toBeUndefined();
    expect(shortcutCommand(press('Delete'), false)).toBe('delete');
    expect(shortcutCommand(press('Backspace'), false)).toBe('delete');
    expect(shortcutCommand(press('Enter', { ctrlKey: true }), false)).toBe('run');
    expect(shortcutCommand(press('/'), false)).toBe('quickAdd');
    expect(shortcutCommand(press('/'), true)).toBeUndefined();
  });

  it('ignores plain keys and other modifier combinations', () => {
    expect(shortcutCommand(press('z'), false)).toBeUndefined();
    expect(shortcutCommand(press('Enter'), false)).toBeUndefined();
    expect(shortcutCommand(press('z', { ctrlKey: true, altKey: true }), false)).toBeUndefined();
    expect(shortcutCommand(press('Delete', { shiftKey: true }), false)).toBeUndefined();
    expect(shortcutCommand(press('c', { ctrlKey: true, shiftKey: true }), false)).toBeUndefined();
  });

  it('leaves text editing keys to a focused field, except Ctrl+Enter to run', () => {
    for (const p of [press('z', { ctrlKey: true }), press('c', { ctrlKey: true }), press('v', { ctrlKey: true }), press('Delete'), press('Backspace'), press('a', { ctrlKey: true })]) {
      expect(shortcutCommand(p, true)).toBeUndefined();
    }
    expect(shortcutCommand(press('Enter', { ctrlKey: true }), true)).toBe('run');
  });
});
