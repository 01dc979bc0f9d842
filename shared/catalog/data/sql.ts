// data.sql: one read-only DuckDB query over up to three input tables, named t1, t2, t3 after their ports.
import { z } from 'zod';
import { defineNode } from '../define.js';

export const sql = defineNode({
  type: 'data.sql',
  version: 1,
  group: 'data',
  title: 'SQL',
  docs:
    'Runs one read-only DuckDB query (SELECT, WITH … SELECT, VALUES, FROM …). The inputs are the tables ' +
    '`t1`, `t2` and `t3`; the query cannot change data or read files.',
  inputs: {
    t1: { type: 'table', docs: 'Table `t1` in the query.' },
    t2: { type: 'table', optional: true, docs: 'Table `t2` in the query.' },
    t3: { type: 'table', optional: true, docs: 'Table `t3` in the query.' },
  },
  outputs: { table: { type: 'table', docs: 'The query result.' } },
  params: z.object({
    query: z.string().min(1).default('SELECT * FROM t1').describe('One read-only SQL query; refer to inputs as t1, t2, t3.'),
  }),
  ui: { query: { widget: 'sql' } },
});
