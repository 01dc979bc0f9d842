// The engine's OutputCache on the project file: node outputs by cache key, each port's bytes a shared blob.
// Blobs are named by their sha256, so a damaged one is found when read: the entry then reads as missing (the
// engine recomputes it) and the next put of the same bytes repairs the blob.
import type { OutputCache } from '../../shared/api/run-types.js';
import { blobBytes, dropBlobFile } from './blob-files.js';
import { blobWriter, sha256 } from './blobs.js';
import { asBytes, read, write, type StoreContext } from './db.js';

export interface ProjectCache extends OutputCache {
  /** The same lookups without a promise, for code that is already synchronous (the store itself, the CLI). */
  hasSync(key: string): boolean;
  getSync(key: string): Record<string, Uint8Array> | undefined;
  putSync(key: string, outputs: Record<string, Uint8Array>): void;
  /** The content hash and size of one cached port, without reading its bytes. */
  outputHash(key: string, port: string): { hash: string; size: number } | undefined;
}

export function cacheOf(context: StoreContext): ProjectCache {
  const { db, now } = context;
  const storeBlob = blobWriter(context);
  const selectEntry = db.prepare('SELECT 1 FROM cache_entries WHERE cache_key = ?').pluck();
  const selectOutputs = db.prepare(
    'SELECT o.port, b.hash, b.bytes, b.size FROM node_outputs o JOIN blobs b ON b.hash = o.blob_hash WHERE o.cache_key = ? ORDER BY o.port',
  );
  const repairBlob = db.prepare('UPDATE blobs SET bytes = ?, size = ? WHERE hash = ?');
  /** Hashes whose stored bytes were found damaged; a put of the right bytes rewrites them. */
  const damaged = new Set<string>();
  const deleteEntry = db.prepare('DELETE FROM cache_entries WHERE cache_key = ?');
  const insertEntry = db.prepare('INSERT INTO cache_entries (cache_key, created_at) VALUES (?, ?)');
  const insertOutput = db.prepare('INSERT INTO node_outputs (cache_key, port, blob_hash) VALUES (?, ?, ?)');

  const selectOutputHash = db.prepare(
    'SELECT b.hash, b.size FROM node_outputs o JOIN blobs b ON b.hash = o.blob_hash WHERE o.cache_key = ? AND o.port = ?',
  );

  const hasSync = (key: string): boolean => selectEntry.get(key) !== undefined;

  const getSync = (key: string): Record<string, Uint8Array> | undefined =>
    read(db, () => {
      if (!hasSync(key)) return undefined;
      const outputs: Record<string, Uint8Array> = {};
      for (const row of selectOutputs.all(key) as { port: string; hash: string; bytes: Uint8Array; size: number }[]) {
        const external = row.size > 0 && asBytes(row.bytes).byteLength === 0;
        // A large blob lives in the folder beside the project (blob-files.ts); a missing file is a cache miss.
        const bytes = blobBytes(context, row.hash, row.bytes, row.size);
        if (bytes === undefined) return undefined;
        if (sha256(bytes) !== row.hash) {
          if (external) dropBlobFile(context, row.hash);
          else damaged.add(row.hash);
          return undefined;
        }
        outputs[row.port] = bytes;
      }
      return outputs;
    });

  const putSync = (key: string, outputs: Record<string, Uint8Array>): void => {
    const hashed = Object.entries(outputs).map(([port, bytes]) => ({ port, bytes, hash: sha256(bytes) }));
    write(db, () => {
      // Replacing drops the old ports too (cascade), so an entry is always exactly one put.
      deleteEntry.run(key);
      insertEntry.run(key, now());
      for (const { port, bytes, hash } of hashed) {
        storeBlob(hash, bytes);
        if (damaged.delete(hash)) repairBlob.run(bytes, bytes.byteLength, hash);
        insertOutput.run(key, port, hash);
      }
    });
  };

  return {
    hasSync,
    getSync,
    putSync,
    outputHash: (key, port) => selectOutputHash.get(key, port) as { hash: string; size: number } | undefined,
    has: async (key) => hasSync(key),
    get: async (key) => getSync(key),
    put: async (key, outputs) => putSync(key, outputs),
  };
}
