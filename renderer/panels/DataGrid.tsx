// A virtualized table of an output: only the rows in view are in the DOM, and their pages are fetched when
// scrolled to, so a million rows scroll like a hundred. Keyboard: arrows, Page Up/Down, Home/End.
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { loadPage, outputKey, pageKey, PAGE_SIZE, useOutputsStore, viewKey, type TableRow, type TableView } from '../state/outputs.js';
import { pagesCovering } from './grid-window.js';
import { useVirtualWindow } from './use-virtual-window.js';

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

/** Header clicks cycle a column through ascending, descending and the table's own order. */
function nextSort(current: TableView['sort'], column: string): TableView['sort'] {
  if (current?.column !== column) return { column, descending: false };
  return current.descending ? undefined : { column, descending: true };
}

const SEARCH_DELAY_MS = 250;

export function DataGrid({ runId, node, port, columns, rowCount: tableRows }: DataGridProps) {
  const key = outputKey(runId, node, port);
  const pages = useOutputsStore((s) => s.pages);
  const [tableView, setTableView] = useState<TableView>({});
  const [searchText, setSearchText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setTableView((v) => ({ ...v, search: searchText })), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText]);
  const rowsKey = viewKey(key, tableView);
  const viewRows = useOutputsStore((s) => s.viewRowCounts[rowsKey]);
  // A sorted or searched view knows its row count once its first page is back.
  const rowCount = rowsKey === key ? tableRows : (viewRows ?? 0);
  useEffect(() => {
    if (rowsKey !== key) void loadPage(runId, node, port, 0, tableView);
  }, [runId, node, port, rowsKey, key, tableView]);

  const firstPage = pages[pageKey(key, 0)];
  const widths = useMemo(
    () => columns.map((c, j) => columnWidth(c.name, c.type, (firstPage ?? []).slice(0, 50).map((row) => formatCell(row[j])))),
    [columns, firstPage],
  );
  const template = `${INDEX_WIDTH}px ${widths.map((w) => `${w}px`).join(' ')}`;
  const totalWidth = INDEX_WIDTH + widths.reduce((a, b) => a + b, 0);
  const { scroller, onScroll, rows: view, columns: drawn } = useVirtualWindow({
    rowCount,
    rowHeight: ROW_HEIGHT,
    headerHeight: HEADER_HEIGHT,
    columnWidths: widths,
    leadingWidth: INDEX_WIDTH,
  });

  useEffect(() => {
    for (const page of pagesCovering(view.first, view.count, PAGE_SIZE)) void loadPage(runId, node, port, page, tableView);
  }, [runId, node, port, view.first, view.count, tableView]);
  // A new order or search starts at the top.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [rowsKey, scroller]);

  const rowAt = (index: number): TableRow | undefined => pages[pageKey(rowsKey, Math.floor(index / PAGE_SIZE))]?.[index % PAGE_SIZE];

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
    const cells = [];
    for (let j = drawn.first; j < drawn.end; j++) {
      const value = row?.[j];
      cells.push(
        <div
          role="gridcell"
          key={columns[j].name}
          aria-colindex={j + 2}
          style={{ gridColumn: j + 2 }}
          className={`grid-cell${isNumericType(columns[j].type) ? ' num' : ''}${value === null ? ' null' : ''}`}
          title={value === null ? 'missing' : undefined}
        >
          {formatCell(row ? value : undefined)}
        </div>,
      );
    }
    rows.push(
      <div role="row" aria-rowindex={index + 2} key={index} className={`grid-row${index % 2 ? ' odd' : ''}`} style={{ gridTemplateColumns: template, height: ROW_HEIGHT }}>
        <div role="rowheader" aria-colindex={1} className="grid-index">
          {index + 1}
        </div>
        {cells}
      </div>,
    );
  }

  const searching = rowsKey !== key;
  return (
    <div className="grid-frame">
      <div className="grid-tools" role="group" aria-label={`Find rows of ${node}.${port}`}>
        <input type="search" value={searchText} onChange={(e) => setSearchText(e.target.value)} placeholder="Search rows…" aria-label="Search rows" maxLength={200} />
        <span role="status" aria-label="Rows shown" className="muted small">
          {searching && viewRows === undefined ? 'Searching…' : searching && tableView.search?.trim() ? `${rowCount.toLocaleString('en-US')} of ${tableRows.toLocaleString('en-US')} rows` : `${tableRows.toLocaleString('en-US')} rows`}
        </span>
      </div>
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
      onScroll={onScroll}
    >
      <div role="rowgroup" className="grid-head" style={{ width: totalWidth }}>
        <div role="row" aria-rowindex={1} className="grid-row" style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}>
          <div role="columnheader" className="grid-index">
            #
          </div>
          {columns.map((c) => {
            const sorted = tableView.sort?.column === c.name ? tableView.sort : undefined;
            return (
              <div
                role="columnheader"
                key={c.name}
                aria-sort={sorted ? (sorted.descending ? 'descending' : 'ascending') : undefined}
                className={`grid-header${isNumericType(c.type) ? ' num' : ''}`}
                title={`${c.name}: ${c.type} — click to sort`}
              >
                <button type="button" className="grid-sort" onClick={() => setTableView((v) => ({ ...v, sort: nextSort(v.sort, c.name) }))} aria-label={`Sort by ${c.name}`}>
                  <span className="grid-name">
                    {c.name}
                    {sorted && <span aria-hidden="true">{sorted.descending ? ' ▼' : ' ▲'}</span>}
                  </span>
                  <span className="grid-type">{c.type}</span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div className="grid-body" style={{ height: view.totalHeight, width: totalWidth }}>
        <div role="rowgroup" className="grid-rows" style={{ transform: `translateY(${view.offsetY}px)` }}>
          {rows}
        </div>
      </div>
    </div>
    </div>
  );
}
