// The canvas viewport's controls, registered by the canvas once React Flow is ready, for commands outside it
// (toolbar Fit view, adding a node where the user looks, centring a node that failed or was picked in Problems).
import type { ReactFlowInstance } from '@xyflow/react';
import type { PlumbFlowEdge, PlumbFlowNode } from '../state/document/flow-elements.js';
import type { Box } from '../state/document/placement.js';
import { FIT_PADDING_PX, MAX_FIT_ZOOM, MIN_READABLE_ZOOM, readableViewport } from './readable-zoom.js';

type Flow = ReactFlowInstance<PlumbFlowNode, PlumbFlowEdge>;

let flow: Flow | undefined;
let pane: HTMLElement | undefined;

export function registerViewport(instance: Flow, element: HTMLElement | undefined): void {
  flow = instance;
  pane = element;
}

/** Frame the pipeline, but never below the zoom where card text stays readable (then its start is shown). */
export function fitView(duration = 200): void {
  if (!flow || !pane) return;
  // Inner nodes of an expanded component sit inside its frame (and their positions are relative to it).
  const boxes = flow.getNodes().filter((n) => !n.parentId).map((n) => ({ ...n.position, width: n.measured?.width ?? 220, height: n.measured?.height ?? 120 }));
  if (boxes.length === 0) return;
  const box = pane.getBoundingClientRect();
  const viewport = readableViewport(boxes, { width: box.width, height: box.height }, { padding: FIT_PADDING_PX, minZoom: MIN_READABLE_ZOOM, maxZoom: MAX_FIT_ZOOM });
  void flow.setViewport(viewport, { duration });
}

/** The part of the canvas on screen, in flow coordinates. */
export function visibleFlowRect(): Box | undefined {
  if (!flow || !pane) return undefined;
  const box = pane.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return undefined;
  const topLeft = flow.screenToFlowPosition({ x: box.left, y: box.top });
  const bottomRight = flow.screenToFlowPosition({ x: box.right, y: box.bottom });
  return { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
}

/** Bring a node to the middle of the view at a readable zoom. */
export function centreOnNode(id: string): void {
  // An inner node of a collapsed component (`prep/split`, as runs name it) is shown by its component node.
  const node = flow?.getInternalNode(id) ?? flow?.getInternalNode(id.split('/')[0]);
  if (!flow || !node) return;
  const width = node.measured.width ?? 220;
  const height = node.measured.height ?? 120;
  const zoom = Math.max(flow.getZoom(), MIN_READABLE_ZOOM);
  void flow.setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + height / 2, { zoom, duration: 250 });
}

export function screenToFlow(point: { x: number; y: number }): { x: number; y: number } {
  return flow ? flow.screenToFlowPosition(point) : point;
}
