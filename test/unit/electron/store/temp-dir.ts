// Shared by the store tests: a fresh temporary folder per test, a ticking clock, row counts read from the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';

/** Call at the top of a describe block; the returned function gives the current test's folder. */
export function useTempDir(): () => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plumb-store-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** A clock that ticks one second per call, so timestamps are distinct and ordered. */
export function tickingClock(start = Date.UTC(2025, 0, 1)): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

/** Rows of a table, counted through a separate read-only connection (what is really in the file). */
export function countRows(file: string, table: string): number {
  const raw = new Database(file, { readonly: true });
  try {
    return raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  } finally {
    raw.close();
  }
}
