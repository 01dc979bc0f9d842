// The runs table: virtualized (only the rows in view are in the DOM) and paged from SQL as it scrolls, so 10,000
// runs cost what 30 do. Headers sort (again: the other way); a row's box selects it, its id opens its detail.
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { gridWindow, pagesCovering } from '../../panels/grid-window.js';
import { loadRunsPage, runAt, RUNS_PAGE_SIZE, showRunDetail, sortRunsBy, toggleRunSelected, useRunsStore, type RunListing } from '../../state/runs.js';
import { gridTemplate, runColumns, shortRunId, type RunColumn } from './run-columns.js';

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

/** Memoised: while scrolling, rows that stay in view are not rendered again. */
const RunRow = memo(function RunRow({ run, row, columns, template, selected, open }: { run: RunListing | undefined; row: number; columns: RunColumn[]; template: string; selected: boolean; open: boolean }) {
  if (!run) {
    return (
      <div role="row" aria-rowindex={row + 2} className="runs-row is-loading" style={{ gridTemplateColumns: template }}>
        <div role="cell" className="runs-cell muted">…</div>
      </div>
    );
  }
  const short = shortRunId(run.id);
  return (
    <div role="row" aria-rowindex={row + 2} aria-selected={selected} className={`runs-row${selected ? ' is-selected' : ''}${open ? ' is-open' : ''}`} style={{ gridTemplateColumns: template }}>
      <div role="cell" className="runs-cell">
        <input type="checkbox" checked={selected} onChange={() => toggleRunSelected(run.id)} aria-label={`Select run ${short}`} />
      </div>
      {columns.map((c) => (
        <div key={c.id} role="cell" className={`runs-cell text${c.numeric ? ' num' : ''}${c.id === 'status' ? ` status-${run.status}` : ''}`} title={c.id === 'id' ? run.id : undefined}>
          {c.id === 'id' ? (
            <button type="button" className="link-button" onClick={() => void showRunDetail(run.id)} aria-label={`Show run ${short}`}>
              {short}
            </button>
          ) : (
            c.text(run)
          )}
        </div>
      ))}
    </div>
  );
});

export function RunsTable() {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const total = useRunsStore((s) => s.total) ?? 0;
  const metricColumns = useRunsStore((s) => s.metricColumns);
  const pages = useRunsStore((s) => s.pages);
  const pageGeneration = useRunsStore((s) => s.pageGeneration);
  const generation = useRunsStore((s) => s.generation);
  const selected = useRunsStore((s) => s.selected);
  const openId = useRunsStore((s) => s.detail?.runId);
  const columns = useMemo(() => runColumns(metricColumns), [metricColumns]);
  const template = useMemo(() => gridTemplate(columns), [columns]);
  const width = useMemo(() => columns.reduce((w, c) => w + c.width, 34), [columns]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  // A new filter or sort starts at the top.
  useEffect(() => {
    if (useRunsStore.getState().total === null && scroller.current) scroller.current.scrollTop = 0;
  }, [generation]);

  // At most one render per frame however many scroll events arrive.
  const frame = useRef(0);
  const onScroll = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (scroller.current) setScrollTop(scroller.current.scrollTop);
    });
  };
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const view = gridWindow(scrollTop, Math.max(0, height - HEADER_HEIGHT), total, RUN_ROW_HEIGHT);
  useEffect(() => {
    for (const page of pagesCovering(view.first, view.count, RUNS_PAGE_SIZE)) {
      if (pageGeneration[page] !== generation) void loadRunsPage(page);
    }
  }, [view.first, view.count, generation, pageGeneration]);

  const chosen = new Set(selected);
  const rows = [];
  for (let i = view.first; i < view.first + view.count; i++) {
    const run = runAt({ pages }, i);
    rows.push(<RunRow key={i} row={i} run={run} columns={columns} template={template} selected={!!run && chosen.has(run.id)} open={!!run && run.id === openId} />);
  }

  return (
    <div role="table" aria-label="Runs" aria-rowcount={total + 1} className="runs-table">
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
