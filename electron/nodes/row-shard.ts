// One share of a row-wise node's rows (one-step mode's `--shard i/N`): the contiguous range shard i of N covers.

export interface RowShard {
  index: number;
  count: number;
}

/** Rows [floor(i·n/N), floor((i+1)·n/N)) — the same cut as the explain nodes' worker shares. */
export function shardRange(rows: number, shard: RowShard): [number, number] {
  return [Math.floor((shard.index * rows) / shard.count), Math.floor(((shard.index + 1) * rows) / shard.count)];
}
