// Output columns of the column-changing table nodes, from their params and input columns, following what each
// implementation does when it runs; `partial` where the answer depends on the data (one-hot levels, which columns
// have missing values).
import type { ColumnSchema, TableSchema } from '../define.js';
import { columnKind, findColumn, findSchemaColumns } from './table-schema.js';

export function selectSchema(params: { columns: string[]; drop: string[]; rename: Record<string, string> }, { table }: { readonly table?: TableSchema }): { table?: TableSchema } {
  if (!table) return {};
  const kept = params.columns.length ? findSchemaColumns(table.columns, params.columns) : table.columns;
  const dropped = findSchemaColumns(table.columns, params.drop);
  if (!kept || !dropped) return {};
  const renamed = new Map<ColumnSchema, string>();
  for (const [from, to] of Object.entries(params.rename)) {
    const column = findColumn(table.columns, from);
    if (!column) return {};
    renamed.set(column, to);
  }
  const columns = kept.filter((c) => !dropped.includes(c)).map((c) => ({ name: renamed.get(c) ?? c.name, type: c.type }));
  return { table: { columns, partial: table.partial } };
}

export function scaleSchema(params: { columns: string[]; exclude: string[] }, { table }: { readonly table?: TableSchema }): { table?: TableSchema } {
  if (!table) return {};
  const chosen = params.columns.length ? findSchemaColumns(table.columns, params.columns) : table.columns.filter((c) => columnKind(c.type) === 'number');
  const excluded = findSchemaColumns(table.columns, params.exclude);
  if (!chosen || !excluded) return {};
  const scaled = new Set(chosen.filter((c) => !excluded.includes(c)));
  return { table: { columns: table.columns.map((c) => (scaled.has(c) ? { name: c.name, type: 'DOUBLE' } : c)), partial: table.partial } };
}

export function imputeSchema(
  params: { strategy: string; fill_value: number | string | boolean | null; columns: string[]; add_indicator: boolean },
  { table }: { readonly table?: TableSchema },
): { table?: TableSchema } {
  if (!table) return {};
  const chosen = params.columns.length ? findSchemaColumns(table.columns, params.columns) : undefined;
  if (params.columns.length && !chosen) return {};
  // mean/median read values as DOUBLE; a fractional constant widens an integer column the same way.
  const widens = params.strategy === 'mean' || params.strategy === 'median' || (typeof params.fill_value === 'number' && !Number.isSafeInteger(params.fill_value));
  const retype = (c: ColumnSchema) => (widens && columnKind(c.type) === 'number' && chosen?.includes(c) ? { name: c.name, type: 'DOUBLE' } : c);
  // Without a column list the imputed columns (and their indicators) are those with missing values: data only a run sees.
  const dataDependent = !chosen && (widens || params.add_indicator);
  return { table: { columns: table.columns.map(retype), partial: table.partial || dataDependent || (params.add_indicator ? true : undefined) } };
}

export function encodeSchema(
  params: { method: 'onehot' | 'ordinal'; columns: string[]; exclude: string[]; drop: string; categories: Record<string, (string | number | boolean)[]> },
  { table }: { readonly table?: TableSchema },
): { table?: TableSchema } {
  if (!table) return {};
  const listed = params.columns.length
    ? findSchemaColumns(table.columns, params.columns)
    : table.columns.filter((c) => columnKind(c.type) === 'text' || columnKind(c.type) === 'boolean');
  const excluded = findSchemaColumns(table.columns, params.exclude);
  if (!listed || !excluded) return {};
  const chosen = new Set(listed.filter((c) => !excluded.includes(c)));
  const columns: ColumnSchema[] = [];
  let partial = table.partial;
  for (const column of table.columns) {
    if (!chosen.has(column)) {
      columns.push(column);
    } else if (params.method === 'ordinal') {
      columns.push({ name: column.name, type: 'INTEGER' });
    } else {
      const given = Object.entries(params.categories).find(([name]) => findColumn(table.columns, name) === column)?.[1];
      // Levels read from the data, or given levels of a non-text column (printed as DuckDB prints that type), are known after a run.
      if (!given || columnKind(column.type) !== 'text') {
        partial = true;
        continue;
      }
      const dropFirst = params.drop === 'first' || (params.drop === 'if_binary' && given.length === 2);
      for (const level of dropFirst ? given.slice(1) : given) columns.push({ name: `${column.name}=${String(level)}`, type: 'INTEGER' });
    }
  }
  return { table: { columns, partial } };
}
