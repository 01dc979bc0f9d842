// A file param's field: the path text plus Browse… (the native dialog in the desktop app, the file browser in the
// browser host) and, for a file outside the project folder, "Copy into project".
import { useState, type ReactNode } from 'react';
import { desktopFiles, pickWithNativeDialog } from '../api/files.js';
import { errorMessage, getApi } from '../state/api.js';
import { FileBrowser } from './FileBrowser.js';

export interface FilePathInputProps {
  /** the param's name, for the buttons' accessible names */
  name: string;
  extensions?: string[];
  /** the current path ('' when unset) */
  value: string;
  /** the text field */
  children: ReactNode;
  commit(path: string): void;
}

const isAbsolutePath = (path: string) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');

/** The folder part of a relative path ('' for a bare name or an absolute path). */
function folderOf(path: string): string {
  if (isAbsolutePath(path)) return path.replace(/[\\/][^\\/]*$/, '') || '/';
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function FilePathInput({ name, extensions, value, children, commit }: FilePathInputProps) {
  const [browsing, setBrowsing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const browse = async () => {
    setProblem(null);
    const bridge = desktopFiles();
    if (!bridge) return setBrowsing(true);
    try {
      const picked = await pickWithNativeDialog(bridge, extensions);
      if (picked.path !== null) commit(picked.path);
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };

  const copyIn = async () => {
    setBusy(true);
    try {
      const copied = await getApi().call('files.copyIntoProject', { path: value });
      commit(copied.path);
      setProblem(null);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="file-path">
      <div className="file-path-row">
        {children}
        <button type="button" aria-label={`Browse for ${name}`} title="Choose a file" onClick={() => void browse()}>
          Browse…
        </button>
      </div>
      {isAbsolutePath(value) && (
        <button type="button" className="link-button" disabled={busy} aria-label={`Copy ${name} into project`} title="Copy the file next to the project and use that copy" onClick={() => void copyIn()}>
          Copy into project
        </button>
      )}
      {problem && (
        <p role="alert" className="param-errors">
          {problem}
        </p>
      )}
      {browsing && (
        <FileBrowser
          extensions={extensions}
          startFolder={folderOf(value)}
          onClose={() => setBrowsing(false)}
          onPick={(path) => {
            setBrowsing(false);
            commit(path);
          }}
        />
      )}
    </div>
  );
}
