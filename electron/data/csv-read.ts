// Reading a CSV file into a session table: DuckDB's sniffer picks the dialect and types, then a strict
// read reports a malformed row by its physical file line, or skips and counts such rows.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { invalidInput, isPlumbError, type PlumbError } from '../../shared/errors.js';
import { isLateNonBoolean, readBooleansAsText, restoreTrueFalseColumns, selectWithBooleans, trueFalseInSample } from './csv-booleans.js';
import { plainRows } from './preview.js';
import { literalFilePath, quoteIdent, quoteLiteral } from './sql-text.js';
import type { CsvReadOptions, CsvReadResult } from './types.js';

type CsvRejectedRow = CsvReadResult['rejected'][number];

interface Dialect {
  delimiter: string;
  quote: string;
  escape: string;
  newLine: string;
  skip: number;
  comment: string;
  header: boolean;
  columns: { name: string; type: string }[];
  dateFormat: string | null;
  timestampFormat: string | null;
}

const REJECT_EXAMPLES = 5;

/** What a CSV read needs from the session: its connection (used exclusively) and fresh ids for scratch tables. */
interface CsvConnection {
  connection: DuckDBConnection;
  nextId(): number;
}

/** Reads `path` into the new table `table`; the caller holds the connection for the whole read. */
export async function readCsvFile(
  connection: DuckDBConnection,
  path: string,
  options: CsvReadOptions,
  table: string,
  nextId: () => number,
): Promise<CsvReadResult> {
  await checkFile(path);
  const internals: CsvConnection = { connection, nextId };
  const dialect = await sniff(connection, path, options);
  const yesNoCandidates = readBooleansAsText(dialect.columns, options.types ?? {});
  applyTypeOverrides(dialect, options.types ?? {}, path);
  const read = (select: string) =>
    options.onError === 'skip'
      ? readSkipping(internals, path, dialect, options, table, select)
      : readStrict(internals, path, dialect, options, table, select);
  // Columns holding only true/false in the sample are parsed to BOOLEAN in the one read (a full check and a
  // rewrite per column after the read cost ~15% of it); a column whose sample holds other text stays as written.
  let trueFalse: string[];
  try {
    trueFalse = yesNoCandidates.length ? await trueFalseInSample(connection, sampleSql(path, dialect, options), yesNoCandidates) : [];
  } catch (e) {
    throw await describeFailure(internals, path, dialect, options, e);
  }
  if (trueFalse.length === 0) return read('*');
  try {
    return await read(selectWithBooleans(dialect.columns, trueFalse));
  } catch (e) {
    if (!isLateNonBoolean(e)) throw e;
  }
  // Some later value is not true/false: read those columns as text and check them whole (a second read).
  await connection.run(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  const result = await read('*');
  await restoreTrueFalseColumns(connection, table, trueFalse);
  return result;
}

/**
 * The columns a read of `path` would give, without reading the whole file (schemas before running): the same
 * sniff and type overrides as the read; true/false columns are told from yes/no ones on the first rows.
 */
export async function sniffCsvColumns(connection: DuckDBConnection, path: string, options: CsvReadOptions): Promise<{ name: string; type: string }[]> {
  await checkFile(path);
  const dialect = await sniff(connection, path, options);
  const yesNoCandidates = readBooleansAsText(dialect.columns, options.types ?? {});
  applyTypeOverrides(dialect, options.types ?? {}, path);
  const trueFalse = yesNoCandidates.length ? await trueFalseInSample(connection, sampleSql(path, dialect, options), yesNoCandidates) : [];
  for (const name of trueFalse) {
    const column = dialect.columns.find((c) => c.name === name);
    if (column) column.type = 'BOOLEAN';
  }
  return dialect.columns.map(({ name, type }) => ({ name, type }));
}

const SNIFF_SAMPLE_ROWS = 20_000;

/** The first rows of the file as the read sees them (malformed ones left out), for checks that need no full read. */
function sampleSql(path: string, dialect: Dialect, options: CsvReadOptions): string {
  return `SELECT * FROM ${readCsvSql(path, dialect, options, ['ignore_errors=true'])} LIMIT ${SNIFF_SAMPLE_ROWS}`;
}

async function checkFile(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw invalidInput(`file not found: ${path}`, { file: path, param: 'path' });
  }
  if (!info.isFile()) throw invalidInput(`not a file: ${path}`, { file: path, param: 'path' });
  if (info.size === 0) throw invalidInput(`the file is empty (no header, no rows): ${path}`, { file: path, param: 'path' });
  const head = await readBytes(path, 0, BLANK_CHECK_BYTES);
  const tail = await readBytes(path, Math.max(0, info.size - 8), 8);
  const format = binaryFormat(head, tail);
  if (format) throw invalidInput(`this is ${format}, not a CSV file: ${path}`, { file: path, param: 'path' });
  // Only a byte order mark and line breaks: DuckDB would make up a column `column0` with empty rows.
  if (info.size <= BLANK_CHECK_BYTES && /^\uFEFF?\s*$/.test(head.toString('utf8'))) {
    throw invalidInput(`the file is empty (no header, no rows; only blank lines): ${path}`, { file: path, param: 'path' });
  }
}

/** Files up to this size that hold only blank lines count as empty. */
const BLANK_CHECK_BYTES = 64 * 1024;

async function readBytes(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Binary formats a CSV path sometimes names by mistake, recognized by their magic bytes at both ends where the
 * format has them (a CSV header may well start with "PAR1,"), or undefined. Compressed CSV (.csv.gz, .csv.zst)
 * is DuckDB's to read, so gzip and zstd are not on the list.
 */
function binaryFormat(head: Buffer, tail: Buffer): string | undefined {
  const at = (bytes: Buffer, text: string) => bytes.subarray(0, text.length).toString('latin1') === text;
  const ends = (text: string) => tail.toString('latin1').endsWith(text);
  if (at(head, 'PAR1') && ends('PAR1')) return 'a Parquet file (read it with data.read_parquet)';
  if (at(head, 'ARROW1') && ends('ARROW1')) return 'an Arrow IPC file';
  if (at(head, 'PK\u0003\u0004')) return 'a ZIP archive';
  if (at(head, 'SQLite format 3\u0000')) return 'an SQLite database';
  return undefined;
}

/** `'\t'`, `'\\t'` and `'tab'` all mean a tab; anything else is taken as written. */
export function csvDelimiter(value: string): string | undefined {
  if (value === 'auto') return undefined;
  if (value === '\\t' || value.toLowerCase() === 'tab') return '\t';
  return value;
}

function nullList(options: CsvReadOptions): string {
  const values = [...new Set(['', ...(options.nullValues ?? [])])];
  return `[${values.map(quoteLiteral).join(', ')}]`;
}

/**
 * The sniffer ignores malformed rows so that one bad line cannot make it fall back to a one-column reading.
 * Trying every delimiter/quote/escape candidate over the whole sample costs more than parsing 100k rows, so
 * the candidates are tried on the first DIALECT_SAMPLE_ROWS rows and the winner is passed to the full sniff
 * (which still detects header, newline, skipped rows and the types over its usual sample).
 */
async function sniff(connection: DuckDBConnection, path: string, options: CsvReadOptions): Promise<Dialect> {
  const args = [quoteLiteral(literalFilePath(path)), 'ignore_errors=true', `nullstr=${nullList(options)}`];
  if (options.delimiter !== undefined) args.push(`delim=${quoteLiteral(options.delimiter)}`);
  if (options.header !== undefined) args.push(`header=${options.header}`);
  let row;
  try {
    const fixed = await sniffedQuoting(connection, args);
    const reader = await connection.runAndReadAll(
      `SELECT Delimiter, Quote, Escape, NewLineDelimiter, Comment, SkipRows, HasHeader, Columns, DateFormat, TimestampFormat
       FROM sniff_csv(${[...args, ...fixed].join(', ')})`,
    );
    row = reader.getRowObjectsJson()[0];
  } catch (e) {
    if (isInterrupt(e)) throw e;
    throw invalidInput(`cannot read the file as CSV: ${firstLines(e)}`, { file: path, param: 'path' });
  }
  const text = sniffedText;
  let quote = text(row.Quote);
  let escape = text(row.Escape);
  // No quote in the sniffed sample does not mean none later: RFC 4180 quoting is the safe default.
  if (quote === '') [quote, escape] = ['"', '"'];
  return {
    delimiter: text(row.Delimiter),
    quote,
    escape,
    newLine: text(row.NewLineDelimiter),
    skip: Number(row.SkipRows ?? 0),
    comment: text(row.Comment),
    header: row.HasHeader === true,
    columns: (row.Columns as { name: string; type: string }[]).map((c) => ({ name: c.name, type: c.type })),
    dateFormat: typeof row.DateFormat === 'string' ? row.DateFormat : null,
    timestampFormat: typeof row.TimestampFormat === 'string' ? row.TimestampFormat : null,
  };
}

const DIALECT_SAMPLE_ROWS = 2048;

const sniffedText = (v: unknown) => (v === '(empty)' || v === null || v === undefined ? '' : String(v));

/** sniff_csv arguments fixing the delimiter, quote and escape found on the first rows (only those found there). */
async function sniffedQuoting(connection: DuckDBConnection, args: readonly string[]): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `SELECT Delimiter, Quote, Escape FROM sniff_csv(${[...args, `sample_size=${DIALECT_SAMPLE_ROWS}`].join(', ')})`,
  );
  const row = reader.getRowObjectsJson()[0];
  const fixed: string[] = [];
  const delimiter = sniffedText(row.Delimiter);
  const quote = sniffedText(row.Quote);
  const escape = sniffedText(row.Escape);
  if (delimiter && !args.some((a) => a.startsWith('delim='))) fixed.push(`delim=${quoteLiteral(delimiter)}`);
  // no quote seen in the first rows says nothing about later ones: the full sniff decides then
  if (quote) fixed.push(`quote=${quoteLiteral(quote)}`);
  if (quote && escape) fixed.push(`escape=${quoteLiteral(escape)}`);
  return fixed;
}

function applyTypeOverrides(dialect: Dialect, types: Record<string, string>, path: string): void {
  for (const [name, type] of Object.entries(types)) {
    const column = dialect.columns.find((c) => c.name === name);
    if (!column) {
      const known = dialect.columns.map((c) => c.name).join(', ');
      throw invalidInput(`types: no column '${name}' in the file (columns: ${known})`, { file: path, param: 'types' });
    }
    column.type = type;
  }
}

function readCsvSql(path: string, dialect: Dialect, options: CsvReadOptions, extra: string[] = []): string {
  const columns = dialect.columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ');
  const args = [
    quoteLiteral(literalFilePath(path)),
    'auto_detect=false',
    `delim=${quoteLiteral(dialect.delimiter)}`,
    `quote=${quoteLiteral(dialect.quote)}`,
    `escape=${quoteLiteral(dialect.escape)}`,
    `skip=${dialect.skip}`,
    `comment=${quoteLiteral(dialect.comment)}`,
    `header=${dialect.header}`,
    `columns={${columns}}`,
    `nullstr=${nullList(options)}`,
  ];
  if (dialect.newLine) args.push(`new_line=${quoteLiteral(dialect.newLine)}`);
  if (dialect.dateFormat) args.push(`dateformat=${quoteLiteral(dialect.dateFormat)}`);
  if (dialect.timestampFormat) args.push(`timestampformat=${quoteLiteral(dialect.timestampFormat)}`);
  return `read_csv(${[...args, ...extra].join(', ')})`;
}

async function readStrict(
  internals: CsvConnection,
  path: string,
  dialect: Dialect,
  options: CsvReadOptions,
  table: string,
  select: string,
): Promise<CsvReadResult> {
  const { connection } = internals;
  try {
    await connection.run(`CREATE TABLE ${quoteIdent(table)} AS SELECT ${select} FROM ${readCsvSql(path, dialect, options)}`);
    return { table: { table }, skippedRows: 0, rejected: [] };
  } catch (e) {
    throw await describeFailure(internals, path, dialect, options, e);
  }
}

/** Turn DuckDB's error into "file:line: what was wrong", locating the line by byte position via a rejects scan. */
async function describeFailure(
  internals: CsvConnection,
  path: string,
  dialect: Dialect,
  options: CsvReadOptions,
  error: unknown,
): Promise<PlumbError> {
  if (isPlumbError(error)) return error;
  // Cancelled: no rejects scan (a second full read of the file) to explain it; the session reports the cancel.
  // A late non-boolean is not a failure: readCsvFile reads again with the column as text.
  if (isInterrupt(error) || isLateNonBoolean(error)) throw error;
  const message = error instanceof Error ? error.message : String(error);
  if (/^Catalog Error: Type with name|can not be converted to a DuckDB Type/.test(message)) {
    // Name the override DuckDB could not read (types are passed as quoted text, so this is never run as SQL).
    const bad = Object.entries(options.types ?? {}).find(([, type]) => message.includes(type));
    const what = bad ? `the type of column '${bad[0]}' is not a DuckDB type: ${clip(bad[1])}` : firstLines(error);
    return invalidInput(`types: ${what}`, { file: path, param: 'types' });
  }
  const rejects = await collectRejects(internals, path, dialect, options, 1).catch(() => undefined);
  const first = rejects?.rejected[0];
  if (first) {
    const column = /converting column "([^"]+)"/.exec(first.message)?.[1];
    const hint = column ? ` (to keep such values, set types: { ${column}: VARCHAR }, or on_error: skip)` : '';
    return invalidInput(`malformed row: ${first.message}${hint}`, { file: path, line: first.line, param: 'path' });
  }
  const duckLine = /CSV Error on Line: (\d+)/.exec(message);
  const detail = csvErrorDetail(message);
  return invalidInput(`malformed CSV: ${detail}`, {
    file: path,
    line: duckLine ? Number(duckLine[1]) : undefined,
    param: 'path',
  });
}

async function readSkipping(
  internals: CsvConnection,
  path: string,
  dialect: Dialect,
  options: CsvReadOptions,
  table: string,
  select: string,
): Promise<CsvReadResult> {
  try {
    const result = await collectRejects(internals, path, dialect, options, REJECT_EXAMPLES, { table, select });
    return { table: { table }, ...result };
  } catch (e) {
    throw await describeFailure(internals, path, dialect, options, e);
  }
}

/**
 * Reads with ignore_errors + store_rejects into `into.table` (the columns of `into.select`), or just scans when
 * no target is given, and returns how many rows were dropped, with the first few located on their physical lines.
 */
async function collectRejects(
  internals: CsvConnection,
  path: string,
  dialect: Dialect,
  options: CsvReadOptions,
  examples: number,
  into?: { table: string; select: string },
): Promise<{ skippedRows: number; rejected: CsvRejectedRow[] }> {
  const table = into?.table;
  const { connection, nextId } = internals;
  const id = nextId();
  const rejectsTable = `plumb_rejects_${id}`;
  const rejectsScan = `plumb_reject_scans_${id}`;
  const source = readCsvSql(path, dialect, options, [
    'ignore_errors=true',
    'store_rejects=true',
    `rejects_table=${quoteLiteral(rejectsTable)}`,
    `rejects_scan=${quoteLiteral(rejectsScan)}`,
  ]);
  try {
    // A scan without a target still materializes every column: count(*) alone would skip the type casts.
    const target = table ?? `plumb_scratch_${id}`;
    await connection.run(`CREATE ${table ? '' : 'TEMP '}TABLE ${quoteIdent(target)} AS SELECT ${into?.select ?? '*'} FROM ${source}`);
    if (!table) await connection.run(`DROP TABLE ${quoteIdent(target)}`);
    const [[skipped]] = await plainRows(connection, `SELECT count(DISTINCT line) FROM ${rejectsTable}`);
    const rows = await plainRows(
      connection,
      `SELECT min(line_byte_position), any_value(error_message ORDER BY byte_position), any_value(csv_line)
       FROM ${rejectsTable} GROUP BY line ORDER BY line LIMIT ${examples}`,
    );
    const lines = await physicalLines(
      path,
      rows.map((r) => Number(r[0])),
    );
    const rejected = rows.map((r, i) => ({
      line: lines[i],
      message: `${String(r[1])} (row: ${shorten(String(r[2] ?? ''))})`,
    }));
    return { skippedRows: Number(skipped), rejected };
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${rejectsTable}`);
    await connection.run(`DROP TABLE IF EXISTS ${rejectsScan}`);
  }
}

/**
 * 1-based physical line of each byte position: counts newlines before it, so quoted fields spanning
 * several lines are accounted for (DuckDB's own line numbers count records).
 */
export async function physicalLines(path: string, positions: readonly number[]): Promise<number[]> {
  if (positions.length === 0) return [];
  const end = Math.max(...positions);
  const order = positions.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(positions.length);
  let newlines = 0;
  let offset = 0;
  let k = 0;
  const stream = createReadStream(path, { start: 0, end: Math.max(0, end - 1) });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      while (k < order.length && order[k][0] <= offset + i) out[order[k++][1]] = newlines + 1;
      if (chunk[i] === 0x0a) newlines++;
    }
    offset += chunk.length;
  }
  while (k < order.length) out[order[k++][1]] = newlines + 1;
  return out;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\r?\n/g, '\\n');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

/** DuckDB's CSV errors end with "Possible fixes" and a dump of options: keep what was wrong. */
function csvErrorDetail(message: string): string {
  const body = message.replace(/^[A-Za-z ]+Error: /, '').split(/\n\s*Possible (fixes|Solution)/)[0];
  return body
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^CSV Error on Line/.test(l))
    .join('; ');
}

/** DuckDB's error for a query stopped by connection.interrupt(). */
function isInterrupt(e: unknown): boolean {
  return e instanceof Error && /^INTERRUPT Error/.test(e.message);
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function firstLines(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n').filter(Boolean).slice(0, 2).join(' ');
}
