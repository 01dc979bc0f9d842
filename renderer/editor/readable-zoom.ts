// Fit view that keeps cards readable: the smallest card text is 11 px, so below MIN_READABLE_ZOOM it would drop
// under ~10 px on screen. When the whole pipeline does not fit at that zoom, the view shows where it starts.
import type { Box } from '../state/document/placement.js';

export const MIN_READABLE_ZOOM = 0.9;
export const MAX_FIT_ZOOM = 1;
export const FIT_PADDING_PX = 32;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

function boundsOf(boxes: readonly Box[]): Box {
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * The viewport (React Flow's translate + zoom) that frames the cards `boxes` in a pane of `pane` pixels with
 * `padding` pixels around, zoomed between `minZoom` and `maxZoom`. When everything fits it is centred. When the
 * pipeline is too wide, its left edge is shown and the view is centred (vertically) on the cards of that first
 * screenful — the sources, where a reader starts — rather than on the whole pipeline's top edge.
 */
export function readableViewport(boxes: readonly Box[], pane: { width: number; height: number }, options: { padding: number; minZoom: number; maxZoom: number }): Viewport {
  const { padding, minZoom, maxZoom } = options;
  const bounds = boundsOf(boxes);
  const room = { width: Math.max(1, pane.width - 2 * padding), height: Math.max(1, pane.height - 2 * padding) };
  const wanted = Math.min(room.width / Math.max(1, bounds.width), room.height / Math.max(1, bounds.height));
  const zoom = Math.min(maxZoom, Math.max(minZoom, wanted));
  const fitsWide = bounds.width * zoom <= room.width;
  const x = fitsWide ? (pane.width - bounds.width * zoom) / 2 - bounds.x * zoom : padding - bounds.x * zoom;
  const visibleRight = bounds.x + room.width / zoom;
  const first = fitsWide ? bounds : boundsOf(boxes.filter((b) => b.x < visibleRight));
  const y = first.height * zoom <= room.height ? (pane.height - first.height * zoom) / 2 - first.y * zoom : padding - first.y * zoom;
  return { x, y, zoom };
}
