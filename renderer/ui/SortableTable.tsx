// A small in-memory table whose headers sort (ascending, descending, then back to the given order) and whose rows
// a search box filters. For result tables of tens to hundreds of rows; big data tables use the virtual DataGrid.
import { useId, useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { cellText, cycleSort, searchRows, sortRows, type CellValue, type SortState } from './table-sort.js';

export interface TableColumn<Row> {
  id: string;
  /** header text; also what a `column:text` search word matches */
  label: string;
  /** what the column sorts and searches by */
  value(row: Row): CellValue;
  /** the cell's content (the value as text when absent) */
  render?(row: Row): ReactNode;
  /** right-aligned, numeric sort */
  numeric?: boolean;
  /** false for columns of controls (buttons) */
  sortable?: boolean;
  /** the cell names its row (a `th scope="row"`) */
  rowHeader?: boolean;
  /** text searched instead of the value (e.g. a formatted number) */
  searchText?(row: Row): string;
}

export interface SortableTableProps<Row> {
  /** the table's accessible name */
  label: string;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  rowProps?(row: Row): HTMLAttributes<HTMLTableRowElement>;
  className?: string;
  initialSort?: SortState | null;
}

export function SortableTable<Row>({ label, columns, rows, rowKey, rowProps, className, initialSort = null }: SortableTableProps<Row>) {
  const [sort, setSort] = useState<SortState | null>(initialSort);
  const [query, setQuery] = useState('');
  const countId = useId();
  const shown = useMemo(() => {
    const found = searchRows(rows, columns, query);
    const by = sort ? columns.find((c) => c.id === sort.column) : undefined;
    return by ? sortRows(found, (r) => by.value(r), sort!.descending) : found;
  }, [rows, columns, query, sort]);

  return (
    <div className="sortable-table">
      <div className="sortable-table-tools">
        <input type="search" className="sortable-table-search" aria-label={`Search ${label}`} aria-describedby={countId} placeholder="Search… (or column:text)" value={query} onChange={(e) => setQuery(e.target.value)} />
        <span id={countId} className="muted small" aria-live="polite">
          {query.trim() ? `${shown.length} of ${rows.length} rows` : `${rows.length} rows`}
        </span>
      </div>
      <table aria-label={label} className={className}>
        <thead>
          <tr>
            {columns.map((c) => {
              const sorted = sort?.column === c.id ? sort : null;
              return (
                <th key={c.id} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={sorted ? (sorted.descending ? 'descending' : 'ascending') : undefined}>
                  {c.sortable === false ? (
                    c.label
                  ) : (
                    <button type="button" className="sort-button" onClick={() => setSort((s) => cycleSort(s, c.id))} title={`Sort by ${c.label}`}>
                      {c.label}
                      <span aria-hidden="true" className="sort-mark">
                        {sorted ? (sorted.descending ? '▼' : '▲') : '↕'}
                      </span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => {
                const content = c.render ? c.render(row) : cellText(c.value(row)) || '—';
                return c.rowHeader ? (
                  <th key={c.id} scope="row" className={c.numeric ? 'num' : undefined}>
                    {content}
                  </th>
                ) : (
                  <td key={c.id} className={c.numeric ? 'num' : undefined}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted small">
                {rows.length === 0 ? 'No rows.' : `No rows match “${query.trim()}”.`}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
