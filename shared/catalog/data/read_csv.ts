// data.read_csv: a CSV file into a table, with DuckDB's dialect and type sniffer.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const CSV_ON_ERROR = ['fail', 'skip'] as const;

export const readCsv = defineNode({
  type: 'data.read_csv',
  version: 1,
  group: 'data',
  title: 'Read CSV',
  docs:
    'Reads a CSV file. Delimiter, quoting, header and column types are detected from the file unless set. ' +
    'A malformed row stops the run with its file and line, or is skipped (and counted) with `on_error: skip`.',
  inputs: {},
  outputs: { table: { type: 'table', docs: 'The rows of the file.' } },
  params: z.object({
    path: z.string().min(1).describe('CSV file, relative to the folder of the YAML file (in the app: the project folder); read literally (`*`, `?`, `[` are not patterns) unless `glob` is on.'),
    glob: z
      .boolean()
      .default(false)
      .describe('Treat `path` as a folder (its .csv files) or a pattern (`*`, `?`, `[abc]`, `**`); the files are read in sorted order and stacked by column name.'),
    delimiter: z
      .string()
      .min(1)
      // DuckDB takes up to 4 bytes; a quote or a line break can never separate fields.
      .refine((v) => !/["\r\n]/.test(v), 'the delimiter cannot be a quote (") or a line break')
      .refine((v) => v === 'auto' || v.toLowerCase() === 'tab' || new TextEncoder().encode(v).length <= 4, 'the delimiter is at most 4 bytes long')
      .default('auto')
      .describe("Field separator (one character, e.g. ',', ';', '\\t' or '|'); 'auto' detects it."),
    header: z
      .enum(['auto', 'true', 'false'])
      .default('auto')
      .describe("Whether the first row holds column names; 'auto' detects it."),
    types: z
      .record(z.string(), z.string().min(1))
      .default({})
      .describe("Column type overrides, column name → DuckDB type (e.g. { zip: VARCHAR, price: 'DECIMAL(10,2)' })."),
    null_values: z
      .array(z.string())
      .default([])
      .describe("Cell texts that mean a missing value besides an empty cell (e.g. ['NA', 'n/a'])."),
    on_error: z.enum(CSV_ON_ERROR).default('fail').describe('What a malformed row does: fail the run, or skip the row.'),
  }),
  ui: { path: { widget: 'file', extensions: ['csv', 'tsv', 'txt'] }, types: { widget: 'json' } },
});
