// What the first 100 bytes of a file say about it as an SQLite database, read without SQLite: opening someone
// else's WAL-mode database, even read-only, would create `-wal` and `-shm` files beside it.
import { closeSync, openSync, readSync } from 'node:fs';

export type SqliteHeader =
  | { kind: 'empty' }
  | { kind: 'not-sqlite' }
  | { kind: 'sqlite'; applicationId: number; userVersion: number; pages: number; wal: boolean };

const MAGIC = 'SQLite format 3\u0000';

/** The header of the file at `path` (which must exist and be a file). */
export function readSqliteHeader(path: string): SqliteHeader {
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let length: number;
  try {
    length = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (length === 0) return { kind: 'empty' };
  if (length < 100 || header.toString('latin1', 0, 16) !== MAGIC) return { kind: 'not-sqlite' };
  return {
    kind: 'sqlite',
    // Signed, as `PRAGMA application_id` reports it.
    applicationId: header.readInt32BE(68),
    userVersion: header.readInt32BE(60),
    pages: header.readUInt32BE(28),
    wal: header[18] === 2 || header[19] === 2,
  };
}
