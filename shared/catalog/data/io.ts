// The data nodes that bring tables in: files and SQL.
import type { NodeDeclaration } from '../define.js';
import { readCsv } from './read_csv.js';
import { readParquet } from './read_parquet.js';
import { sql } from './sql.js';
import { predictionLog } from './prediction_log.js';

export { readCsv, readParquet, sql, predictionLog };

export const dataIoNodes: readonly NodeDeclaration[] = [readCsv, readParquet, sql, predictionLog];
