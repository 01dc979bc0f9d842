// data.read_parquet: a Parquet file into a table.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const readParquet = defineNode({
  type: 'data.read_parquet',
  version: 1,
  group: 'data',
  title: 'Read Parquet',
  docs: 'Reads a Parquet file; column types come from the file.',
  inputs: {},
  outputs: { table: { type: 'table', docs: 'The rows of the file.' } },
  params: z.object({
    path: z.string().min(1).describe('Parquet file, relative to the folder of the YAML file (in the app: the project folder); read literally (`*`, `?`, `[` are not patterns) unless `glob` is on.'),
    glob: z
      .boolean()
      .default(false)
      .describe('Treat `path` as a folder (its .parquet files) or a pattern (`*`, `?`, `[abc]`, `**`); the files are read in sorted order and stacked by column name.'),
  }),
  ui: { path: { widget: 'file', extensions: ['parquet'] } },
});
