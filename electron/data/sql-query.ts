// data.sql's guard and runner: exactly one read-only query, over the input tables only.
import type { DuckDBConnection } from '@duckdb/node-api';
import { invalidInput, PlumbError } from '../../shared/errors.js';
import { plainRows } from './preview.js';
import { quoteIdent } from './sql-text.js';
import type { TableRef } from './types.js';

/** Table functions that only generate values; the file readers (read_csv, read_parquet, glob, ...) are refused. */
const ALLOWED_TABLE_FUNCTIONS = new Set(['range', 'generate_series', 'unnest']);

/**
 * Checks `sql` with DuckDB's own parser (statement count, the serialized AST, the prepared statement type),
 * then materializes it into `target` with each input bound as a temporary view named after its port.
 * Must run with exclusive use of the connection: the views are connection-wide while they exist.
 */
export async function runReadOnlyQuery(
  connection: DuckDBConnection,
  sql: string,
  tables: Readonly<Record<string, TableRef>>,
  target: string,
): Promise<void> {
  await checkReadOnly(connection, sql, Object.keys(tables));
  const names = Object.keys(tables);
  try {
    for (const name of names) {
      await connection.run(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(name)} AS SELECT * FROM ${quoteIdent(tables[name].table)}`);
    }
    const prepared = await connection.prepare(sql).catch((e: unknown) => {
      throw queryError(e);
    });
    const type = prepared.statementType;
    prepared.destroySync();
    // 1 = SELECT in DuckDB's statement type enum
    if (Number(type) !== 1) throw invalidInput('only a read-only query (SELECT ...) is allowed', { param: 'query' });
    // The query bound, so a failure now comes from the data (a bad cast, a division by zero): a runtime error.
    await connection.run(`CREATE TABLE ${quoteIdent(target)} AS ${stripTrailingSemicolon(sql)}`).catch((e: unknown) => {
      throw queryError(e, 'runtime');
    });
  } finally {
    for (const name of names) await connection.run(`DROP VIEW IF EXISTS temp.main.${quoteIdent(name)}`);
  }
}

async function checkReadOnly(connection: DuckDBConnection, sql: string, inputs: readonly string[]): Promise<void> {
  if (sql.replace(/--[^\n]*|;/g, '').trim() === '') {
    throw invalidInput('the query must be exactly one statement (found 0)', { param: 'query' });
  }
  let count: number;
  try {
    count = (await connection.extractStatements(sql)).count;
  } catch (e) {
    throw queryError(e);
  }
  if (count !== 1) {
    throw invalidInput(`the query must be exactly one statement (found ${count})`, { param: 'query' });
  }
  const [[json]] = await plainRows(connection, 'SELECT json_serialize_sql($1::VARCHAR)', [sql]);
  const ast = JSON.parse(String(json)) as { error: boolean; error_message?: string; statements?: unknown[] };
  if (ast.error) {
    const why = ast.error_message?.startsWith('Only SELECT') ? '' : ` (${ast.error_message})`;
    throw invalidInput(
      `only a read-only query (SELECT, WITH ... SELECT, VALUES, FROM ...) is allowed${why}`,
      { param: 'query' },
    );
  }
  if (ast.statements?.length !== 1) throw invalidInput('the query must be exactly one statement', { param: 'query' });
  checkReferences(ast.statements[0], inputs);
}

/** Tables must be inputs (or the query's own CTEs); table functions must not touch files or the catalog. */
function checkReferences(statement: unknown, inputs: readonly string[]): void {
  const cteNames = new Set<string>();
  const tables: string[] = [];
  const functions: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (obj.type === 'BASE_TABLE') {
      const qualified = [obj.catalog_name, obj.schema_name].some((part) => typeof part === 'string' && part !== '');
      tables.push(qualified ? `${String(obj.schema_name)}.${String(obj.table_name)}` : String(obj.table_name));
    }
    if (obj.type === 'TABLE_FUNCTION') {
      const fn = obj.function as Record<string, unknown> | undefined;
      functions.push(String(fn?.function_name ?? '?'));
    }
    const cteMap = obj.cte_map as { map?: { key?: unknown }[] } | undefined;
    for (const entry of cteMap?.map ?? []) if (typeof entry.key === 'string') cteNames.add(entry.key.toLowerCase());
    Object.values(obj).forEach(visit);
  };
  visit(statement);
  const allowed = new Set([...inputs.map((n) => n.toLowerCase()), ...cteNames]);
  for (const table of tables) {
    if (!allowed.has(table.toLowerCase())) {
      throw invalidInput(`unknown table '${table}': the query can read only its inputs (${inputs.join(', ')})`, {
        param: 'query',
      });
    }
  }
  for (const fn of functions) {
    if (!ALLOWED_TABLE_FUNCTIONS.has(fn.toLowerCase())) {
      throw invalidInput(
        `table function '${fn}' is not allowed in a query (files are read by data.read_csv / data.read_parquet)`,
        { param: 'query' },
      );
    }
  }
}

function stripTrailingSemicolon(sql: string): string {
  return sql.replace(/;\s*$/, '');
}

/** DuckDB's message, first line as the message and the "LINE 1: ... ^" position as detail lines. */
function queryError(e: unknown, kind: 'invalid_input' | 'runtime' = 'invalid_input') {
  const message = e instanceof Error ? e.message : String(e);
  const [first, ...rest] = message.split('\n');
  return new PlumbError(kind, first, { param: 'query' }, rest.filter((l) => l.trim() !== ''));
}
