// data.scale: one aggregate query for the statistics, then (x − center) / scale per column, with sklearn's
// rule that a constant column keeps scale 1 instead of dividing by zero.
import { scale as declaration } from '../../../shared/catalog/data/scale.js';
import { invalidInput } from '../../../shared/errors.js';
import { quoteIdent } from '../../data/sql-text.js';
import type { ColumnInfo } from '../../data/types.js';
import { implementNode } from '../env.js';
import { doubleSql, kindOf, resolveColumns, tableInput, valueSql } from './table-columns.js';
import { withStep } from './table-chain.js';

const EPSILON = 2 ** -52;

/** x' = (x − center) / scale, or for minmax x' = x · scale + offset (sklearn's order of operations). */
export type ColumnScaling = { column: string; center: number; scale: number } | { column: string; multiply: number; offset: number };

export const scaleNode = implementNode({
  declaration,
  implVersion: 2,
  async run(ctx, inputs, params, env) {
    const table = tableInput(inputs);
    const source = quoteIdent(table.table);
    const columns = await env.data.columns(table);
    const excluded = new Set(resolveColumns(columns, params.exclude, 'exclude'));
    const chosen = (
      params.columns.length ? resolveColumns(columns, params.columns, 'columns') : columns.filter((c) => kindOf(c) === 'number')
    ).filter((c) => !excluded.has(c));
    for (const c of chosen) {
      if (kindOf(c) !== 'number') throw invalidInput(`column '${c.name}' is ${kindOf(c)} (${c.type}); only numeric columns can be scaled`, { param: 'columns' });
    }
    if (chosen.length === 0) ctx.warn('no numeric columns to scale');

    const x = (c: ColumnInfo) => `CAST(${valueSql(c)} AS DOUBLE)`;
    const stats = chosen.flatMap((c, i) => {
      switch (params.method) {
        case 'standard':
          return [`count(${x(c)}) AS n${i}`, `avg(${x(c)}) AS a${i}`, `var_pop(${x(c)}) AS b${i}`];
        case 'minmax':
          return [`min(${x(c)}) AS a${i}`, `max(${x(c)}) AS b${i}`];
        case 'robust': {
          const [lo, hi] = params.quantile_range;
          return [
            `quantile_cont(${x(c)}, 0.5) AS a${i}`,
            `quantile_cont(${x(c)}, ${doubleSql(lo / 100)}) AS b${i}`,
            `quantile_cont(${x(c)}, ${doubleSql(hi / 100)}) AS c${i}`,
          ];
        }
      }
    });
    const [row] = stats.length ? await env.data.all(`SELECT ${stats.join(', ')} FROM ${source}`) : [{}];

    const scalings = new Map<string, ColumnScaling>();
    chosen.forEach((c, i) => {
      const a = row[`a${i}`];
      if (a === null || a === undefined) {
        ctx.warn(`column '${c.name}' has only missing values`);
        return;
      }
      const num = (key: string) => Number(row[`${key}${i}`]);
      if (params.method === 'standard') {
        const mean = num('a');
        const variance = num('b');
        const constant = isConstantFeature(variance, mean, num('n'));
        scalings.set(c.name, { column: c.name, center: mean, scale: constant ? 1 : Math.sqrt(variance) });
      } else if (params.method === 'minmax') {
        const [lo, hi] = params.feature_range;
        const range = handleZero(num('b') - num('a'));
        const multiply = (hi - lo) / range;
        scalings.set(c.name, { column: c.name, multiply, offset: lo - num('a') * multiply });
      } else {
        scalings.set(c.name, { column: c.name, center: num('a'), scale: handleZero(num('c') - num('b')) });
      }
    });

    const select = columns.map((c) => {
      const s = scalings.get(c.name);
      if (!s) return chosen.includes(c) ? `${x(c)} AS ${quoteIdent(c.name)}` : quoteIdent(c.name);
      const expr =
        'center' in s
          ? `((${x(c)} - ${doubleSql(s.center)}) / ${doubleSql(s.scale)})`
          : `((${x(c)} * ${doubleSql(s.multiply)}) + ${doubleSql(s.offset)})`;
      return `${expr} AS ${quoteIdent(c.name)}`;
    });
    const out = await env.data.createTable(`SELECT ${select.join(', ')} FROM ${source}`, ctx.nodeId);
    const cast = chosen.filter((c) => !scalings.has(c.name)).map((c) => c.name);
    const step = { kind: 'scale' as const, node: ctx.nodeId, scalings: [...scalings.values()], cast, output: await env.data.columns(out) };
    return { table: withStep(inputs.table, columns, step, out) };
  },
});

/** sklearn `_is_constant_feature`: the variance is within the rounding error of computing it. */
function isConstantFeature(variance: number, mean: number, n: number): boolean {
  const upperBound = n * EPSILON * variance + (n * mean * EPSILON) ** 2;
  return variance <= upperBound;
}

/** sklearn `_handle_zeros_in_scale`: a scale too close to zero becomes 1. */
function handleZero(scale: number): number {
  return scale < 10 * EPSILON ? 1 : scale;
}
