// The editor workspace: palette | canvas | inspector above the outputs panel, with draggable splitters between
// them (sizes remembered) and the outputs able to fill the whole editor.
import { Canvas } from '../editor/Canvas.js';
import { Inspector } from '../editor/Inspector.js';
import { Palette } from '../editor/Palette.js';
import { OutputPanel } from '../panels/OutputPanel.js';
import { PANEL_LIMITS, setPanelSize, usePanelSizes } from '../state/panel-sizes.js';
import { Splitter } from '../ui/Splitter.js';
import { ConnectionNotice, FailureToast } from './Notices.js';
import { ShortcutSheet } from './ShortcutSheet.js';

export function EditorView() {
  const { palette, inspector, outputs, outputsMaximized } = usePanelSizes();
  return (
    <div className={`editor-split${outputsMaximized ? ' outputs-maximized' : ''}`} style={{ gridTemplateRows: outputsMaximized ? 'minmax(0, 1fr)' : `minmax(120px, 1fr) auto minmax(0, ${outputs}px)` }}>
      <div className="workspace" id="workspace" hidden={outputsMaximized} style={{ gridTemplateColumns: `${palette}px auto minmax(240px, 1fr) auto ${inspector}px` }}>
        <Palette />
        <Splitter label="Resize the palette" orientation="vertical" size={palette} min={PANEL_LIMITS.palette.min} max={PANEL_LIMITS.palette.max} grows={1} onResize={(size) => setPanelSize('palette', size)} />
        <main className="canvas-area" aria-label="Editor">
          <Canvas />
          <ConnectionNotice />
          <FailureToast />
        </main>
        <Splitter label="Resize the inspector" orientation="vertical" size={inspector} min={PANEL_LIMITS.inspector.min} max={PANEL_LIMITS.inspector.max} grows={-1} onResize={(size) => setPanelSize('inspector', size)} />
        <Inspector />
      </div>
      {!outputsMaximized && (
        <Splitter label="Resize the outputs panel" orientation="horizontal" size={outputs} min={PANEL_LIMITS.outputs.min} max={PANEL_LIMITS.outputs.max} grows={-1} onResize={(size) => setPanelSize('outputs', size)} />
      )}
      <OutputPanel />
      <ShortcutSheet />
    </div>
  );
}
