// data.sql's parser wall: exactly one read-only query whose table references are its inputs or CTEs in scope.
// The engine wall (a DuckDB instance without file access) is in sql-sandbox.ts; this check runs first.
import type { DuckDBConnection } from '@duckdb/node-api';
import { invalidInput, PlumbError } from '../../shared/errors.js';
import { plainRows } from './preview.js';

/** Table functions that only generate values; the file readers (read_csv, read_parquet, glob, ...) are refused. */
const ALLOWED_TABLE_FUNCTIONS = new Set(['range', 'generate_series', 'unnest']);

/**
 * Scalar functions that read the instance's settings or environment: current_setting('temp_directory') or
 * ('home_directory') reveals local paths (the sandbox spills into the project's cache folder).
 */
const REFUSED_FUNCTIONS = new Set(['current_setting', 'getenv', 'which_secret']);

/**
 * Checks `sql` with DuckDB's own parser (statement count, the serialized AST) without binding it, so no
 * table, file or replacement scan is touched. Returns the inputs the query refers to (keys of `inputs`).
 */
export async function checkReadOnlyQuery(
  connection: DuckDBConnection,
  sql: string,
  inputs: readonly string[],
): Promise<string[]> {
  // DuckDB reads the text as a C string: everything after a NUL would be dropped without a word.
  const nul = sql.indexOf('\u0000');
  if (nul >= 0) throw invalidInput(`the query contains a NUL character (at character ${nul + 1})`, { param: 'query' });
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
  return checkReferences(ast.statements[0], inputs);
}

/** Prepares (binds) the checked query and refuses anything that is not a SELECT. */
export async function checkSelectStatement(connection: DuckDBConnection, sql: string): Promise<void> {
  const prepared = await connection.prepare(sql).catch((e: unknown) => {
    throw queryError(e);
  });
  const type = prepared.statementType;
  prepared.destroySync();
  // 1 = SELECT in DuckDB's statement type enum
  if (Number(type) !== 1) throw invalidInput('only a read-only query (SELECT ...) is allowed', { param: 'query' });
}

/**
 * Every table reference must be an input or a CTE *in scope* at that point, and every table function a
 * generator. Scoping follows DuckDB's binder:
 * - a CTE is visible in the body of its WITH and in the CTEs defined after it in the same WITH, never in
 *   its own definition (so `WITH x AS (SELECT * FROM x)` reads the outer `x`, which must be an input) and
 *   never outside the query that defines it;
 * - a recursive CTE sees itself only in its recursive (right-hand) part.
 * Any node carrying a `table_name` (base tables, SHOW/DESCRIBE/SUMMARIZE of a table) counts as a reference,
 * so a quoted name that looks like a path is refused unless it is exactly such a CTE.
 * Names compare case-insensitively, as DuckDB's do.
 */
function checkReferences(statement: unknown, inputs: readonly string[]): string[] {
  const inputByName = new Map(inputs.map((name) => [name.toLowerCase(), name]));
  const used = new Set<string>();

  const unknownTable = (name: string) =>
    invalidInput(`unknown table '${name}': the query can read only its inputs (${inputs.join(', ')})`, {
      param: 'query',
    });

  const visit = (node: unknown, scope: ReadonlySet<string>): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, scope);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;

    // A WITH: each CTE sees the ones before it; the rest of the node sees all of them.
    let inner = scope;
    const cteEntries = (obj.cte_map as { map?: { key?: unknown; value?: unknown }[] } | undefined)?.map;
    if (Array.isArray(cteEntries) && cteEntries.length > 0) {
      const growing = new Set(scope);
      for (const entry of cteEntries) {
        visit(entry.value, new Set(growing));
        if (typeof entry.key === 'string') growing.add(entry.key.toLowerCase());
      }
      inner = growing;
    }

    if (typeof obj.table_name === 'string' && obj.table_name !== '') {
      const qualified = [obj.catalog_name, obj.schema_name].some((part) => typeof part === 'string' && part !== '');
      const name = obj.table_name;
      if (qualified) throw unknownTable(`${String(obj.schema_name || obj.catalog_name)}.${name}`);
      const key = name.toLowerCase();
      if (!inner.has(key)) {
        const input = inputByName.get(key);
        if (input === undefined) throw unknownTable(name);
        used.add(input);
      }
    }
    if (obj.type === 'TABLE_FUNCTION') {
      const fn = obj.function as Record<string, unknown> | undefined;
      const name = String(fn?.function_name ?? '?');
      const qualified = [fn?.catalog, fn?.schema].some((part) => typeof part === 'string' && part !== '');
      if (qualified || !ALLOWED_TABLE_FUNCTIONS.has(name.toLowerCase())) {
        throw invalidInput(
          `table function '${name}' is not allowed in a query (files are read by data.read_csv / data.read_parquet)`,
          { param: 'query' },
        );
      }
    }

    if (obj.class === 'FUNCTION' && typeof obj.function_name === 'string' && REFUSED_FUNCTIONS.has(obj.function_name.toLowerCase())) {
      throw invalidInput(`function '${obj.function_name}' is not allowed in a query (it reads settings or the environment)`, {
        param: 'query',
      });
    }

    for (const [key, value] of Object.entries(obj)) {
      if (key === 'cte_map') continue;
      if (obj.type === 'RECURSIVE_CTE_NODE' && key === 'right' && typeof obj.cte_name === 'string') {
        visit(value, new Set([...inner, obj.cte_name.toLowerCase()]));
      } else {
        visit(value, inner);
      }
    }
  };
  visit(statement, new Set());
  return inputs.filter((name) => used.has(name));
}

export function stripTrailingSemicolon(sql: string): string {
  return sql.replace(/;\s*$/, '');
}

/** DuckDB's message, first line as the message and the "LINE 1: ... ^" position as detail lines. */
export function queryError(e: unknown, kind: 'invalid_input' | 'runtime' = 'invalid_input'): PlumbError {
  const message = e instanceof Error ? e.message : String(e);
  const [first, ...rest] = message.split('\n');
  return new PlumbError(kind, first, { param: 'query' }, rest.filter((l) => l.trim() !== ''));
}
