// The top toolbar: project (new / open / save as), YAML import and export, editing (undo, redo, delete,
// auto-layout, fit view), running (run all, run to the selected node, cancel) and the alerts list.
import { useState } from 'react';
import { useStore } from 'zustand';
import { autoLayout, deleteSelection } from '../editor/commands.js';
import { fitView } from '../editor/viewport.js';
import { redo, undo, useGraphStore } from '../state/graph.js';
import { useProjectStore } from '../state/project.js';
import { cancelRun, startRun, useRunStore } from '../state/run.js';
import { isRunActive } from '../state/run-events.js';
import { selectSingleNode, useSelectionStore } from '../state/selection.js';
import { AlertsButton } from '../panels/alerts/AlertsButton.js';
import { ProjectDialog, type ProjectDialogMode } from './ProjectDialog.js';
import { ExportYamlDialog, ImportYamlDialog } from './YamlDialogs.js';

type OpenDialog = ProjectDialogMode | 'import' | 'export' | null;

export function Toolbar() {
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const busy = useProjectStore((s) => s.busy);
  const hasProject = useProjectStore((s) => s.info !== null);
  const pipeline = useGraphStore((s) => s.pipeline);
  const canUndo = useStore(useGraphStore.temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(useGraphStore.temporal, (s) => s.futureStates.length > 0);
  const hasSelection = useSelectionStore((s) => s.nodes.length > 0 || s.edges.length > 0);
  const single = useSelectionStore(selectSingleNode);
  const active = useRunStore((s) => isRunActive(s.view));
  const runId = useRunStore((s) => s.view.runId);
  const close = () => setDialog(null);

  return (
    <header className="toolbar">
      <span className="brand">Plumb</span>
      <div role="group" aria-label="Project" className="tool-group">
        <button type="button" onClick={() => setDialog('new')} disabled={busy}>
          New project
        </button>
        <button type="button" onClick={() => setDialog('open')} disabled={busy}>
          Open project
        </button>
        <button type="button" onClick={() => setDialog('saveAs')} disabled={busy || !hasProject}>
          Save project as
        </button>
      </div>
      <div role="group" aria-label="YAML" className="tool-group">
        <button type="button" onClick={() => setDialog('import')} disabled={!hasProject}>
          Import YAML
        </button>
        <button type="button" onClick={() => setDialog('export')} disabled={!pipeline}>
          Export YAML
        </button>
      </div>
      <div role="group" aria-label="Edit" className="tool-group">
        <button type="button" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z or Ctrl+Y)">
          Redo
        </button>
        <button type="button" onClick={deleteSelection} disabled={!hasSelection} title="Delete the selected nodes and connections (Delete)">
          Delete selection
        </button>
        <button type="button" onClick={autoLayout} disabled={!pipeline}>
          Auto layout
        </button>
        <button type="button" onClick={fitView} disabled={!pipeline}>
          Fit view
        </button>
      </div>
      <div role="group" aria-label="Run" className="tool-group run-group">
        <button type="button" className="primary" onClick={() => void startRun()} disabled={!pipeline || active} title="Run every node (Ctrl+Enter)">
          Run
        </button>
        <button type="button" onClick={() => single && void startRun(single)} disabled={!pipeline || active || !single} title="Run the selected node and what it needs">
          Run to selected node
        </button>
        <button type="button" onClick={() => void cancelRun()} disabled={!active || !runId}>
          Cancel
        </button>
      </div>
      <AlertsButton />
      {(dialog === 'new' || dialog === 'open' || dialog === 'saveAs') && <ProjectDialog mode={dialog} onClose={close} />}
      {dialog === 'import' && <ImportYamlDialog onClose={close} />}
      {dialog === 'export' && <ExportYamlDialog onClose={close} />}
    </header>
  );
}
