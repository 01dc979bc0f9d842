// What a run records about an input table besides its bytes: row count, schema and column stats of the whole
// content, and — when the content is above the project's blob cap and will not be kept — a seeded sample of its
// rows (seeded by the content hash, so the same content always gives the same sample).
import type { ColumnInfo, ColumnStats, DataSession, TableRef } from '../data/types.js';
import { quoteIdent } from '../data/sql-text.js';

export const DATASET_SAMPLE_ROWS = 10_000;

export interface DatasetProfile {
  rowCount: number;
  schema: ColumnInfo[];
  stats: ColumnStats[];
  sample?: { bytes: Uint8Array; rows: number };
}

/** A 31-bit seed from the first hex digits of a sha256. */
const seedOf = (contentHash: string): number => parseInt(contentHash.slice(0, 7), 16);

export async function profileDataset(data: DataSession, table: TableRef, options: { contentHash: string; withSample: boolean }): Promise<DatasetProfile> {
  const preview = await data.preview(table, { limit: 0, stats: true });
  const profile: DatasetProfile = { rowCount: preview.rowCount, schema: preview.columns, stats: preview.stats ?? [] };
  if (options.withSample) {
    const from = quoteIdent(table.table);
    // Rows picked by a hash of their position (deterministic whatever DuckDB's threads do), kept in file order.
    const picked = await data.createTable(
      `SELECT * EXCLUDE (plumb_row) FROM (SELECT *, rowid AS plumb_row FROM ${from} ORDER BY hash(rowid + ${seedOf(options.contentHash)}) LIMIT ${DATASET_SAMPLE_ROWS}) ORDER BY plumb_row`,
      'dataset_sample',
    );
    profile.sample = { bytes: await data.toParquetBytes(picked), rows: Math.min(DATASET_SAMPLE_ROWS, preview.rowCount) };
  }
  return profile;
}
