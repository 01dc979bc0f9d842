// Content-addressed bytes: stored once under their sha256, shared by datasets, models and cached outputs.
import { createHash } from 'node:crypto';
import { blobBytes, storeExternally, sweepBlobFiles } from './blob-files.js';
import { write, type StoreContext } from './db.js';

export interface Blobs {
  /** Stores the bytes unless the same bytes are already there; returns their sha256 (hex). */
  put(bytes: Uint8Array): string;
  get(hash: string): Uint8Array | undefined;
  has(hash: string): boolean;
  size(hash: string): number | undefined;
  /** Deletes blobs that no dataset, model or cached output refers to; returns how many. */
  prune(): number;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Inserts bytes already hashed by the caller, for repositories that store a blob inside their own
 * transaction: hashing first keeps the write lock short.
 */
export function blobWriter(context: StoreContext): (hash: string, bytes: Uint8Array) => void {
  const { db, now } = context;
  const insert = db.prepare(
    'INSERT INTO blobs (hash, size, bytes, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING',
  );
  // Above the cap the row keeps only hash and size; the bytes go to the folder beside the project.
  return (hash, bytes) => void insert.run(hash, bytes.byteLength, storeExternally(context, hash, bytes) ? new Uint8Array(0) : bytes, now());
}

export function blobsOf(context: StoreContext): Blobs {
  const { db } = context;
  const insert = blobWriter(context);
  const selectBytes = db.prepare('SELECT bytes, size FROM blobs WHERE hash = ?');
  const selectSize = db.prepare('SELECT size FROM blobs WHERE hash = ?').pluck();
  const unreferenced = db.prepare(`
    DELETE FROM blobs WHERE hash NOT IN (
      SELECT blob_hash FROM node_outputs
      UNION SELECT blob_hash FROM dataset_versions
      UNION SELECT blob_hash FROM model_versions)`);

  return {
    put(bytes) {
      const hash = sha256(bytes);
      write(db, () => insert(hash, bytes));
      return hash;
    },
    get(hash) {
      const row = selectBytes.get(hash) as { bytes: Uint8Array; size: number } | undefined;
      return row === undefined ? undefined : blobBytes(context, hash, row.bytes, row.size);
    },
    has: (hash) => selectSize.get(hash) !== undefined,
    size: (hash) => selectSize.get(hash) as number | undefined,
    prune() {
      const removed = write(db, () => unreferenced.run().changes);
      sweepBlobFiles(context);
      return removed;
    },
  };
}
