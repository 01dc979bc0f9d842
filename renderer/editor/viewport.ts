// The canvas viewport's controls, registered by the canvas once React Flow is ready, for commands outside it
// (toolbar Fit view, adding a node at the centre, pasting where the user looks).
import type { ReactFlowInstance } from '@xyflow/react';
import type { PlumbFlowEdge, PlumbFlowNode } from './flow-elements.js';

type Flow = ReactFlowInstance<PlumbFlowNode, PlumbFlowEdge>;

let flow: Flow | undefined;
let pane: HTMLElement | undefined;

export function registerViewport(instance: Flow, element: HTMLElement | undefined): void {
  flow = instance;
  pane = element;
}

export function fitView(): void {
  void flow?.fitView({ padding: 0.2, maxZoom: 1, duration: 200 });
}

/** The flow coordinates of the middle of the visible canvas. */
export function viewportCentre(): { x: number; y: number } {
  if (!flow || !pane) return { x: 0, y: 0 };
  const box = pane.getBoundingClientRect();
  return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
}

export function screenToFlow(point: { x: number; y: number }): { x: number; y: number } {
  return flow ? flow.screenToFlowPosition(point) : point;
}
