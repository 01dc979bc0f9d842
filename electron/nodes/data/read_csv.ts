// data.read_csv: reads the file (or, with glob: true, every matched file in order) through the session; skipped
// rows are reported as a warning.
import { readCsv } from '../../../shared/catalog/data/read_csv.js';
import { toPlumbError } from '../../../shared/errors.js';
import { csvDelimiter } from '../../data/csv-read.js';
import { expandDataPath, fileExtensions } from '../../engine/file-glob.js';
import { implementNode } from '../env.js';
import { stackTables } from './stack-tables.js';
import type { CsvReadOptions } from '../../data/types.js';
import type { ParamsOf } from '../../../shared/catalog/define.js';

export const readCsvImplementation = implementNode({
  declaration: readCsv,
  implVersion: 1,
  async schema(params, _inputs, env, resolvePath) {
    const [first] = await expandDataPath(resolvePath(params.path), { glob: params.glob, extensions: fileExtensions(readCsv, 'path') });
    return { table: { columns: await env.data.sniffCsv(first, csvOptions(params)) } };
  },
  async run(ctx, _inputs, params, env) {
    const path = ctx.resolvePath(params.path);
    try {
      // glob: true reads every matched file in sorted order and stacks them (the cache key hashed the same list).
      const tables = [];
      for (const file of await expandDataPath(path, { glob: params.glob, extensions: fileExtensions(readCsv, 'path') })) {
        ctx.throwIfCancelled();
        const result = await env.data.readCsv(file, csvOptions(params));
        if (result.skippedRows > 0) {
          const examples = result.rejected.map((r) => `line ${r.line}: ${r.message}`).join('; ');
          ctx.warn(`skipped ${result.skippedRows} malformed row${result.skippedRows === 1 ? '' : 's'} in ${file} (${examples})`);
        }
        tables.push(result.table);
      }
      return { table: await stackTables(env, tables, ctx.nodeId) };
    } catch (e) {
      throw toPlumbError(e, { node: ctx.nodeId });
    }
  },
});

function csvOptions(params: ParamsOf<typeof readCsv>): CsvReadOptions {
  return {
    delimiter: csvDelimiter(params.delimiter),
    header: params.header === 'auto' ? undefined : params.header === 'true',
    types: params.types,
    nullValues: params.null_values,
    onError: params.on_error,
  };
}
