// A virtualized table of an output: only the rows in view are in the DOM, and their pages are fetched when
// scrolled to, so a million rows scroll like a hundred. Keyboard: arrows, Page Up/Down, Home/End.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { loadPage, outputKey, pageKey, PAGE_SIZE, useOutputsStore, type TableRow } from '../state/outputs.js';
import { gridWindow, pagesCovering } from './grid-window.js';

export const ROW_HEIGHT = 26;
const HEADER_HEIGHT = 30;
const INDEX_WIDTH = 72;

export interface DataGridProps {
  runId: string;
  node: string;
  port: string;
  columns: { name: string; type: string }[];
  rowCount: number;
}

const isNumericType = (type: string) => /INT|DOUBLE|FLOAT|DECIMAL|REAL|NUMERIC|HUGEINT/i.test(type);

/** Wide enough for the header and the first rows' values, within limits. */
function columnWidth(name: string, type: string, samples: string[]): number {
  const longest = Math.max(name.length, type.length * 0.8, ...samples.map((v) => v.length * 0.9));
  return Math.min(280, Math.max(80, 20 + 8 * longest));
}

function formatCell(value: TableRow[number] | undefined): string {
  if (value === undefined) return '…';
  if (value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(8)));
  return String(value);
}

export function DataGrid({ runId, node, port, columns, rowCount }: DataGridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(300);
  const key = outputKey(runId, node, port);
  const pages = useOutputsStore((s) => s.pages);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  const firstPage = pages[pageKey(key, 0)];
  const widths = useMemo(
    () => columns.map((c, j) => columnWidth(c.name, c.type, (firstPage ?? []).slice(0, 50).map((row) => formatCell(row[j])))),
    [columns, firstPage],
  );
  const template = `${INDEX_WIDTH}px ${widths.map((w) => `${w}px`).join(' ')}`;
  const totalWidth = INDEX_WIDTH + widths.reduce((a, b) => a + b, 0);
  const view = gridWindow(scrollTop, Math.max(0, height - HEADER_HEIGHT), rowCount, ROW_HEIGHT);

  useEffect(() => {
    for (const page of pagesCovering(view.first, view.count, PAGE_SIZE)) void loadPage(runId, node, port, page);
  }, [runId, node, port, view.first, view.count]);

  const rowAt = (index: number): TableRow | undefined => pages[pageKey(key, Math.floor(index / PAGE_SIZE))]?.[index % PAGE_SIZE];

  const onKeyDown = (e: KeyboardEvent) => {
    const element = scroller.current;
    if (!element) return;
    const pageHeight = element.clientHeight - HEADER_HEIGHT;
    const moves: Record<string, number> = { ArrowDown: ROW_HEIGHT, ArrowUp: -ROW_HEIGHT, PageDown: pageHeight, PageUp: -pageHeight };
    if (e.key in moves) element.scrollTop += moves[e.key];
    else if (e.key === 'Home') element.scrollTop = 0;
    else if (e.key === 'End') element.scrollTop = element.scrollHeight;
    else return;
    e.preventDefault();
  };

  const rows = [];
  for (let i = 0; i < view.count; i++) {
    const index = view.first + i;
    const row = rowAt(index);
    rows.push(
      <div role="row" aria-rowindex={index + 2} key={index} className={`grid-row${index % 2 ? ' odd' : ''}`} style={{ gridTemplateColumns: template, height: ROW_HEIGHT }}>
        <div role="rowheader" className="grid-index">
          {index + 1}
        </div>
        {columns.map((c, j) => {
          const value = row?.[j];
          return (
            <div role="gridcell" key={c.name} className={`grid-cell${isNumericType(c.type) ? ' num' : ''}${value === null ? ' null' : ''}`} title={value === null ? 'missing' : undefined}>
              {formatCell(row ? value : undefined)}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      className="grid"
      role="grid"
      aria-label={`Rows of ${node}.${port}`}
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length + 1}
      aria-readonly="true"
      tabIndex={0}
      onKeyDown={onKeyDown}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div role="rowgroup" className="grid-head" style={{ width: totalWidth }}>
        <div role="row" aria-rowindex={1} className="grid-row" style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}>
          <div role="columnheader" className="grid-index">
            #
          </div>
          {columns.map((c) => (
            <div role="columnheader" key={c.name} className={`grid-header${isNumericType(c.type) ? ' num' : ''}`} title={`${c.name}: ${c.type}`}>
              <span className="grid-name">{c.name}</span>
              <span className="grid-type">{c.type}</span>
            </div>
          ))}
        </div>
      </div>
      <div className="grid-body" style={{ height: view.totalHeight, width: totalWidth }}>
        <div role="rowgroup" className="grid-rows" style={{ transform: `translateY(${view.offsetY}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
