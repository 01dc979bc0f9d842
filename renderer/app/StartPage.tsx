// The start page: start something (a pipeline from a CSV, an empty one, another project), open a sample, a recent
// project or one of this project's pipelines.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useGraphStore } from '../state/graph.js';
import { createPipeline, openProject, refreshRecent, useProjectStore } from '../state/project.js';
import { ProjectDialog, type ProjectDialogMode } from './ProjectDialog.js';
import { SAMPLE_PIPELINES } from './samples.js';
import { hideStartPage, openFromStart, openSample, samplePath } from './start-page.js';
import { StarterDialog } from './StarterDialog.js';

type OpenDialog = ProjectDialogMode | 'starter' | null;

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function folderOf(path: string): string {
  return path.slice(0, path.length - fileName(path).length);
}

function freePipelineName(taken: readonly string[]): string {
  for (let i = 1; ; i++) if (!taken.includes(`pipeline-${i}`)) return `pipeline-${i}`;
}

function StartAction({ title, detail, onClick, disabled }: { title: string; detail: string; onClick(): void; disabled?: boolean }) {
  const detailId = useId();
  return (
    <li className="start-action">
      <button type="button" onClick={onClick} disabled={disabled} aria-describedby={detailId}>
        {title}
      </button>
      <p id={detailId} className="muted small">
        {detail}
      </p>
    </li>
  );
}

function StartSection({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={`start-section${className ? ` ${className}` : ''}`}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

export function StartPage() {
  const info = useProjectStore((s) => s.info);
  const pipelines = useProjectStore((s) => s.pipelines);
  const recent = useProjectStore((s) => s.recent);
  const busy = useProjectStore((s) => s.busy);
  const open = useGraphStore((s) => s.pipeline);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const names = pipelines.map((p) => p.name);
  const sampleKnown = Boolean(samplePath());
  const inSample = Boolean(info && samplePath() === info.path);
  const close = () => setDialog(null);

  useEffect(() => {
    void refreshRecent();
  }, []);

  return (
    <div className="start-page">
      <header className="start-head">
        <div>
          <h1>Start</h1>
          {info && (
            <p className="muted">
              Project <strong className="start-project">{info.name}</strong> <span className="code small">{folderOf(info.path)}</span>
            </p>
          )}
        </div>
        {open && (
          <button type="button" className="primary" onClick={hideStartPage}>
            Back to {open}
          </button>
        )}
      </header>
      <div className="start-grid">
        <div className="start-column">
          <StartSection title="Start something new">
            <ul className="start-actions">
              <StartAction title="Pipeline from a CSV file…" detail="Pick a CSV and the column to predict: read → split → train → evaluate → explain, ready to run." onClick={() => setDialog('starter')} disabled={!info || busy} />
              <StartAction title="Empty pipeline" detail="A blank canvas in this project; add nodes from the palette or with / on the canvas." onClick={() => void createPipeline(freePipelineName(names))} disabled={!info || busy} />
              <StartAction title="Open a project file…" detail="Another .plumb project: its pipelines, runs, models and datasets." onClick={() => setDialog('open')} disabled={busy} />
              <StartAction title="Create a project file…" detail="A new, empty .plumb project." onClick={() => setDialog('new')} disabled={busy} />
            </ul>
          </StartSection>
          {pipelines.length > 0 && (
            <StartSection title={`Pipelines in ${info?.name ?? 'this project'}`}>
              <ul className="start-list">
                {pipelines.map((p) => (
                  <li key={p.name}>
                    <button type="button" className="link-button" onClick={() => void openFromStart(p.name)} disabled={busy}>
                      {p.name}
                    </button>
                    <span className="muted small">
                      version {p.version}
                      {p.name === open ? ' · open' : ''}
                    </span>
                  </li>
                ))}
              </ul>
            </StartSection>
          )}
        </div>
        <div className="start-column">
          <StartSection title="Samples" className="start-samples">
            {!sampleKnown && <p className="muted small">The sample project is not among the recent projects; start Plumb without a project file to get it back.</p>}
            {sampleKnown && !inSample && <p className="muted small">Opening a sample switches to the sample project.</p>}
            <ul className="start-cards">
              {SAMPLE_PIPELINES.map((s) => (
                <li key={s.name} className="start-card">
                  <div>
                    <h3>{s.name}</h3>
                    <span className={`start-kind kind-${s.kind}`}>{s.kind}</span>
                  </div>
                  <p className="small">{s.summary}</p>
                  <button type="button" onClick={() => void openSample(s.name)} disabled={busy || !sampleKnown} aria-label={`Open sample ${s.name}`}>
                    Open
                  </button>
                </li>
              ))}
            </ul>
          </StartSection>
          <StartSection title="Recent projects">
            {recent.length === 0 ? (
              <p className="muted small">No recent projects yet.</p>
            ) : (
              <ul className="start-list">
                {recent.map((path) => (
                  <li key={path}>
                    <button type="button" className="link-button" onClick={() => void openProject(path)} disabled={busy || path === info?.path} title={path}>
                      {fileName(path)}
                    </button>
                    <span className="muted small code ellipsis" title={path}>
                      {path === info?.path ? 'open now · ' : ''}
                      {folderOf(path)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </StartSection>
        </div>
      </div>
      {(dialog === 'open' || dialog === 'new') && <ProjectDialog mode={dialog} onClose={close} />}
      {dialog === 'starter' && <StarterDialog taken={names} onClose={close} />}
    </div>
  );
}
