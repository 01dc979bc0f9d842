// The app shell: toolbar on top, pipelines tabs, palette | canvas | inspector, the outputs panel and a status bar.
import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from '../editor/Canvas.js';
import { Inspector } from '../editor/Inspector.js';
import { Palette } from '../editor/Palette.js';
import { OutputPanel } from '../panels/OutputPanel.js';
import { ConnectionNotice, ErrorNotices, FailureToast } from './Notices.js';
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
        <div className="workspace" id="workspace">
          <Palette />
          <main className="canvas-area" aria-label="Editor">
            <Canvas />
            <ConnectionNotice />
            <FailureToast />
          </main>
          <Inspector />
        </div>
        <OutputPanel />
        <StatusBar />
        <ErrorNotices />
      </div>
    </ReactFlowProvider>
  );
}
