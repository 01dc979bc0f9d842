// The app shell: toolbar on top, pipelines tabs, the editor workspace, a status bar.
import { ReactFlowProvider } from '@xyflow/react';
import { EditorView } from './EditorView.js';
import { ErrorNotices } from './Notices.js';
import { PipelineTabs } from './PipelineTabs.js';
import { StatusBar } from './StatusBar.js';
import { Toolbar } from './Toolbar.js';
import { useShortcuts } from './useShortcuts.js';

export function App() {
  useShortcuts();
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <PipelineTabs />
        <EditorView />
        <StatusBar />
        <ErrorNotices />
      </div>
    </ReactFlowProvider>
  );
}
