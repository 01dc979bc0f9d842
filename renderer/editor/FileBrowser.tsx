// The browser host's file browser (Browse… on a file param): lists the project folder and the folders the user
// added, never anything else (the host refuses other paths); clicking a file picks it as the param value.
import { useCallback, useEffect, useId, useState } from 'react';
import type { ApiResponse } from '../../shared/api/contract.js';
import { errorMessage, getApi } from '../state/api.js';
import { Dialog } from '../ui/Dialog.js';

type Listing = ApiResponse<'files.list'>;

export interface FileBrowserProps {
  /** extensions to show (no dot); none shows every file */
  extensions?: string[];
  /** the folder to start in (the current value's folder, or the project folder) */
  startFolder: string;
  onPick(path: string): void;
  onClose(): void;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function FileBrowser({ extensions, startFolder, onPick, onClose }: FileBrowserProps) {
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [newFolder, setNewFolder] = useState('');
  const addId = useId();

  const open = useCallback(
    async (folder: string, fallback?: string) => {
      try {
        setListing(await getApi().call('files.list', { folder, extensions }));
        setError(null);
      } catch (e) {
        if (fallback !== undefined) return open(fallback);
        setError(errorMessage(e));
      }
    },
    [extensions],
  );

  useEffect(() => {
    void open(startFolder, startFolder === '' ? undefined : '');
  }, [open, startFolder]);

  const addFolder = async () => {
    try {
      const path = newFolder.trim();
      await getApi().call('files.addFolder', { path });
      setNewFolder('');
      await open(path);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const where = listing ? (listing.folder === '' ? 'Project folder' : listing.folder) : '…';
  return (
    <Dialog title="Choose a file" onClose={onClose} wide>
      <div className="file-browser">
        <nav aria-label="Places" className="file-places">
          {listing?.roots.map((r) => (
            <button key={r.folder} type="button" aria-current={listing.folder === r.folder ? 'location' : undefined} onClick={() => void open(r.folder)}>
              {r.name}
            </button>
          ))}
        </nav>
        <div className="file-location">
          <button type="button" aria-label="Up one folder" disabled={!listing || listing.parent === null} onClick={() => {
              if (listing && listing.parent !== null) void open(listing.parent);
            }}>
            ↑ Up
          </button>
          <span aria-live="polite">
            Folder: <code>{where}</code>
            {extensions?.length ? <span className="muted"> (showing .{extensions.join(', .')})</span> : null}
          </span>
        </div>
        {error && (
          <p role="alert" className="param-errors">
            {error}
          </p>
        )}
        <ul className="file-entries" aria-label="Files">
          {listing?.entries.map((entry) => (
            <li key={entry.path}>
              {entry.kind === 'dir' ? (
                <button type="button" className="link-button" aria-label={`Open folder ${entry.name}`} onClick={() => void open(entry.path)}>
                  📁 {entry.name}/
                </button>
              ) : (
                <button type="button" className="link-button" aria-label={`Choose ${entry.name}`} onClick={() => onPick(entry.path)}>
                  {entry.name} <span className="muted">{entry.size === null ? '' : formatBytes(entry.size)}</span>
                </button>
              )}
            </li>
          ))}
          {listing && listing.entries.length === 0 && <li className="muted">No matching files here.</li>}
        </ul>
        <form
          className="file-add"
          onSubmit={(e) => {
            e.preventDefault();
            void addFolder();
          }}
        >
          <label htmlFor={addId}>Add a folder (full path)</label>
          <input id={addId} type="text" className="code" value={newFolder} onChange={(e) => setNewFolder(e.target.value)} placeholder="/home/me/data" />
          <button type="submit" disabled={newFolder.trim() === ''}>
            Add folder
          </button>
        </form>
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </Dialog>
  );
}
