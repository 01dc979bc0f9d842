// Which rows of a long table to draw for a scroll position. Past ~10M px browsers stop scrolling reliably, so a
// taller table is mapped onto a capped scroll height: the scrollbar then moves through rows proportionally.

export const MAX_SCROLL_HEIGHT = 10_000_000;

export interface GridWindow {
  /** first row index to draw */
  first: number;
  /** rows to draw from `first` */
  count: number;
  /** y of row `first` inside the scrolled content, in px */
  offsetY: number;
  /** height of the scrolled content, in px */
  totalHeight: number;
}

export function gridWindow(scrollTop: number, viewportHeight: number, rowCount: number, rowHeight: number, overscan = 4): GridWindow {
  const natural = rowCount * rowHeight;
  const totalHeight = Math.min(natural, MAX_SCROLL_HEIGHT);
  if (rowCount === 0 || viewportHeight <= 0) return { first: 0, count: 0, offsetY: 0, totalHeight };
  const maxScroll = Math.max(0, totalHeight - viewportHeight);
  const top = Math.min(Math.max(0, scrollTop), maxScroll);
  const visibleRows = viewportHeight / rowHeight;
  // Row index (fractional) at the top edge of the viewport.
  const topRow = natural <= MAX_SCROLL_HEIGHT || maxScroll === 0 ? top / rowHeight : (top / maxScroll) * Math.max(0, rowCount - visibleRows);
  const first = Math.max(0, Math.floor(topRow) - overscan);
  const last = Math.min(rowCount, Math.ceil(topRow + visibleRows) + overscan);
  return { first, count: last - first, offsetY: top - (topRow - first) * rowHeight, totalHeight };
}

/** Page numbers (of `pageSize` rows) holding rows first … first+count−1. */
export function pagesCovering(first: number, count: number, pageSize: number): number[] {
  if (count <= 0) return [];
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor((first + count - 1) / pageSize); p++) pages.push(p);
  return pages;
}

/** Columns `first` … `end`−1 of a row are drawn; the rest of the row is empty grid tracks. */
export interface ColumnWindow {
  first: number;
  end: number;
}

/**
 * Which columns intersect the horizontal viewport, widened by `overscanPx` either side. `leading` is the width of
 * what precedes the first column (an index or selection column that is always drawn).
 */
export function columnWindow(widths: readonly number[], leading: number, scrollLeft: number, viewportWidth: number, overscanPx = 200): ColumnWindow {
  const from = scrollLeft - overscanPx;
  const to = scrollLeft + viewportWidth + overscanPx;
  let x = leading;
  let first = widths.length;
  let end = widths.length;
  for (let j = 0; j < widths.length; j++) {
    const right = x + widths[j];
    if (first === widths.length && right > from) first = j;
    if (x >= to) {
      end = j;
      break;
    }
    x = right;
  }
  return { first: Math.min(first, end), end };
}

/**
 * Whether what is drawn (`drawn`) still covers what must be on screen (`needed`): while it does, scrolling needs
 * no new render, the browser moves the drawn rows and columns itself.
 */
export function windowCovers(drawn: { first: number; count: number }, needed: { first: number; count: number }): boolean {
  return needed.count === 0 || (needed.first >= drawn.first && needed.first + needed.count <= drawn.first + drawn.count);
}
