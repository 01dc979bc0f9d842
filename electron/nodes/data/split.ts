// data.split: sizes as in sklearn's train_test_split; rows ranked by a seeded key (within each class when
// stratified), the first ranks go to test. Both outputs are ordered by that key, i.e. shuffled.
import { split as declaration } from '../../../shared/catalog/data/split.js';
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

/** sklearn `_validate_shuffle_split` with train_size unset: (n_train, n_test). */
export function splitSizes(rows: number, testSize: number): { train: number; test: number } {
  const test = testSize < 1 ? Math.ceil(testSize * rows) : testSize;
  if (testSize >= 1 && test >= rows) {
    throw invalidInput(`test_size ${testSize} must be smaller than the number of rows (${rows})`, { param: 'test_size' });
  }
  const train = rows - test;
  if (train <= 0 || test <= 0) {
    throw invalidInput(
      `with ${rows} rows and test_size ${testSize} the ${train <= 0 ? 'train' : 'test'} set would be empty`,
      { param: 'test_size' },
    );
  }
  return { train, test };
}

export const splitNode = implementNode({
  declaration,
  implVersion: 2,
  async run(ctx, inputs, params, env) {
    const table = tableInput(inputs);
    const columns = await env.data.columns(table);
    checkNoReservedNames(columns);
    const rows = await env.data.rowCount(table);
    checkRowLimit(rows);
    const sizes = splitSizes(rows, params.test_size);
    const keyed = keyedSql(numberedSql(table), ROW, KEY, params.seed, STREAM.shuffle);
    const helpers = [quoteIdent(ROW), quoteIdent(KEY), quoteIdent(RANK), quoteIdent(CLASS)].join(', ');
    const order = `${quoteIdent(KEY)}, ${quoteIdent(ROW)}`;

    let ranked: string;
    let isTest: string;
    if (params.stratify === null) {
      if (params.shuffle) {
        ranked = `SELECT *, row_number() OVER (ORDER BY ${order}) AS ${quoteIdent(RANK)}, 0 AS ${quoteIdent(CLASS)} FROM (${keyed})`;
        isTest = `${quoteIdent(RANK)} <= ${sizes.test}`;
      } else {
        ranked = `SELECT *, 0 AS ${quoteIdent(RANK)}, 0 AS ${quoteIdent(CLASS)} FROM (${keyed})`;
        isTest = `${quoteIdent(ROW)} >= ${sizes.train}`;
      }
    } else {
      if (!params.shuffle) {
        throw invalidInput('a stratified split needs shuffle: true (as in scikit-learn)', { param: 'shuffle' });
      }
      const classes = await classCounts(env.data, table, columns, params.stratify, 'stratify');
      const smallest = Math.min(...classes.counts);
      if (smallest < 2) {
        const label = classes.labels[classes.counts.indexOf(smallest)];
        throw invalidInput(
          `class '${label}' of '${classes.column.name}' has only 1 row; every class needs at least 2 to be stratified`,
          { param: 'stratify' },
        );
      }
      const k = classes.counts.length;
      if (sizes.test < k || sizes.train < k) {
        throw invalidInput(
          `the ${sizes.test < k ? 'test' : 'train'} set (${Math.min(sizes.test, sizes.train)} rows) is smaller than the number of classes (${k})`,
          { param: 'test_size' },
        );
      }
      // sklearn's StratifiedShuffleSplit: allocate train rows per class, the rest of each class is test.
      const trainPerClass = approximateMode(classes.counts, sizes.train, params.seed);
      const testPerClass = classes.counts.map((c, i) => c - trainPerClass[i]);
      const withClass = `SELECT *, ${classIdSql(classes.column)} AS ${quoteIdent(CLASS)} FROM (${keyed})`;
      ranked =
        `SELECT *, row_number() OVER (PARTITION BY ${quoteIdent(CLASS)} ORDER BY ${order}) AS ${quoteIdent(RANK)} ` +
        `FROM (${withClass})`;
      isTest = `${quoteIdent(RANK)} <= ${integerList(testPerClass)}[${quoteIdent(CLASS)}]`;
    }

    const part = (test: boolean) =>
      `SELECT * EXCLUDE (${helpers}) FROM (${ranked}) WHERE ${test ? '' : 'NOT '}(${isTest}) ` +
      `ORDER BY ${params.shuffle ? order : quoteIdent(ROW)}`;
    const train = await env.data.createTable(part(false), `${ctx.nodeId}_train`);
    ctx.throwIfCancelled();
    const test = await env.data.createTable(part(true), `${ctx.nodeId}_test`);
    return { train: carryChain(inputs.table, train), test: carryChain(inputs.table, test) };
  },
});
