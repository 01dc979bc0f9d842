// The top toolbar: project (new / open / save as), YAML import and export, editing (undo, redo, delete,
// auto-layout, fit view), running (run all, run to the selected node, cancel) and the alerts list. On a narrow
// window the project buttons, then the YAML buttons, move into the "More actions" menu, so the bar stays one line.
import { showShortcutSheet } from './ShortcutSheet.js';
import { useState } from 'react';
import { useStore } from 'zustand';
import { autoLayout, deleteSelection } from '../editor/commands.js';
import { askToGroupSelection, ungroupNode } from '../editor/component-commands.js';
import { fitView } from '../editor/viewport.js';
import { redo, undo, useGraphStore } from '../state/graph.js';
import { useProjectStore } from '../state/project.js';
import { cancelRun, startRun, useRunStore } from '../state/run.js';
import { isRunActive } from '../state/run-events.js';
import { selectSingleNode, useSelectionStore } from '../state/selection.js';
import { MenuButton, type MenuAction } from '../ui/MenuButton.js';
import { AlertsButton } from '../panels/alerts/AlertsButton.js';
import { ProjectDialog, type ProjectDialogMode } from './ProjectDialog.js';
import { ExportYamlDialog, ImportYamlDialog } from './YamlDialogs.js';

type OpenDialog = ProjectDialogMode | 'import' | 'export' | null;

function ActionButtons({ actions }: { actions: MenuAction[] }) {
  return actions.map((a) => (
    <button key={a.label} type="button" onClick={a.run} disabled={a.disabled} title={a.title}>
      {a.label}
    </button>
  ));
}

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

  const project: MenuAction[] = [
    { label: 'New project', run: () => setDialog('new'), disabled: busy },
    { label: 'Open project', run: () => setDialog('open'), disabled: busy },
    { label: 'Save project as', run: () => setDialog('saveAs'), disabled: busy || !hasProject },
  ];
  const yaml: MenuAction[] = [
    { label: 'Import YAML', run: () => setDialog('import'), disabled: !hasProject },
    { label: 'Export YAML', run: () => setDialog('export'), disabled: !pipeline },
  ];
  // A menu item shows only while its toolbar group is hidden (styles.css, container queries on the toolbar width).
  const more = [
    ...project.map((a) => ({ ...a, className: 'overflow-project' })),
    ...yaml.map((a) => ({ ...a, className: 'overflow-yaml' })),
    { label: 'Group into component', run: askToGroupSelection, disabled: !pipeline || !hasSelection, title: 'Group the selected nodes into a reusable component (Ctrl+G)' },
    { label: 'Ungroup component', run: () => ungroupNode(), disabled: !single, title: 'Put the selected component node back as its nodes (Ctrl+Shift+G)' },
    { label: 'Keyboard shortcuts', run: showShortcutSheet },
  ];

  return (
    <header className="toolbar">
      <span className="brand">Plumb</span>
      <div role="group" aria-label="Project" className="tool-group collapse-first">
        <ActionButtons actions={project} />
      </div>
      <div role="group" aria-label="YAML" className="tool-group collapse-second">
        <ActionButtons actions={yaml} />
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
        <button type="button" onClick={autoLayout} disabled={!pipeline} title="Arrange the nodes in columns, left to right">
          Auto layout
        </button>
        <button type="button" onClick={() => fitView()} disabled={!pipeline} title="Frame the pipeline (at a zoom where cards stay readable)">
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
      <MenuButton label="More actions" text="More ▾" actions={more} className="overflow-menu" />
      {(dialog === 'new' || dialog === 'open' || dialog === 'saveAs') && <ProjectDialog mode={dialog} onClose={close} />}
      {dialog === 'import' && <ImportYamlDialog onClose={close} />}
      {dialog === 'export' && <ExportYamlDialog onClose={close} />}
    </header>
  );
}
