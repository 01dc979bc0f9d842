// Where a new card goes: beside the card it follows (or in the middle of the view), inside the visible part of the
// canvas, on a spot no other card covers.
import type { LayoutPosition } from '../../../shared/pipeline/schema.js';
import { COLUMN_GAP, ROW_GAP, type NodeSize } from './auto-layout.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room kept free around a new card. */
export const PLACEMENT_MARGIN = 24;

export function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
  return a.x < b.x + b.width + margin && b.x < a.x + a.width + margin && a.y < b.y + b.height + margin && b.y < a.y + a.height + margin;
}

export function insideBox(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

/** `p` moved just enough for a card of `size` there to be inside `view` (top-left wins when it cannot fit). */
export function clampInto(p: LayoutPosition, size: NodeSize, view: Box): LayoutPosition {
  const x = Math.max(view.x, Math.min(p.x, view.x + view.width - size.width));
  const y = Math.max(view.y, Math.min(p.y, view.y + view.height - size.height));
  return { x, y };
}

/**
 * The top-left corner for a new card of `size`: right of `anchor` when given (else centred in `view`), moved to
 * the nearest spot that is inside `view` and overlaps none of `others`. Nearest counts a step left as two steps
 * right, so cards follow the flow of the pipeline. When no free spot is visible the nearest free one is used, and
 * when none is free at all, the preferred spot clamped into the view.
 */
export function placeNewCard(size: NodeSize, view: Box, others: readonly Box[], anchor?: Box): LayoutPosition {
  const wanted = anchor ? { x: anchor.x + anchor.width + COLUMN_GAP, y: anchor.y } : { x: view.x + (view.width - size.width) / 2, y: view.y + (view.height - size.height) / 2 };
  const start = clampInto(wanted, size, view);
  const stepX = size.width + COLUMN_GAP / 2;
  const stepY = size.height / 2 + ROW_GAP / 2;
  const candidates: { p: LayoutPosition; cost: number }[] = [];
  for (let column = -4; column <= 8; column++) {
    for (let row = -10; row <= 10; row++) {
      candidates.push({ p: { x: start.x + column * stepX, y: start.y + row * stepY }, cost: Math.hypot(column < 0 ? -2 * column : column, Math.abs(row) / 2) });
    }
  }
  candidates.sort((a, b) => a.cost - b.cost);
  const isFree = (p: LayoutPosition) => others.every((o) => !boxesOverlap({ ...p, ...size }, o, PLACEMENT_MARGIN));
  const visible = (p: LayoutPosition) => insideBox({ ...p, ...size }, view);
  const chosen = candidates.find((c) => visible(c.p) && isFree(c.p)) ?? candidates.find((c) => isFree(c.p));
  const p = chosen?.p ?? start;
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
