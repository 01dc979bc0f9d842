// The node-graph canvas: React Flow fed from the canvas store, connections checked against port types (with the
// reason shown when refused), node types dropped from the palette or quick-added (double-click or `/`), and an
// overview mini map in its own strip beside the drawing area, collapsed until asked for.
import { Background, ControlButton, Controls, MiniMap, ReactFlow, useNodesInitialized, type Connection, type Edge, type FinalConnectionState, type ReactFlowInstance } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { CanvasContextMenu, openNodeMenu } from './CanvasContextMenu.js';
import { GroupComponentDialog } from './GroupComponentDialog.js';
import { catalogFor } from '../state/document/catalog.js';
import { useCanvasStore } from '../state/canvas.js';
import { useGraphStore } from '../state/graph.js';
import { useNoticesStore } from '../state/notices.js';
import { useQuickAddStore } from '../state/quick-add.js';
import { useSelectionStore } from '../state/selection.js';
import { addNodeAt, connectPorts } from './commands.js';
import { carriesFiles, dropDataFiles } from './file-drop.js';
import { checkConnection } from './connection-rules.js';
import type { PlumbFlowEdge, PlumbFlowNode } from '../state/document/flow-elements.js';
import { nodeTypes } from './node-types.js';
import { NODE_DRAG_TYPE } from './palette-filter.js';
import { QuickAdd } from './QuickAdd.js';
import { centreOnNode, fitView, registerViewport, screenToFlow } from './viewport.js';

const isValidConnection = (connection: Connection | Edge): boolean => checkConnection(useGraphStore.getState().doc, catalogFor(useGraphStore.getState().doc), connection).ok;

const onConnect = (connection: Connection): void => {
  connectPorts(connection);
};

function explainRefusal(_event: MouseEvent | TouchEvent, state: FinalConnectionState): void {
  if (state.isValid !== false || !state.fromHandle || !state.toHandle) return;
  const { fromHandle: from, toHandle: to } = state;
  if (from.type === to.type) {
    useNoticesStore.getState().refuseConnection(`Cannot connect two ${from.type === 'source' ? 'outputs' : 'inputs'}: connect an output to an input`);
    return;
  }
  const [out, into] = from.type === 'source' ? [from, to] : [to, from];
  const check = checkConnection(useGraphStore.getState().doc, catalogFor(useGraphStore.getState().doc), { source: out.nodeId, sourceHandle: out.id, target: into.nodeId, targetHandle: into.id });
  if (!check.ok) useNoticesStore.getState().refuseConnection(check.reason);
}

/** Double-click on the empty canvas (not on a card, a port or a control) opens quick add there. */
function onCanvasDoubleClick(event: ReactMouseEvent): void {
  if (!useGraphStore.getState().pipeline || !(event.target instanceof Element) || !event.target.classList.contains('react-flow__pane')) return;
  const screen = { x: event.clientX, y: event.clientY };
  useQuickAddStore.getState().show({ screen, flow: screenToFlow(screen) });
}

function MiniMapToggle({ shown, onToggle }: { shown: boolean; onToggle(): void }) {
  const label = shown ? 'Hide mini map' : 'Show mini map';
  return (
    <ControlButton onClick={onToggle} aria-label={label} aria-pressed={shown} title={label}>
      <svg viewBox="0 0 16 16" aria-hidden="true">
        <rect x="1.5" y="2.5" width="13" height="11" rx="1" fill="none" stroke="currentColor" />
        <rect x="8" y="8" width="5" height="4" fill="currentColor" />
      </svg>
    </ControlButton>
  );
}

export function Canvas() {
  const nodes = useCanvasStore((s) => s.nodes);
  const edges = useCanvasStore((s) => s.edges);
  const onNodesChange = useCanvasStore((s) => s.onNodesChange);
  const onEdgesChange = useCanvasStore((s) => s.onEdgesChange);
  const pipeline = useGraphStore((s) => s.pipeline);
  const focus = useSelectionStore((s) => s.focus);
  const wrapper = useRef<HTMLDivElement>(null);
  const measured = useNodesInitialized();
  const [fittedFor, setFittedFor] = useState<string | null>(null);
  const [miniMap, setMiniMap] = useState(false);

  // A newly opened pipeline is framed once its cards have been measured.
  useEffect(() => {
    if (!pipeline || pipeline === fittedFor || !measured) return;
    setFittedFor(pipeline);
    fitView(0);
  }, [pipeline, fittedFor, measured]);

  useEffect(() => {
    if (focus) centreOnNode(focus.node);
  }, [focus]);

  const onInit = useCallback((instance: ReactFlowInstance<PlumbFlowNode, PlumbFlowEdge>) => {
    registerViewport(instance, wrapper.current ?? undefined);
  }, []);

  const onNodeContextMenu = useCallback((event: ReactMouseEvent, node: PlumbFlowNode) => {
    if (node.data.inner) return;
    event.preventDefault();
    const box = wrapper.current?.getBoundingClientRect();
    openNodeMenu(node.id, { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) });
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_DRAG_TYPE) && !(carriesFiles(event.dataTransfer) && useGraphStore.getState().pipeline)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((event: DragEvent) => {
    const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
    if (!type && event.dataTransfer.files.length > 0 && useGraphStore.getState().pipeline) {
      // A CSV/Parquet file from the desktop becomes its reader node here (uploaded into the project in a browser).
      event.preventDefault();
      void dropDataFiles([...event.dataTransfer.files], screenToFlow({ x: event.clientX, y: event.clientY }));
      return;
    }
    if (!type) return;
    event.preventDefault();
    addNodeAt(type, screenToFlow({ x: event.clientX, y: event.clientY }));
  }, []);

  return (
    <div className="canvas-frame">
      <div className="canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop} onDoubleClick={onCanvasDoubleClick}>
        <ReactFlow<PlumbFlowNode, PlumbFlowEdge>
          aria-label="Pipeline canvas"
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={explainRefusal}
          isValidConnection={isValidConnection}
          onInit={onInit}
          onNodeContextMenu={onNodeContextMenu}
          onSelectionContextMenu={(event, selected) => selected[0] && onNodeContextMenu(event, selected[0])}
          deleteKeyCode={null}
          zoomOnDoubleClick={false}
          minZoom={0.2}
          maxZoom={2}
        >
          <Background gap={20} />
          <Controls aria-label="Zoom controls" showFitView={false}>
            <ControlButton onClick={() => fitView()} aria-label="Frame the pipeline" title="Frame the pipeline (at a readable zoom)">
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <path d="M1.5 5V1.5H5M11 1.5h3.5V5M14.5 11v3.5H11M5 14.5H1.5V11" fill="none" stroke="currentColor" strokeWidth="1.5" />
              </svg>
            </ControlButton>
            <MiniMapToggle shown={miniMap} onToggle={() => setMiniMap((m) => !m)} />
          </Controls>
        </ReactFlow>
        {!pipeline && <p className="canvas-empty">No pipeline open. Create one with “New pipeline”.</p>}
        {pipeline && nodes.length === 0 && <p className="canvas-empty">Empty pipeline: drag a node from the palette, or double-click here (or press /) to search for one. To start from a data file, use New from CSV above; press ? for keyboard shortcuts.</p>}
        <QuickAdd />
        <CanvasContextMenu />
        <GroupComponentDialog />
      </div>
      {miniMap && (
        <aside className="overview" aria-label="Overview">
          <MiniMap pannable zoomable ariaLabel="Mini map" position="top-left" style={{ width: 200, height: 150 }} bgColor="#ffffff" maskColor="rgb(225 230 238 / 0.7)" nodeColor="#9fb3cf" nodeStrokeColor="#5b7aa6" />
        </aside>
      )}
    </div>
  );
}
