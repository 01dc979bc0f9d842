// New / Open / Save As project: a file path typed by the user (the browser cannot show the machine's file
// dialogs), with the recent projects one click away when opening.
import { useEffect, useState } from 'react';
import { createProject, openProject, refreshRecent, saveProjectAs, useProjectStore } from '../state/project.js';
import { Dialog, DialogForm } from '../ui/Dialog.js';

export type ProjectDialogMode = 'new' | 'open' | 'saveAs';

const TEXT: Record<ProjectDialogMode, { title: string; submit: string }> = {
  new: { title: 'New project', submit: 'Create' },
  open: { title: 'Open project', submit: 'Open' },
  saveAs: { title: 'Save project as', submit: 'Save' },
};

function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut >= 0 ? path.slice(0, cut + 1) : '';
}

export function ProjectDialog({ mode, onClose }: { mode: ProjectDialogMode; onClose(): void }) {
  const current = useProjectStore((s) => s.info?.path ?? '');
  const recent = useProjectStore((s) => s.recent);
  const busy = useProjectStore((s) => s.busy);
  const [path, setPath] = useState(() => (mode === 'saveAs' ? current.replace(/\.plumb$/, '-copy.plumb') : mode === 'new' ? `${folderOf(current)}untitled.plumb` : ''));
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    if (mode === 'open') void refreshRecent();
  }, [mode]);

  const run = async (target: string) => {
    if (!target.trim()) return setProblem('Type the path of a .plumb file.');
    const action = mode === 'new' ? createProject : mode === 'open' ? openProject : saveProjectAs;
    if (await action(target.trim())) onClose();
    else setProblem('That did not work; see the error message.');
  };

  return (
    <Dialog title={TEXT[mode].title} onClose={onClose}>
      <DialogForm submitLabel={TEXT[mode].submit} onSubmit={() => void run(path)} onCancel={onClose} busy={busy}>
        <label className="field">
          <span>Project file path</span>
          <input type="text" className="code" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/projects/churn.plumb" autoFocus />
        </label>
        {problem && <p className="error-text">{problem}</p>}
        {mode === 'open' && recent.length > 0 && (
          <section aria-labelledby="recent-projects-title" className="recent">
            <h3 id="recent-projects-title">Recent projects</h3>
            <ul>
              {recent.map((p) => (
                <li key={p}>
                  <button type="button" className="link-button code" onClick={() => void run(p)} disabled={busy}>
                    {p}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </DialogForm>
    </Dialog>
  );
}
