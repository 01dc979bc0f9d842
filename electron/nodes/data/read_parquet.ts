// data.read_parquet: reads the file (or, with glob: true, every matched file in order) through the session.
import { readParquet } from '../../../shared/catalog/data/read_parquet.js';
import { toPlumbError } from '../../../shared/errors.js';
import { expandDataPath, fileExtensions } from '../../engine/file-glob.js';
import { implementNode } from '../env.js';
import { stackTables } from './stack-tables.js';

export const readParquetImplementation = implementNode({
  declaration: readParquet,
  implVersion: 1,
  async schema(params, _inputs, env, resolvePath) {
    const [first] = await expandDataPath(resolvePath(params.path), { glob: params.glob, extensions: fileExtensions(readParquet, 'path') });
    return { table: { columns: await env.data.parquetColumns(first) } };
  },
  async run(ctx, _inputs, params, env) {
    try {
      // glob: true reads every matched file in sorted order and stacks them (the cache key hashed the same list).
      const tables = [];
      for (const file of await expandDataPath(ctx.resolvePath(params.path), { glob: params.glob, extensions: fileExtensions(readParquet, 'path') })) {
        ctx.throwIfCancelled();
        tables.push(await env.data.readParquet(file));
      }
      return { table: await stackTables(env, tables, ctx.nodeId) };
    } catch (e) {
      throw toPlumbError(e, { node: ctx.nodeId });
    }
  },
});
