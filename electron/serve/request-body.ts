// Request bodies of the two protocols as one column-major table: TF Serving's row (`instances`) and columnar
// (`inputs`) formats, MLflow's dataframe_split / dataframe_records / instances / inputs, and CSV text.
// Shapes are checked with zod here; values against the model's signature in input-signature.ts.
import { z } from 'zod';
import { badRequest } from './http-error.js';

export const cellSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type Cell = z.infer<typeof cellSchema>;

const rowObject = z.record(z.string(), cellSchema);
const rowArray = z.array(cellSchema);
const rows = z.array(z.union([rowObject, rowArray, cellSchema])).min(1, 'expected at least one row');
const columns = z.record(z.string(), z.union([z.array(cellSchema), cellSchema]));
const key = z.union([z.string(), z.number()]).optional();

export const tfPredictBody = z
  .object({ signature_name: z.string().optional(), instances: rows.optional(), inputs: z.union([rows, columns]).optional(), key })
  .refine((b) => (b.instances === undefined) !== (b.inputs === undefined), { message: "expected exactly one of 'instances' (row format) or 'inputs' (columnar format)" });

export const mlflowBody = z
  .object({
    dataframe_split: z.object({ columns: z.array(z.string()), data: z.array(rowArray), index: z.array(z.unknown()).optional() }).optional(),
    dataframe_records: z.array(rowObject).optional(),
    instances: rows.optional(),
    inputs: z.union([rows, columns]).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    key,
  })
  .refine(
    (b) => [b.dataframe_split, b.dataframe_records, b.instances, b.inputs].filter((v) => v !== undefined).length === 1,
    { message: "expected exactly one of 'dataframe_split', 'dataframe_records', 'instances' or 'inputs'" },
  );

/** Named columns of equal length; `positional` rows (arrays) are named by the model's features in order. */
export interface RequestTable {
  columns: Record<string, Cell[]>;
  nRows: number;
  /** Output pairing: TF Serving answers `instances` with `predictions` and `inputs` with `outputs`. */
  format: 'row' | 'columnar';
  key?: string;
}

function shapeError(what: string, error: z.ZodError): Error {
  const issue = error.issues[0];
  const at = issue.path.length ? ` at '${issue.path.map(String).join('.')}'` : '';
  return badRequest(`${what}${at}: ${issue.message}`);
}

/** A table keyed by column name with no prototype: a column named like an Object member (toString) is a column. */
const table = (): Record<string, Cell[]> => Object.create(null) as Record<string, Cell[]>;

function fromRows(list: readonly (Record<string, Cell> | Cell[] | Cell)[], features: readonly string[]): Record<string, Cell[]> {
  const out = table();
  const n = list.length;
  list.forEach((row, i) => {
    if (Array.isArray(row) || row === null || typeof row !== 'object') {
      const cells = Array.isArray(row) ? row : [row];
      if (cells.length !== features.length) {
        throw badRequest(`row ${i}: a row given as a list needs ${features.length} values in the order ${features.join(', ')}, got ${cells.length}`);
      }
      features.forEach((f, j) => ((out[f] ??= new Array<Cell>(n))[i] = cells[j]));
    } else {
      for (const name of Object.keys(row)) (out[name] ??= new Array<Cell>(n))[i] = row[name];
    }
  });
  return out;
}

function fromColumns(record: Record<string, Cell[] | Cell>): { columns: Record<string, Cell[]>; nRows: number } {
  const columns = table();
  let nRows = -1;
  for (const [name, value] of Object.entries(record)) {
    const cells = Array.isArray(value) ? value : [value];
    if (nRows >= 0 && cells.length !== nRows) throw badRequest(`column '${name}' has ${cells.length} values, the others ${nRows}`);
    nRows = cells.length;
    columns[name] = cells;
  }
  if (nRows <= 0) throw badRequest('the columnar inputs hold no rows');
  return { columns, nRows };
}

const keyText = (k: string | number | undefined) => (k === undefined ? undefined : String(k));

const isCell = (v: unknown): v is Cell => v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isKey = (v: unknown) => v === undefined || typeof v === 'string' || typeof v === 'number';

/** A row as the schemas' `rows` take it, objects and lists only (a bare cell as a row is left to zod). */
function isRow(row: unknown): boolean {
  if (typeof row !== 'object' || row === null) return false;
  if (Array.isArray(row)) {
    for (let j = 0; j < row.length; j++) if (!isCell(row[j])) return false;
  } else {
    for (const k in row) if (!isCell((row as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** `rows`: at least one row. */
function isRows(v: unknown): boolean {
  if (!Array.isArray(v) || v.length === 0) return false;
  for (let i = 0; i < v.length; i++) if (!isRow(v[i])) return false;
  return true;
}

/** `columns`: an object of cell lists (or single cells). */
function isColumns(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  for (const k in v) {
    const cells = v[k];
    if (Array.isArray(cells)) {
      for (let i = 0; i < cells.length; i++) if (!isCell(cells[i])) return false;
    } else if (!isCell(cells)) return false;
  }
  return true;
}

/**
 * The hot path: bodies checked by hand in the shapes clients send (zod's unions over rows cost more than the
 * prediction of a single row). A body passes only when the zod schema accepts it unchanged (no keys it would strip),
 * so what follows reads it exactly as it reads zod's output; anything else goes through zod, which words the errors.
 */
export function conformsTf(body: unknown): body is z.infer<typeof tfPredictBody> {
  if (!isPlainObject(body)) return false;
  for (const k in body) if (k !== 'instances' && k !== 'inputs' && k !== 'key' && k !== 'signature_name') return false;
  const { instances, inputs, key, signature_name } = body;
  if (!isKey(key) || (signature_name !== undefined && typeof signature_name !== 'string')) return false;
  if (instances !== undefined) return inputs === undefined && isRows(instances);
  return inputs !== undefined && (isRows(inputs) || isColumns(inputs));
}

export function conformsMlflow(body: unknown): body is z.infer<typeof mlflowBody> {
  if (!isPlainObject(body)) return false;
  let formats = 0;
  for (const k in body) {
    if (k === 'dataframe_split' || k === 'dataframe_records' || k === 'instances' || k === 'inputs') formats++;
    else if (k !== 'key') return false;
  }
  if (formats !== 1 || !isKey(body.key)) return false;
  const { dataframe_split: split, dataframe_records: records, instances, inputs } = body;
  if (split !== undefined) {
    if (!isPlainObject(split)) return false;
    for (const k in split) if (k !== 'columns' && k !== 'data' && k !== 'index') return false;
    const { columns, data, index } = split;
    if (!Array.isArray(columns) || !Array.isArray(data) || (index !== undefined && !Array.isArray(index))) return false;
    for (let j = 0; j < columns.length; j++) if (typeof columns[j] !== 'string') return false;
    for (let i = 0; i < data.length; i++) if (!Array.isArray(data[i]) || !isRow(data[i])) return false;
    return true;
  }
  if (records !== undefined) {
    if (!Array.isArray(records)) return false;
    for (let i = 0; i < records.length; i++) if (!isPlainObject(records[i]) || !isRow(records[i])) return false;
    return true;
  }
  if (instances !== undefined) return isRows(instances);
  return isRows(inputs) || isColumns(inputs);
}

/**
 * The request path's shortcut: rows given as flat JSON objects — TF Serving's `{"instances": [{...}]}`, MLflow's
 * `instances` or `dataframe_records` — with an optional `key` (and TF's `signature_name`), each value a cell.
 * Exactly the bodies `tfRequestTable` / `mlflowRequestTable` read as those rows; undefined for any other body.
 */
export function objectRows(body: unknown, protocol: 'tf' | 'mlflow'): { rows: Record<string, Cell>[]; key: string | undefined } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  let rows: unknown;
  let found = 0;
  for (const k in b) {
    if (k === 'instances' || (protocol === 'mlflow' && k === 'dataframe_records')) {
      rows = b[k];
      found++;
    } else if (k !== 'key' && (protocol !== 'tf' || k !== 'signature_name')) return undefined;
  }
  if (found !== 1 || !Array.isArray(rows) || rows.length === 0) return undefined;
  const { key } = b;
  if (key !== undefined && typeof key !== 'string' && typeof key !== 'number') return undefined;
  if (b.signature_name !== undefined && typeof b.signature_name !== 'string') return undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown>;
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return undefined;
    for (const k in row) if (!isCell(row[k])) return undefined;
  }
  return { rows: rows as Record<string, Cell>[], key: keyText(key as string | number | undefined) };
}

export function tfRequestTable(body: unknown, features: readonly string[]): RequestTable {
  let b: z.infer<typeof tfPredictBody>;
  if (conformsTf(body)) b = body;
  else {
    const parsed = tfPredictBody.safeParse(body);
    if (!parsed.success) throw shapeError('not a TensorFlow Serving predict request', parsed.error);
    b = parsed.data;
  }
  if (b.instances) return { columns: fromRows(b.instances, features), nRows: b.instances.length, format: 'row', key: keyText(b.key) };
  const inputs = b.inputs!;
  if (Array.isArray(inputs)) return { columns: fromRows(inputs, features), nRows: inputs.length, format: 'columnar', key: keyText(b.key) };
  return { ...fromColumns(inputs), format: 'columnar', key: keyText(b.key) };
}

export function mlflowRequestTable(body: unknown, features: readonly string[]): RequestTable {
  let b: z.infer<typeof mlflowBody>;
  if (conformsMlflow(body)) b = body;
  else {
    const parsed = mlflowBody.safeParse(body);
    if (!parsed.success) throw shapeError('not an MLflow scoring request', parsed.error);
    b = parsed.data;
  }
  const key = keyText(b.key);
  if (b.dataframe_split) {
    const { columns: names, data } = b.dataframe_split;
    const columns = table();
    for (const n of names) columns[n] = new Array<Cell>(data.length);
    data.forEach((row, i) => {
      if (row.length !== names.length) throw badRequest(`dataframe_split row ${i} has ${row.length} values for ${names.length} columns`);
      names.forEach((n, j) => (columns[n][i] = row[j]));
    });
    if (data.length === 0) throw badRequest('dataframe_split holds no rows');
    return { columns, nRows: data.length, format: 'row', key };
  }
  const list = b.dataframe_records ?? b.instances;
  if (list) {
    if (list.length === 0) throw badRequest('the request holds no rows');
    return { columns: fromRows(list, features), nRows: list.length, format: 'row', key };
  }
  const inputs = b.inputs!;
  if (Array.isArray(inputs)) return { columns: fromRows(inputs, features), nRows: inputs.length, format: 'row', key };
  return { ...fromColumns(inputs), format: 'row', key };
}

/** RFC 4180 CSV with a header row; cells stay text (input-signature.ts reads numbers where the model wants them). */
export function csvRequestTable(text: string): RequestTable {
  const records = parseCsv(text);
  if (records.length < 2) throw badRequest('a CSV request needs a header row and at least one data row');
  const [header, ...data] = records;
  const columns = table();
  for (const n of header) columns[n] = new Array<Cell>(data.length);
  data.forEach((row, i) => {
    if (row.length !== header.length) throw badRequest(`CSV line ${i + 2} has ${row.length} cells for ${header.length} columns`);
    header.forEach((n, j) => (columns[n][i] = row[j] === '' ? null : row[j]));
  });
  return { columns, nRows: data.length, format: 'row' };
}

function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(cell);
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
      cell = '';
    } else cell += c;
    i++;
  }
  if (quoted) throw badRequest('the CSV ends inside a quoted cell');
  if (cell !== '' || record.length) {
    record.push(cell);
    records.push(record);
  }
  return records;
}
