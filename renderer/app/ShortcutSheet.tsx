// The keyboard shortcut sheet: opened with `?` or from the More menu.
import { create } from 'zustand';
import { Dialog } from '../ui/Dialog.js';
import { SHORTCUT_SHEET } from './shortcuts.js';

const useSheetStore = create<{ open: boolean }>()(() => ({ open: false }));

export function showShortcutSheet(): void {
  useSheetStore.setState({ open: true });
}

export function ShortcutSheet() {
  const open = useSheetStore((s) => s.open);
  if (!open) return null;
  const close = () => useSheetStore.setState({ open: false });
  return (
    <Dialog title="Keyboard shortcuts" onClose={close}>
      <table className="shortcut-sheet" aria-label="Keyboard shortcuts">
        <tbody>
          {SHORTCUT_SHEET.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={close} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
