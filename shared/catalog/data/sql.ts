// data.sql: one read-only DuckDB query over up to three input tables, named t1, t2, t3 after their ports.
import { z } from 'zod';
import { defineNode } from '../define.js';

const UNITS: Record<string, number> = {
  b: 1,
  bytes: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};
const MEMORY_LIMIT_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(%|[a-z]+)\s*$/i;

/** The smallest limit accepted: below this DuckDB cannot run a query at all. */
export const MIN_MEMORY_LIMIT_BYTES = 16 * 2 ** 20;

/**
 * A memory limit as DuckDB writes it ('2GB', '512 MiB', '1.5GB'; KB/MB/GB/TB are powers of 1000,
 * KiB/MiB/GiB/TiB of 1024) or as a share of the machine's RAM ('50%'). Undefined when not readable.
 */
export function parseMemoryLimit(text: string): { bytes: number } | { fraction: number } | undefined {
  const match = MEMORY_LIMIT_PATTERN.exec(text);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2].toLowerCase();
  if (unit === '%') return amount > 0 && amount <= 100 ? { fraction: amount / 100 } : undefined;
  const scale = UNITS[unit];
  if (scale === undefined) return undefined;
  const bytes = Math.floor(amount * scale);
  return bytes >= MIN_MEMORY_LIMIT_BYTES ? { bytes } : undefined;
}

export const MEMORY_LIMIT_HELP =
  "a size such as '2GB', '512MB' or '4GiB' (at least 16MiB), or a share of RAM such as '50%'";

export const memoryLimitParam = z
  .string()
  .refine((text) => parseMemoryLimit(text) !== undefined, { message: `expected ${MEMORY_LIMIT_HELP}` })
  .default('50%')
  .describe("Most memory the query may use before it spills to disk or fails: e.g. '2GB', or '50%' of RAM.");

export const sql = defineNode({
  type: 'data.sql',
  version: 1,
  group: 'data',
  title: 'SQL',
  docs:
    'Runs one read-only DuckDB query (SELECT, WITH … SELECT, VALUES, FROM …). The inputs are the tables ' +
    '`t1`, `t2` and `t3`; the query cannot change data or read files. It runs with at most `memory_limit` of ' +
    'memory (spilling to a temporary folder first) and, when set, at most `time_limit_s` seconds.',
  inputs: {
    t1: { type: 'table', docs: 'Table `t1` in the query.' },
    t2: { type: 'table', optional: true, docs: 'Table `t2` in the query.' },
    t3: { type: 'table', optional: true, docs: 'Table `t3` in the query.' },
  },
  outputs: { table: { type: 'table', docs: 'The query result.' } },
  params: z.object({
    query: z.string().min(1).default('SELECT * FROM t1').describe('One read-only SQL query; refer to inputs as t1, t2, t3.'),
    memory_limit: memoryLimitParam,
    time_limit_s: z
      .number()
      .positive()
      .nullable()
      .default(null)
      .describe('Longest the query may run, in seconds; null = no limit.'),
  }),
  ui: { query: { widget: 'sql' } },
});
