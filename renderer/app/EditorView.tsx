// The editor workspace: palette | canvas | inspector, with the outputs panel below.
import { Canvas } from '../editor/Canvas.js';
import { Inspector } from '../editor/Inspector.js';
import { Palette } from '../editor/Palette.js';
import { OutputPanel } from '../panels/OutputPanel.js';
import { ConnectionNotice, FailureToast } from './Notices.js';

export function EditorView() {
  return (
    <>
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
    </>
  );
}
