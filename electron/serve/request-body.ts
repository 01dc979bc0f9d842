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

function fromRows(list: readonly (Record<string, Cell> | Cell[] | Cell)[], features: readonly string[]): Record<string, Cell[]> {
  const out: Record<string, Cell[]> = {};
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
  const columns: Record<string, Cell[]> = {};
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

/**
 * The hot path: a TF row request whose rows are flat objects or lists of scalars, checked by hand (zod's union
 * over rows costs more than the prediction of a single row). Anything else goes through the zod schema, which
 * accepts exactly what this accepts and more, and words the errors.
 */
function plainRows(body: unknown): { rows: (Record<string, Cell> | Cell[])[]; key?: string } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  for (const k in b) if (k !== 'instances' && k !== 'key' && k !== 'signature_name') return undefined;
  const { instances, key } = b;
  if (!Array.isArray(instances) || instances.length === 0) return undefined;
  if (key !== undefined && typeof key !== 'string' && typeof key !== 'number') return undefined;
  if (b.signature_name !== undefined && typeof b.signature_name !== 'string') return undefined;
  for (const row of instances) {
    if (typeof row !== 'object' || row === null) return undefined;
    if (Array.isArray(row)) {
      for (const v of row) if (!isCell(v)) return undefined;
    } else {
      for (const k in row as Record<string, unknown>) if (!isCell((row as Record<string, unknown>)[k])) return undefined;
    }
  }
  return { rows: instances as (Record<string, Cell> | Cell[])[], key: keyText(key as string | number | undefined) };
}

export function tfRequestTable(body: unknown, features: readonly string[]): RequestTable {
  const plain = plainRows(body);
  if (plain) return { columns: fromRows(plain.rows, features), nRows: plain.rows.length, format: 'row', key: plain.key };
  const parsed = tfPredictBody.safeParse(body);
  if (!parsed.success) throw shapeError('not a TensorFlow Serving predict request', parsed.error);
  const b = parsed.data;
  if (b.instances) return { columns: fromRows(b.instances, features), nRows: b.instances.length, format: 'row', key: keyText(b.key) };
  const inputs = b.inputs!;
  if (Array.isArray(inputs)) return { columns: fromRows(inputs, features), nRows: inputs.length, format: 'columnar', key: keyText(b.key) };
  return { ...fromColumns(inputs), format: 'columnar', key: keyText(b.key) };
}

export function mlflowRequestTable(body: unknown, features: readonly string[]): RequestTable {
  const parsed = mlflowBody.safeParse(body);
  if (!parsed.success) throw shapeError('not an MLflow scoring request', parsed.error);
  const b = parsed.data;
  const key = keyText(b.key);
  if (b.dataframe_split) {
    const { columns: names, data } = b.dataframe_split;
    const columns: Record<string, Cell[]> = Object.fromEntries(names.map((n) => [n, new Array<Cell>(data.length)]));
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
  const columns: Record<string, Cell[]> = Object.fromEntries(header.map((n) => [n, new Array<Cell>(data.length)]));
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
