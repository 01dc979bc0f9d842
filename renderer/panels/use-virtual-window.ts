// The scrolling half of a virtualized table (runs, data grid): which rows and columns to draw for the scroll
// position and the viewport's size. Rows and columns are drawn with a margin, and scrolling renders again only
// when what is on screen leaves what is drawn — in between, the browser moves the drawn cells itself — and that
// render is a transition, so React splits it into short tasks instead of blocking a frame.
import { startTransition, useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { columnWindow, gridWindow, windowCovers, type ColumnWindow, type GridWindow } from './grid-window.js';

const OVERSCAN_ROWS = 12;
const OVERSCAN_PX = 240;

export interface VirtualWindowOptions {
  rowCount: number;
  rowHeight: number;
  /** height of the sticky header inside the scroller */
  headerHeight: number;
  columnWidths: readonly number[];
  /** width of what precedes the first column and is always drawn (row index, selection box) */
  leadingWidth: number;
}

export interface VirtualWindow {
  scroller: RefObject<HTMLDivElement | null>;
  onScroll: () => void;
  rows: GridWindow;
  columns: ColumnWindow;
}

export function useVirtualWindow({ rowCount, rowHeight, headerHeight, columnWidths, leadingWidth }: VirtualWindowOptions): VirtualWindow {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ width: 800, height: 400 });
  const [position, setPosition] = useState({ top: 0, left: 0 });

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport({ width: element.clientWidth, height: element.clientHeight });
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    measure();
    return () => observer.disconnect();
  }, []);

  const bodyHeight = Math.max(0, viewport.height - headerHeight);
  const rows = gridWindow(position.top, bodyHeight, rowCount, rowHeight, OVERSCAN_ROWS);
  const columns = columnWindow(columnWidths, leadingWidth, position.left, viewport.width, OVERSCAN_PX);

  // What the scroll handler compares against: the latest render's inputs and drawn window.
  const latest = useRef({ rows, columns, bodyHeight, rowCount, rowHeight, columnWidths, leadingWidth, width: viewport.width });
  latest.current = { rows, columns, bodyHeight, rowCount, rowHeight, columnWidths, leadingWidth, width: viewport.width };

  const frame = useRef(0);
  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const element = scroller.current;
      if (!element) return;
      const top = element.scrollTop;
      const left = element.scrollLeft;
      const drawn = latest.current;
      // Past the capped scroll height rows move proportionally to the scroll bar: every position needs a render.
      const capped = drawn.rows.totalHeight < drawn.rowCount * drawn.rowHeight;
      if (capped) {
        setPosition({ top, left });
        return;
      }
      const neededRows = gridWindow(top, drawn.bodyHeight, drawn.rowCount, drawn.rowHeight, 0);
      const neededColumns = columnWindow(drawn.columnWidths, drawn.leadingWidth, left, drawn.width, 0);
      const span = (c: ColumnWindow) => ({ first: c.first, count: c.end - c.first });
      if (windowCovers(drawn.rows, neededRows) && windowCovers(span(drawn.columns), span(neededColumns))) return;
      startTransition(() => setPosition({ top, left }));
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  return { scroller, onScroll, rows, columns };
}
