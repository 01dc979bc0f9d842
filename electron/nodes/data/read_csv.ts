// data.read_csv: reads the file through the session; skipped rows are reported as a warning.
import { readCsv } from '../../../shared/catalog/data/read_csv.js';
import { toPlumbError } from '../../../shared/errors.js';
import { csvDelimiter } from '../../data/csv-read.js';
import { implementNode } from '../env.js';

export const readCsvImplementation = implementNode({
  declaration: readCsv,
  implVersion: 1,
  async run(ctx, _inputs, params, env) {
    const path = ctx.resolvePath(params.path);
    const header = params.header === 'auto' ? undefined : params.header === 'true';
    try {
      const result = await env.data.readCsv(path, {
        delimiter: csvDelimiter(params.delimiter),
        header,
        types: params.types,
        nullValues: params.null_values,
        onError: params.on_error,
      });
      if (result.skippedRows > 0) {
        const examples = result.rejected.map((r) => `line ${r.line}: ${r.message}`).join('; ');
        ctx.warn(`skipped ${result.skippedRows} malformed row${result.skippedRows === 1 ? '' : 's'} in ${path} (${examples})`);
      }
      return { table: result.table };
    } catch (e) {
      throw toPlumbError(e, { node: ctx.nodeId });
    }
  },
});
