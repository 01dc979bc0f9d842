// The node-graph canvas: React Flow fed from the canvas store, connections checked against port types (with the
// reason shown when refused), and node types dropped from the palette.
import { Background, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow, type Connection, type Edge, type FinalConnectionState, type ReactFlowInstance } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { nodeCatalog } from '../../shared/catalog/index.js';
import { useCanvasStore } from '../state/canvas.js';
import { useGraphStore } from '../state/graph.js';
import { useNoticesStore } from '../state/notices.js';
import { addNodeAt, connectPorts } from './commands.js';
import { checkConnection } from './connection-rules.js';
import type { PlumbFlowEdge, PlumbFlowNode } from './flow-elements.js';
import { nodeTypes } from './node-types.js';
import { NODE_DRAG_TYPE } from './palette-filter.js';
import { registerViewport } from './viewport.js';

const isValidConnection = (connection: Connection | Edge): boolean => checkConnection(useGraphStore.getState().doc, nodeCatalog, connection).ok;

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
  const check = checkConnection(useGraphStore.getState().doc, nodeCatalog, { source: out.nodeId, sourceHandle: out.id, target: into.nodeId, targetHandle: into.id });
  if (!check.ok) useNoticesStore.getState().refuseConnection(check.reason);
}

export function Canvas() {
  const nodes = useCanvasStore((s) => s.nodes);
  const edges = useCanvasStore((s) => s.edges);
  const onNodesChange = useCanvasStore((s) => s.onNodesChange);
  const onEdgesChange = useCanvasStore((s) => s.onEdgesChange);
  const pipeline = useGraphStore((s) => s.pipeline);
  const wrapper = useRef<HTMLDivElement>(null);
  const { screenToFlowPosition, fitView } = useReactFlow();
  const measured = useNodesInitialized();
  const [fittedFor, setFittedFor] = useState<string | null>(null);

  // A newly opened pipeline is framed once its cards have been measured.
  useEffect(() => {
    if (!pipeline || pipeline === fittedFor || !measured) return;
    setFittedFor(pipeline);
    void fitView({ padding: 0.2, maxZoom: 1 });
  }, [pipeline, fittedFor, measured, fitView]);

  const onInit = useCallback((instance: ReactFlowInstance<PlumbFlowNode, PlumbFlowEdge>) => {
    registerViewport(instance, wrapper.current ?? undefined);
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
      if (!type) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addNodeAt(type, at);
    },
    [screenToFlowPosition],
  );

  return (
    <div className="canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop}>
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
        deleteKeyCode={null}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.2}
        maxZoom={2}
      >
        <Background gap={20} />
        <Controls aria-label="Zoom controls" />
        <MiniMap pannable zoomable ariaLabel="Mini map" />
      </ReactFlow>
      {!pipeline && <p className="canvas-empty">No pipeline open. Create one with “New pipeline”.</p>}
    </div>
  );
}
