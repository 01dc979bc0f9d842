// data.sample: without replacement, the rows with the smallest seeded keys (per class when stratified);
// with replacement, draw j picks row floor(key(j) · rows / 2^32) (within its class when stratified).
import { sample as declaration } from '../../../shared/catalog/data/sample.js';
import { invalidInput } from '../../../shared/errors.js';
import { quoteIdent } from '../../data/sql-text.js';
import { implementNode } from '../env.js';
import { carryChain } from './table-chain.js';
import {
  approximateMode,
  checkRowLimit,
  classCounts,
  classIdSql,
  integerList,
  keyedSql,
  KEY,
  numberedSql,
  ROW,
  STREAM,
} from './seeded-rows.js';
import { checkNoReservedNames, tableInput } from './table-columns.js';

const RANK = '__plumb_rank';
const CLASS = '__plumb_class';
const DRAW = '__plumb_draw';
const PICK = '__plumb_pick';

/** Python's round(): halves go to the even neighbour (what pandas' `frac` uses). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export const sampleNode = implementNode({
  declaration,
  implVersion: 2,
  async run(ctx, inputs, params, env) {
    const table = tableInput(inputs);
    const columns = await env.data.columns(table);
    checkNoReservedNames(columns);
    const rows = await env.data.rowCount(table);
    checkRowLimit(rows);

    if ((params.n === null) === (params.fraction === null)) {
      throw invalidInput('set exactly one of n and fraction', { param: params.n === null ? 'n' : 'fraction' });
    }
    const draws = params.n ?? roundHalfEven(params.fraction! * rows);
    if (!params.replace && draws > rows) {
      throw invalidInput(
        `cannot draw ${draws} rows from ${rows} without replacement; set replace: true for a bootstrap sample`,
        { param: params.n === null ? 'fraction' : 'n' },
      );
    }
    checkRowLimit(draws);
    if (draws > 0 && rows === 0) throw invalidInput('cannot sample from an empty table', { param: 'n' });

    const classes = params.stratify === null ? null : await classCounts(env.data, table, columns, params.stratify, 'stratify');
    const perClass = classes ? approximateMode(classes.counts, draws, params.seed) : [draws];
    const counts = classes ? classes.counts : [rows];
    const classId = classes ? classIdSql(classes.column) : '1';
    const numbered = `SELECT *, ${classId} AS ${quoteIdent(CLASS)} FROM (${numberedSql(table)})`;

    let sql: string;
    if (!params.replace) {
      const keyed = keyedSql(numbered, ROW, KEY, params.seed, STREAM.sample);
      const order = `${quoteIdent(KEY)}, ${quoteIdent(ROW)}`;
      const ranked = `SELECT *, row_number() OVER (PARTITION BY ${quoteIdent(CLASS)} ORDER BY ${order}) AS ${quoteIdent(RANK)} FROM (${keyed})`;
      sql =
        `SELECT * EXCLUDE (${[ROW, KEY, RANK, CLASS].map(quoteIdent).join(', ')}) FROM (${ranked}) ` +
        `WHERE ${quoteIdent(RANK)} <= ${integerList(perClass)}[${quoteIdent(CLASS)}] ORDER BY ${order}`;
    } else {
      // Draws 0..d-1 go to classes in blocks (class 1 first); draw j takes the row of rank
      // floor(key(j) · count / 2^32) + 1 within its class, rows ranked by their index.
      const ends = perClass.map((_, i) => perClass.slice(0, i + 1).reduce((s, c) => s + c, 0));
      const drawClass = ends.length === 1 ? '1' : `CASE ${ends.map((end, i) => `WHEN range < ${end} THEN ${i + 1}`).join(' ')} END`;
      const drawsSql = `SELECT range AS ${quoteIdent(DRAW)}, ${drawClass} AS ${quoteIdent(CLASS)} FROM range(${draws})`;
      const keyedDraws = keyedSql(drawsSql, DRAW, KEY, params.seed, STREAM.bootstrap);
      const picks =
        `SELECT *, CAST((${quoteIdent(KEY)} * CAST(${integerList(counts)}[${quoteIdent(CLASS)}] AS UBIGINT)) >> 32 AS BIGINT) + 1 ` +
        `AS ${quoteIdent(PICK)} FROM (${keyedDraws})`;
      const ranked = `SELECT *, row_number() OVER (PARTITION BY ${quoteIdent(CLASS)} ORDER BY ${quoteIdent(ROW)}) AS ${quoteIdent(RANK)} FROM (${numbered})`;
      sql =
        `SELECT r.* EXCLUDE (${[ROW, RANK, CLASS].map(quoteIdent).join(', ')}) FROM (${picks}) d JOIN (${ranked}) r ` +
        `ON r.${quoteIdent(CLASS)} = d.${quoteIdent(CLASS)} AND r.${quoteIdent(RANK)} = d.${quoteIdent(PICK)} ` +
        `ORDER BY d.${quoteIdent(KEY)}, d.${quoteIdent(DRAW)}`;
    }
    return { table: carryChain(inputs.table, await env.data.createTable(sql, ctx.nodeId)) };
  },
});
