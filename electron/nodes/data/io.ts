// Implementations of the data nodes that bring tables in (declared in shared/catalog/data/io.ts).
import type { NodeImplementation } from '../../engine/types.js';
import type { NodeEnv } from '../env.js';
import { readCsvImplementation } from './read_csv.js';
import { readParquetImplementation } from './read_parquet.js';
import { sqlImplementation } from './sql.js';
import { predictionLogImplementation } from './prediction_log.js';

export const dataIoImplementations: readonly NodeImplementation<NodeEnv>[] = [
  readCsvImplementation,
  readParquetImplementation,
  sqlImplementation,
  predictionLogImplementation,
] as readonly NodeImplementation<NodeEnv>[];
