// The runs table: virtualized (only the rows and columns in view are in the DOM) and paged from SQL as it scrolls,
// so 10,000 runs cost what 30 do. Headers sort (again: the other way); a row's box selects it, its id opens its
// detail.
import { memo, useEffect, useMemo } from 'react';
import { pagesCovering, type ColumnWindow } from '../../panels/grid-window.js';
import { useVirtualWindow } from '../../panels/use-virtual-window.js';
import { loadRunsPage, runAt, RUNS_PAGE_SIZE, showRunDetail, sortRunsBy, toggleRunSelected, useRunsStore, type RunListing } from '../../state/runs.js';
import { gridTemplate, runColumns, SELECT_WIDTH, shortRunId, type RunColumn } from './run-columns.js';

export const RUN_ROW_HEIGHT = 28;
const HEADER_HEIGHT = 32;

function HeaderRow({ columns, template }: { columns: RunColumn[]; template: string }) {
  const sort = useRunsStore((s) => s.sort);
  return (
    <div role="rowgroup" className="runs-head">
      <div role="row" aria-rowindex={1} className="runs-row" style={{ gridTemplateColumns: template }}>
        <div role="columnheader" className="runs-cell">
          <span className="visually-hidden">Selected</span>
        </div>
        {columns.map((c) => {
          const sorted = c.sortKey !== undefined && sort.key === c.sortKey;
          return (
            <div key={c.id} role="columnheader" className={`runs-cell${c.numeric ? ' num' : ''}`} aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : undefined} title={c.label}>
              {c.sortKey ? (
                <button type="button" className="sort-button" onClick={() => void sortRunsBy(c.sortKey!)} aria-label={`Sort by ${c.label}`}>
                  <span className="ellipsis">{c.label}</span>
                  {sorted && <span aria-hidden="true">{sort.descending ? '▼' : '▲'}</span>}
                </button>
              ) : (
                c.label
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Memoised: rows whose run, selection and drawn columns stay the same are not rendered again. */
const RunRow = memo(function RunRow({ run, row, columns, drawn, template, selected, open }: { run: RunListing | undefined; row: number; columns: RunColumn[]; drawn: ColumnWindow; template: string; selected: boolean; open: boolean }) {
  if (!run) {
    return (
      <div role="row" aria-rowindex={row + 2} className="runs-row is-loading" style={{ gridTemplateColumns: template }}>
        <div role="cell" className="runs-cell muted">…</div>
      </div>
    );
  }
  const short = shortRunId(run.id);
  const cells = [];
  for (let j = drawn.first; j < drawn.end; j++) {
    const c = columns[j];
    cells.push(
      <div key={c.id} role="cell" aria-colindex={j + 2} style={{ gridColumn: j + 2 }} className={`runs-cell text${c.numeric ? ' num' : ''}${c.id === 'status' ? ` status-${run.status}` : ''}`} title={c.id === 'id' ? run.id : undefined}>
        {c.id === 'id' ? (
          <button type="button" className="link-button" onClick={() => void showRunDetail(run.id)} aria-label={`Show run ${short}`}>
            {short}
          </button>
        ) : (
          c.text(run)
        )}
      </div>,
    );
  }
  return (
    <div role="row" aria-rowindex={row + 2} aria-selected={selected} className={`runs-row${selected ? ' is-selected' : ''}${open ? ' is-open' : ''}`} style={{ gridTemplateColumns: template }}>
      <div role="cell" aria-colindex={1} className="runs-cell">
        <input type="checkbox" checked={selected} onChange={() => toggleRunSelected(run.id)} aria-label={`Select run ${short}`} />
      </div>
      {cells}
    </div>
  );
});

export function RunsTable() {
  const total = useRunsStore((s) => s.total) ?? 0;
  const metricColumns = useRunsStore((s) => s.metricColumns);
  const pages = useRunsStore((s) => s.pages);
  const pageGeneration = useRunsStore((s) => s.pageGeneration);
  const generation = useRunsStore((s) => s.generation);
  const selected = useRunsStore((s) => s.selected);
  const openId = useRunsStore((s) => s.detail?.runId);
  const columns = useMemo(() => runColumns(metricColumns), [metricColumns]);
  const template = useMemo(() => gridTemplate(columns), [columns]);
  const widths = useMemo(() => columns.map((c) => c.width), [columns]);
  const width = useMemo(() => widths.reduce((w, c) => w + c, SELECT_WIDTH), [widths]);
  const { scroller, onScroll, rows: view, columns: drawnColumns } = useVirtualWindow({
    rowCount: total,
    rowHeight: RUN_ROW_HEIGHT,
    headerHeight: HEADER_HEIGHT,
    columnWidths: widths,
    leadingWidth: SELECT_WIDTH,
  });
  // One object per drawn range, so memoised rows see an unchanged prop while it stays the same.
  const drawn = useMemo(() => ({ first: drawnColumns.first, end: drawnColumns.end }), [drawnColumns.first, drawnColumns.end]);

  // A new filter or sort starts at the top.
  useEffect(() => {
    if (useRunsStore.getState().total === null && scroller.current) scroller.current.scrollTop = 0;
  }, [generation, scroller]);

  useEffect(() => {
    for (const page of pagesCovering(view.first, view.count, RUNS_PAGE_SIZE)) {
      if (pageGeneration[page] !== generation) void loadRunsPage(page);
    }
  }, [view.first, view.count, generation, pageGeneration]);

  const chosen = new Set(selected);
  const rows = [];
  for (let i = view.first; i < view.first + view.count; i++) {
    const run = runAt({ pages }, i);
    rows.push(<RunRow key={i} row={i} run={run} columns={columns} drawn={drawn} template={template} selected={!!run && chosen.has(run.id)} open={!!run && run.id === openId} />);
  }

  return (
    <div role="table" aria-label="Runs" aria-rowcount={total + 1} aria-colcount={columns.length + 1} className="runs-table">
      <div ref={scroller} className="runs-scroller" onScroll={onScroll}>
        <div style={{ width, height: HEADER_HEIGHT + view.totalHeight, position: 'relative' }}>
          <HeaderRow columns={columns} template={template} />
          <div role="rowgroup" className="runs-body" style={{ transform: `translateY(${view.offsetY}px)` }}>
            {rows}
          </div>
        </div>
      </div>
    </div>
  );
}
