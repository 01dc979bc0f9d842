// Safe SQL text: quoting identifiers and literals, and session-owned table names.

/** A DuckDB identifier for any column or table name, including ones with quotes or spaces. */
export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw new Error(`identifier contains a NUL character: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** A DuckDB string literal. */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error(`string contains a NUL character: ${JSON.stringify(value)}`);
  return `'${value.replaceAll("'", "''")}'`;
}

/** `t_<hint>_<n>`: hint reduced to [a-z0-9_] so the name never needs quoting and reads well in logs. */
export function tableName(hint: string, n: number): string {
  const clean = hint
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return `t_${clean || 'table'}_${n}`;
}

/** The table-name hint for a file: its name without folder or extension. */
export function fileTableHint(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.[^.]*$/, '');
}

/**
 * A file path as a DuckDB reader argument that names exactly that file: DuckDB expands `*`, `?` and `[...]`
 * in reader paths, so `br[x].csv` would read `brx.csv` while the cache hashes `br[x].csv`. Each of those
 * characters becomes a one-character class (`[[]`, `[*]`, `[?]`), which matches only itself.
 */
export function literalFilePath(path: string): string {
  return path.replace(/[[*?]/g, (c) => `[${c}]`);
}
