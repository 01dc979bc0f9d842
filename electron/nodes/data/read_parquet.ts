// data.read_parquet: reads the file through the session.
import { readParquet } from '../../../shared/catalog/data/read_parquet.js';
import { toPlumbError } from '../../../shared/errors.js';
import { implementNode } from '../env.js';

export const readParquetImplementation = implementNode({
  declaration: readParquet,
  implVersion: 1,
  async run(ctx, _inputs, params, env) {
    try {
      return { table: await env.data.readParquet(ctx.resolvePath(params.path)) };
    } catch (e) {
      throw toPlumbError(e, { node: ctx.nodeId });
    }
  },
});
